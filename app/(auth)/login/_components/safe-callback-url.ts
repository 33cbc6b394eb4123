import { DEFAULT_CALLBACK_PATH, safeCallbackUrl } from "@/lib/safe-callback-url";
import { getEnv } from "@/server/env";

/**
 * The sign-in pages' callbackUrl: same-origin only (lib/safe-callback-url), and never back into the sign-in
 * flow or the auth API, which would loop.
 */
export function loginCallbackUrl(raw: string | undefined): string {
  const path = safeCallbackUrl(raw, getEnv().NEXTAUTH_URL ?? "http://localhost");
  const pathname = path.split(/[?#]/, 1)[0] ?? path;
  if (pathname === "/login" || pathname.startsWith("/login/") || pathname.startsWith("/api/")) return DEFAULT_CALLBACK_PATH;
  return path;
}

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
