// METRICS_ALLOWED_ADDRESSES: the client addresses that may read /api/metrics without a token, as a comma-separated
// list of IP addresses and CIDR ranges (IPv4 and IPv6), e.g. "127.0.0.1, 10.0.0.0/8, fd00::/8". The client address
// is the one lib/client-address.ts resolves (TRUSTED_PROXY_HOPS). No "server-only": server/env.ts parses it.
import { BlockList, isIP } from "node:net";

export type AddressRule = { address: string; prefix: number; family: "ipv4" | "ipv6" };

/** An address as sockets and proxies write it: no brackets, zone or port; an IPv4-mapped IPv6 address as IPv4. */
export function bareAddress(value: string): string {
  let v = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  v = v.replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(v);
  return mapped ? mapped[1] : v;
}

/** Parses the list; a wrong entry is an error naming it (server/env.ts reports it by the variable's name). */
export function parseAllowedAddresses(raw: string | undefined): AddressRule[] {
  const entries = (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const [host, bits, ...rest] = entry.split("/");
    const address = bareAddress(host);
    const version = isIP(address);
    const max = version === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (!version || rest.length || (bits !== undefined && !/^\d{1,3}$/.test(bits)) || prefix > max) {
      throw new Error(`METRICS_ALLOWED_ADDRESSES must be a comma-separated list of IP addresses and CIDR ranges (got "${entry}")`);
    }
    return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
  });
}

const cache = new Map<string, BlockList>();

/** True when `address` (any form bareAddress reads) is within one of the rules. */
export function addressAllowed(rules: readonly AddressRule[], address: string): boolean {
  const bare = bareAddress(address);
  const family = isIP(bare);
  if (!family || rules.length === 0) return false;
  const key = rules.map((r) => `${r.address}/${r.prefix}`).join(",");
  let list = cache.get(key);
  if (!list) {
    list = new BlockList();
    for (const r of rules) list.addSubnet(r.address, r.prefix, r.family);
    if (cache.size > 16) cache.clear();
    cache.set(key, list);
  }
  return list.check(bare, family === 4 ? "ipv4" : "ipv6");
}
