import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER, PEER_ADDRESS_TOKEN, trustedProxyHops } from "./client-address";

const TOKEN = "0123456789abcdef0123456789abcdef";
const g = globalThis as Record<symbol, unknown>;
const reader = (headers: Record<string, string>) => (name: string) => headers[name] ?? null;

afterEach(() => {
  delete g[PEER_ADDRESS_TOKEN];
});

describe("clientAddress without a proxy (TRUSTED_PROXY_HOPS=0, the default)", () => {
  it("takes the socket address the hook recorded and ignores X-Forwarded-For and X-Real-IP", () => {
    g[PEER_ADDRESS_TOKEN] = TOKEN;
    const h = { [PEER_ADDRESS_HEADER]: `${TOKEN} 198.51.100.4`, "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" };
    expect(clientAddress(reader(h), 0)).toBe("198.51.100.4");
    expect(clientAddress(reader(h), trustedProxyHops({}))).toBe("198.51.100.4");
  });
  it("puts a peer header without the process token (sent by the client) into the one shared bucket", () => {
    g[PEER_ADDRESS_TOKEN] = TOKEN;
    expect(clientAddress(reader({ [PEER_ADDRESS_HEADER]: "guess 6.6.6.6", "x-forwarded-for": "6.6.6.6" }), 0)).toBe("unknown");
    expect(clientAddress(reader({ [PEER_ADDRESS_HEADER]: `${TOKEN.slice(0, -1)}0 6.6.6.6` }), 0)).toBe("unknown");
    expect(clientAddress(reader({ "x-forwarded-for": "6.6.6.6" }), 0)).toBe("unknown");
  });
  it("trusts no peer header at all when the hook is not installed", () => {
    expect(clientAddress(reader({ [PEER_ADDRESS_HEADER]: `${TOKEN} 6.6.6.6` }), 0)).toBe("unknown");
  });
});

describe("clientAddress behind trusted proxies", () => {
  it("takes the entry the nearest trusted proxy appended, not what the client put in front", () => {
    expect(clientAddress(reader({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }), 1)).toBe("203.0.113.7");
    expect(clientAddress(reader({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }), 2)).toBe("203.0.113.7");
  });
  it("falls back to X-Real-IP, then the socket, then to one shared bucket", () => {
    g[PEER_ADDRESS_TOKEN] = TOKEN;
    expect(clientAddress(reader({ "x-real-ip": " 198.51.100.4 " }), 1)).toBe("198.51.100.4");
    expect(clientAddress(reader({ [PEER_ADDRESS_HEADER]: `${TOKEN} 10.0.0.2` }), 1)).toBe("10.0.0.2");
    expect(clientAddress(reader({ "x-forwarded-for": "" }), 1)).toBe("unknown");
  });
  it("uses the only entry when there are fewer entries than trusted hops", () => {
    expect(clientAddress(reader({ "x-forwarded-for": "203.0.113.9" }), 3)).toBe("203.0.113.9");
  });
});

describe("TRUSTED_PROXY_HOPS", () => {
  it("is 0 unless set, and refuses anything but a whole number from 0 to 10", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: " " })).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "1" })).toBe(1);
    for (const bad of ["-1", "1.5", "one", "11"]) expect(() => trustedProxyHops({ TRUSTED_PROXY_HOPS: bad })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
