// The caller's address for the throttles of the pages used before sign-in (pre-registration, status lookup,
// staff sign-in).
//
// TRUSTED_PROXY_HOPS=0 (the default, no reverse proxy): the TCP peer of the connection, whatever the headers
// say. Next.js hands neither route handlers nor server actions the socket, and `next start` passes a
// client-sent X-Forwarded-For through unchanged (16.4 fills it from the socket only when the client sent
// none: `req.headers['x-forwarded-for'] ??= socket.remoteAddress` in next/dist/server/base-server.js). So
// server/http/peer-address.ts records the peer in PEER_ADDRESS_HEADER as Node parses each request, before
// Next sees it, prefixed with a random per-process token; a value without that token (the client's own
// header, or a request parsed before the hook was installed) is ignored and falls into the one shared
// "unknown" bucket, never into a bucket the client chose.
//
// TRUSTED_PROXY_HOPS=N (behind N reverse proxies that each append the address they saw, nginx
// `$proxy_add_x_forwarded_for`): the entry N from the right of X-Forwarded-For; entries further left are
// whatever the client sent.

/** Set by server/http/peer-address.ts on every incoming request: "<process token> <socket address>". */
export const PEER_ADDRESS_HEADER = "x-konbini-peer";
/** Where the process keeps the token (globalThis: the hook and the app's bundles share one process). */
export const PEER_ADDRESS_TOKEN = Symbol.for("konbini.peerAddressToken");

export type HeaderReader = (name: string) => string | null | undefined;

/** TRUSTED_PROXY_HOPS: 0 unless set; anything but a whole number from 0 to 10 is a configuration error. */
export function trustedProxyHops(env: Record<string, string | undefined>): number {
  const raw = env.TRUSTED_PROXY_HOPS?.trim();
  if (!raw) return 0;
  const hops = Number(raw);
  if (!/^\d+$/.test(raw) || hops > 10) throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (got "${raw}")`);
  return hops;
}

export function clientAddress(header: HeaderReader, trustedHops: number): string {
  const peer = peerAddress(header(PEER_ADDRESS_HEADER));
  if (trustedHops === 0) return peer ?? "unknown";
  const hops = (header("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const pick = hops[Math.max(0, hops.length - trustedHops)];
  return pick || header("x-real-ip")?.trim() || peer || "unknown";
}

function peerAddress(value: string | null | undefined): string | null {
  const token = (globalThis as Record<symbol, unknown>)[PEER_ADDRESS_TOKEN];
  if (typeof token !== "string" || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || !sameText(value.slice(0, space), token)) return null;
  return value.slice(space + 1).trim() || null;
}

/** Compares without stopping at the first difference (the token must not be guessable by timing). */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a.charCodeAt(i) || 0) ^ b.charCodeAt(i);
  return diff === 0;
}
