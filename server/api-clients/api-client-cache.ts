import "server-only";
import { withSystemScope } from "../db/tenant";
import type { ApiClient } from "../generated/prisma/client";

// A short-lived, per-process cache of API client rows by key id, in front of the signed-request check
// (authenticate-upload-request.ts). Without it every request, signed or not, took a pool connection just to
// learn whether its key id exists — the pool the issuances need — so a flood of made-up key ids competed
// with the kiosks. With it:
// - a key id is looked up at most once per TTL (5 s) per process, whether it exists (the whole row is kept,
//   so every column the checks read — status, secrets, scopes — comes along) or not (a negative entry);
// - concurrent misses for one key id share one lookup;
// - both maps are bounded (oldest entry evicted), so made-up key ids cannot grow memory or push the real
//   clients out (negative entries live in their own map);
// - revokeApiClient / rotateApiClient (and any verb that changes a client) call forgetApiClient after their
//   commit, so THIS process sees the change at once. Other processes keep their copy until its TTL ends:
//   a revocation or a new secret takes effect everywhere within API_CLIENT_CACHE_TTL_MS (docs/security.md).
//
// Times are a monotonic clock (performance.now()), not the request's clock, which tests and demos may move.

export const API_CLIENT_CACHE_TTL_MS = 5_000;
export const API_CLIENT_CACHE_MAX_CLIENTS = 1_000;
export const API_CLIENT_CACHE_MAX_UNKNOWN = 10_000;

type Entry<T> = { value: T; loadedAt: number };

type State = {
  known: Map<string, Entry<ApiClient>>;
  unknown: Map<string, Entry<null>>;
  inflight: Map<string, Promise<ApiClient | null>>;
  /** Bumped by every forget: a lookup that started before it does not store its (possibly stale) row. */
  generation: number;
};

const g = globalThis as unknown as { __apiClientCache?: State };
const state = (): State => (g.__apiClientCache ??= { known: new Map(), unknown: new Map(), inflight: new Map(), generation: 0 });

const monotonicNow = () => performance.now();

function put<T>(map: Map<string, Entry<T>>, max: number, keyId: string, value: T, at: number) {
  map.delete(keyId); // re-inserted last: the eviction order is the load order
  map.set(keyId, { value, loadedAt: at });
  while (map.size > max) map.delete(map.keys().next().value as string);
}

export type CachedLookup = { hit: true; client: ApiClient | null } | { hit: false; knownClient: boolean };

/**
 * What the cache can say without the database: a fresh entry (`hit`), or a miss — with `knownClient` true when
 * an expired row of this key id is still held, i.e. the key id belonged to a client not long ago.
 */
export function peekApiClient(keyId: string, now = monotonicNow()): CachedLookup {
  const s = state();
  const known = s.known.get(keyId);
  if (known && now - known.loadedAt < API_CLIENT_CACHE_TTL_MS) return { hit: true, client: known.value };
  const unknown = s.unknown.get(keyId);
  if (unknown && now - unknown.loadedAt < API_CLIENT_CACHE_TTL_MS) return { hit: true, client: null };
  return { hit: false, knownClient: known !== undefined };
}

/** The client with this key id (null: none), from the cache while fresh, else from the database (one lookup per key id at a time). */
export async function findApiClientByKeyId(keyId: string, now = monotonicNow()): Promise<ApiClient | null> {
  const cached = peekApiClient(keyId, now);
  if (cached.hit) return cached.client;
  const s = state();
  const running = s.inflight.get(keyId);
  if (running) return running;
  const generation = s.generation;
  const load = async (): Promise<ApiClient | null> => {
    // Which client is calling is known only after this lookup: system work, like a staff sign-in.
    const client = await withSystemScope("api-authentication", (tx) => tx.apiClient.findUnique({ where: { keyId } }));
    if (s.generation === generation) {
      if (client) {
        s.unknown.delete(keyId);
        put(s.known, API_CLIENT_CACHE_MAX_CLIENTS, keyId, client, now);
      } else {
        s.known.delete(keyId);
        put(s.unknown, API_CLIENT_CACHE_MAX_UNKNOWN, keyId, null, now);
      }
    }
    return client;
  };
  const lookup: Promise<ApiClient | null> = load().finally(() => {
    if (s.inflight.get(keyId) === lookup) s.inflight.delete(keyId);
  });
  s.inflight.set(keyId, lookup);
  return lookup;
}

/** Drops what this process holds for a key id; call after the transaction that changed the client commits. */
export function forgetApiClient(keyId: string): void {
  const s = state();
  s.generation += 1;
  s.known.delete(keyId);
  s.unknown.delete(keyId);
  s.inflight.delete(keyId);
}

/** Empties the cache (tests that change clients behind the app's back, like another process would). */
export function clearApiClientCache(): void {
  const s = state();
  s.generation += 1;
  s.known.clear();
  s.unknown.clear();
  s.inflight.clear();
}
