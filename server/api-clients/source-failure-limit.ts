import "server-only";
import { isIPv6 } from "node:net";
import { clientAddress } from "@/lib/client-address";
import { getEnv } from "../env";
import { AppError } from "../errors";

// Failed authentications of the kiosk and import APIs per source address, counted in memory (per process)
// so that the count itself costs no database work. A source with more than AUTH_FAILURES_PER_SOURCE failures
// in a fixed window is answered 429 (Retry-After: the window's end) for every request that would need a
// database lookup of its key id — made-up key ids cannot make it spend pool connections any more. Requests
// whose key id the cache knows are judged as usual (the signature check needs no database), so a centre that
// shares its address with a failing neighbour keeps working. IPv6 sources count per /64 (one host holds a
// whole /64). The map is bounded: when full, ended windows go first, then the oldest.

export const AUTH_FAILURES_PER_SOURCE = 20;
export const AUTH_FAILURE_WINDOW_MS = 60_000;
export const AUTH_FAILURE_MAX_SOURCES = 10_000;

type Window = { startedAt: number; failures: number };

const g = globalThis as unknown as { __authFailures?: Map<string, Window> };
const windows = () => (g.__authFailures ??= new Map());

const monotonicNow = () => performance.now();

/** The bucket of an address: IPv4 as is, IPv6 by its /64 prefix. */
export function sourceKey(address: string): string {
  const bare = address.replace(/^\[|\](:\d+)?$/g, "").replace(/%.*$/, "");
  if (!isIPv6(bare)) return address;
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (v4) return v4[1];
  const [head, tail = ""] = bare.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail counts as two groups.
  const groups = (parts: string[]) => parts.reduce((n, p) => n + (p.includes(".") ? 2 : 1), 0);
  const full = bare.includes("::") ? [...left, ...Array(8 - groups(left) - groups(right)).fill("0"), ...right] : left;
  return `${full.slice(0, 4).map((p) => p.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** The source of a request for this limit (lib/client-address.ts, TRUSTED_PROXY_HOPS). */
export function requestSource(headers: Headers): string {
  return sourceKey(clientAddress((name) => headers.get(name), getEnv().TRUSTED_PROXY_HOPS));
}

/** Seconds until the source may try again, or 0 when it is within its limit. */
export function authFailureWait(source: string, now = monotonicNow()): number {
  const w = windows().get(source);
  if (!w || now - w.startedAt >= AUTH_FAILURE_WINDOW_MS || w.failures < AUTH_FAILURES_PER_SOURCE) return 0;
  return Math.max(1, Math.ceil((w.startedAt + AUTH_FAILURE_WINDOW_MS - now) / 1000));
}

/** Counts one failed authentication of the source. */
export function recordAuthFailure(source: string, now = monotonicNow()): void {
  const map = windows();
  const w = map.get(source);
  if (w && now - w.startedAt < AUTH_FAILURE_WINDOW_MS) {
    w.failures += 1;
    return;
  }
  map.delete(source);
  map.set(source, { startedAt: now, failures: 1 });
  if (map.size <= AUTH_FAILURE_MAX_SOURCES) return;
  for (const [key, old] of map) if (now - old.startedAt >= AUTH_FAILURE_WINDOW_MS) map.delete(key);
  while (map.size > AUTH_FAILURE_MAX_SOURCES) map.delete(map.keys().next().value as string);
}

/** The 429 a source over its limit gets (problemResponse turns retryAfterSeconds into Retry-After). */
export function authFailureLimited(retryAfterSeconds: number): AppError {
  return new AppError("rate_limited", "too many failed authentications from this address; try again later", { details: { retryAfterSeconds } });
}

/** Forgets every count (tests). */
export function clearAuthFailures(): void {
  windows().clear();
}
