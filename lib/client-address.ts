// The caller's address for throttles, from X-Forwarded-For. Entries left of the trusted proxies are whatever
// the client sent, so the address is the one TRUSTED_PROXY_HOPS entries from the right: with one reverse
// proxy that appends the peer address (nginx `$proxy_add_x_forwarded_for`), the last entry. Without a proxy,
// `next start` fills the header with the socket address only when the client sent none, so a client could
// choose its bucket: run the public pages behind a proxy (README).
export function clientAddress(forwardedFor: string | null, realIp: string | null, trustedHops = 1): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const pick = hops[Math.max(0, hops.length - Math.max(1, trustedHops))];
  return pick || realIp?.trim() || "unknown";
}
