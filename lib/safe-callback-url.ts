/** Where a sign-in goes when no usable callbackUrl was given. */
export const DEFAULT_CALLBACK_PATH = "/dashboard";

type Options = {
  /**
   * Also accept an absolute URL that starts with exactly `${origin}/`. Only for next-auth's redirect callback,
   * which is handed the page's own absolute address (signIn's default callbackUrl is window.location.href).
   * User-supplied values from the sign-in pages never need it.
   */
  allowAbsoluteSameOrigin?: boolean;
  /** Returned instead of an unsafe value; DEFAULT_CALLBACK_PATH unless given. */
  fallback?: string;
};

// Any C0 control character or DEL. Browsers strip tab, CR and LF from URLs, so `/\t/evil.example` is followed
// as `//evil.example` (protocol-relative) — the classic open-redirect bypass of a "starts with /" check.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The one check for every followed callbackUrl: returns a same-origin path (path + search + hash) or the
 * fallback. `origin` is the app's origin (e.g. "http://localhost:3000").
 *
 * Refused: empty values; control characters; backslashes anywhere (browsers read `\` as `/`); anything not
 * starting with a single `/` (so every scheme — https:, javascript:, data: — and protocol-relative `//`);
 * and whatever still resolves to another origin. The checks run on the value as given and once more after one
 * percent-decoding, so `/%5C%5Cevil.example` or `/%09/evil.example` arriving still encoded are refused too;
 * a value that does not decode (a stray `%`) is refused rather than guessed at.
 */
export function safeCallbackUrl(raw: string | null | undefined, origin: string, options: Options = {}): string {
  const fallback = options.fallback ?? DEFAULT_CALLBACK_PATH;
  if (!raw) return fallback;
  const base = new URL(origin);

  let value = raw;
  if (options.allowAbsoluteSameOrigin && value.startsWith(`${base.origin}/`)) value = value.slice(base.origin.length);

  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  for (const candidate of [value, decoded]) {
    if (CONTROL.test(candidate) || candidate.includes("\\")) return fallback;
    if (!candidate.startsWith("/") || candidate.startsWith("//")) return fallback;
  }

  let resolved: URL;
  try {
    resolved = new URL(value, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base.origin) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
