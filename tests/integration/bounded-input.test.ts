// Issue 14 item 4, over the kiosk API's route handlers with real Request objects: a body over the limit is
// refused from its Content-Length and while streaming, before authentication and before it is held in memory;
// made-up key ids cost no database connection after the first lookup (the API client cache) and a source that
// keeps failing is answered 429 before the database, while a known client from the same address still works.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as eligibilityPost } from "@/app/api/kiosk/v1/eligibility/route";
import { ZProblem } from "@/lib/schemas/kiosk-responses";
import { clearApiClientCache, peekApiClient } from "@/server/api-clients/api-client-cache";
import { AUTH_FAILURES_PER_SOURCE, clearAuthFailures } from "@/server/api-clients/source-failure-limit";
import * as tenant from "@/server/db/tenant";
import { signRequest } from "@/server/kiosk-protocol/http-signatures";
import { createApiClient } from "../factories/issuance";

const URL_ = "http://localhost/api/kiosk/v1/eligibility";
const LIMIT = 64 * 1024;

beforeEach(() => {
  clearApiClientCache();
  clearAuthFailures();
  vi.restoreAllMocks();
});

/** A body stream that counts what was pulled from it and never ends on its own (a slow or endless sender). */
function endlessBody(chunkBytes = 16 * 1024) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = ZProblem.parse(await res.json());
  expect({ status: res.status, code: problem.code }).toEqual({ status, code });
  return problem;
}

function unsigned(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request(URL_, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body, duplex: "half" } as RequestInit);
}

function signedFor(keyId: string, secret: string, raw = "{}"): Request {
  return new Request(URL_, { method: "POST", headers: { "Content-Type": "application/json", ...signRequest({ method: "POST", targetUri: URL_, body: raw, keyId, secret }) }, body: raw });
}

describe("kiosk API body limit", () => {
  it("refuses a declared Content-Length over 64 KiB with 413 before reading a byte or authenticating", async () => {
    const { stream, state } = endlessBody();
    const dbSpy = vi.spyOn(tenant, "withSystemScope");
    // No signature at all: a 401 would mean authentication ran first.
    const res = await eligibilityPost(unsigned(stream, { "Content-Length": String(10 * 1024 * 1024) }));
    await expectProblem(res, 413, "payload_too_large");
    expect(state.pulled).toBeLessThanOrEqual(16 * 1024); // at most what the stream pre-filled
    expect(dbSpy).not.toHaveBeenCalled();
  });

  it("refuses a body without a length as soon as it passes the limit, and stops pulling the rest", async () => {
    const { stream, state } = endlessBody();
    const dbSpy = vi.spyOn(tenant, "withSystemScope");
    const res = await eligibilityPost(unsigned(stream));
    await expectProblem(res, 413, "payload_too_large");
    // The limit plus at most two chunks (the one that crossed it and one buffered ahead), never the whole stream.
    expect(state.pulled).toBeLessThanOrEqual(LIMIT + 3 * 16 * 1024);
    expect(state.cancelled).toBe(true);
    expect(dbSpy).not.toHaveBeenCalled();
  });

  it("accepts a body at the limit as far as authentication (401, not 413)", async () => {
    const res = await eligibilityPost(unsigned(" ".repeat(LIMIT)));
    await expectProblem(res, 401, "signature_missing");
  });
});

describe("unknown key ids before the database", () => {
  it("looks an unknown key id up once, then answers from the cache", async () => {
    const dbSpy = vi.spyOn(tenant, "withSystemScope");
    const secret = "x".repeat(43);
    await expectProblem(await eligibilityPost(signedFor("made-up-key", secret)), 401, "unknown_client");
    await expectProblem(await eligibilityPost(signedFor("made-up-key", secret)), 401, "unknown_client");
    await expectProblem(await eligibilityPost(signedFor("made-up-key", secret)), 401, "unknown_client");
    expect(peekApiClient("made-up-key")).toEqual({ hit: true, client: null });
    expect(dbSpy.mock.calls.filter(([label]) => label === "api-authentication")).toHaveLength(1);
  });

  it("answers 429 with Retry-After to a source over its failure limit without a lookup, while a known client from that source still authenticates", async () => {
    const api = await createApiClient();
    // The known client is in the cache from a first request.
    await eligibilityPost(signedFor(api.client.keyId, api.secret));
    const secret = "y".repeat(43);
    for (let i = 0; i < AUTH_FAILURES_PER_SOURCE; i++) {
      await expectProblem(await eligibilityPost(signedFor(`made-up-${i}`, secret)), 401, "unknown_client");
    }
    const dbSpy = vi.spyOn(tenant, "withSystemScope");
    const limited = await eligibilityPost(signedFor("made-up-next", secret));
    await expectProblem(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(dbSpy.mock.calls.filter(([label]) => label === "api-authentication")).toHaveLength(0);
    // The known client is judged as usual (its body is invalid here: 422/400, not 429 and not 401).
    const known = await eligibilityPost(signedFor(api.client.keyId, api.secret));
    expect(known.status).not.toBe(429);
    expect(known.status).not.toBe(401);
  });
});
