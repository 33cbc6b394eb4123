import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/client-address";
import { getEnv } from "../env";
import { installPeerAddressHook } from "./peer-address";

// Over real HTTP: a Node server whose handler reads the address the way the public actions do (from the
// parsed headers only, with the default TRUSTED_PROXY_HOPS), as `next start` hands them to the app.
let server: http.Server;
let base: string;

beforeAll(async () => {
  delete process.env.TRUSTED_PROXY_HOPS;
  installPeerAddressHook();
  server = http.createServer((req, res) => {
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === "string" ? v : null;
    };
    res.end(clientAddress(header, getEnv().TRUSTED_PROXY_HOPS));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const addressFor = async (headers: Record<string, string>) => (await fetch(base, { headers })).text();

describe("the peer address hook", () => {
  it("gives the socket's address, whatever X-Forwarded-For, X-Real-IP or a forged peer header say", async () => {
    const plain = await addressFor({});
    expect(plain).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(await addressFor({ "X-Forwarded-For": "6.6.6.6" })).toBe(plain);
    expect(await addressFor({ "X-Forwarded-For": "6.6.6.6, 7.7.7.7", "X-Real-IP": "8.8.8.8" })).toBe(plain);
    expect(await addressFor({ "X-Konbini-Peer": "0123456789abcdef0123456789abcdef 6.6.6.6" })).toBe(plain);
  });
  it("installs once per process", () => {
    const token = (globalThis as Record<symbol, unknown>)[Symbol.for("konbini.peerAddressToken")];
    installPeerAddressHook();
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("konbini.peerAddressToken")]).toBe(token);
  });
});
