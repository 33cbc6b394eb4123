/** Only same-site paths: an absolute or protocol-relative callbackUrl would be an open redirect. */
export function safeCallbackUrl(raw: string | undefined): string | undefined {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return undefined;
  if (raw === "/login" || raw.startsWith("/login?") || raw.startsWith("/login/") || raw.startsWith("/api/")) return undefined;
  return raw;
}

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
