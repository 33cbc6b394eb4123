// The kiosk API over HTTP semantics: the route handlers are called with real Request objects, so signing,
// problem+json mapping, idempotency headers and the published answer schemas are tested end to end.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as eligibilityPost } from "@/app/api/kiosk/v1/eligibility/route";
import { POST as completionPost } from "@/app/api/kiosk/v1/issuances/[id]/completion/route";
import { POST as issuancePost } from "@/app/api/kiosk/v1/issuances/route";
import { GET as openApiGet } from "@/app/api/kiosk/v1/openapi.json/route";
import { REFUSAL_MESSAGES } from "@/lib/refusal-reasons";
import { ZCompletionResponse, ZEligibilityResponse, ZIssuanceResponse, ZProblem } from "@/lib/schemas/kiosk-responses";
import { ownerDb } from "@/tests/setup/owner-db";
import { signRequest } from "@/server/kiosk-protocol/http-signatures";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";

const BASE = "http://localhost/api/kiosk/v1";

beforeAll(() => {
  process.env.ALLOW_CLOCK_OVERRIDE = "true";
  delete process.env.KIOSK_PUBLIC_ORIGIN;
});
afterAll(closeRenderPool);

type Client = { keyId: string; secret: string };
type SendOptions = {
  now?: Date;
  nonce?: string;
  headers?: Record<string, string>;
  sendBody?: string;
  idempotencyKey?: string | null;
  /** Send the Idempotency-Key without covering it in the signature. */
  idempotencyKeyUnsigned?: boolean;
};

/** A signed request as a kiosk centre would send it (service hours pinned with X-Clock-Override). */
function signedRequest(path: string, body: unknown, client: Client, opts: SendOptions = {}): Request {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const url = `${BASE}${path}`;
  const key = opts.idempotencyKey ?? undefined;
  const signature = signRequest({ method: "POST", targetUri: url, body: raw, keyId: client.keyId, secret: client.secret, now: opts.now, nonce: opts.nonce, idempotencyKey: opts.idempotencyKeyUnsigned ? undefined : key });
  return new Request(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Clock-Override": OPEN_AT.toISOString(),
      ...(key !== undefined ? { "Idempotency-Key": key } : {}),
      ...signature,
      ...opts.headers,
    },
    body: opts.sendBody ?? raw,
  });
}

const eligibility = (body: unknown, client: Client, opts?: SendOptions) => eligibilityPost(signedRequest("/eligibility", body, client, opts));
const issue = (body: unknown, client: Client, key: string | null, opts: SendOptions = {}) =>
  issuancePost(signedRequest("/issuances", body, client, { ...opts, idempotencyKey: key }));
const complete = (id: string, body: unknown, client: Client, opts?: SendOptions) =>
  completionPost(signedRequest(`/issuances/${id}/completion`, body, client, opts), { params: Promise.resolve({ id }) });

/** Asserts an RFC 9457 answer with this status and code, and returns it parsed with the published schema. */
async function expectProblem(res: Response, status: number, code: string) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = ZProblem.parse(await res.json());
  expect({ httpStatus: res.status, status: problem.status, code: problem.code }).toEqual({ httpStatus: status, status, code });
  expect(problem.type).toBe(`urn:konbini-shomei:problem:${code}`);
  return problem;
}

function eligibilityBody(municipalityCode: string, card: { issuer: string; serial: string }) {
  const { transactionId, terminal, municipalityCode: code, purpose } = issueBody(municipalityCode, card);
  return { transactionId, terminal, card: { issuer: card.issuer, serial: card.serial }, municipalityCode: code, purpose };
}

async function setup(opts: Parameters<typeof createCardholder>[1] = {}) {
  const m = await createServedMunicipality();
  const holder = await createCardholder(m.id, opts);
  const api = await createApiClient();
  return { m, ...holder, api, client: { keyId: api.client.keyId, secret: api.secret } };
}

describe("kiosk API over HTTP", () => {
  it("answers eligibility with every type available and the household members", async () => {
    const { m, card, members, client } = await setup({ size: 3 });
    const res = await eligibility(eligibilityBody(m.code, card), client);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const answer = ZEligibilityResponse.parse(await res.json());
    expect(answer.municipality).toEqual({ code: m.code, name: m.name });
    expect(answer.certificates.map((c) => [c.type, c.available])).toEqual([
      ["residence", true],
      ["residence-entry", true],
      ["seal", false],
      // No tax record for this fictional resident: the tax types are listed, refused.
      ["tax-income", false],
      ["tax-assessment", false],
      ["tax-income-assessment", false],
    ]);
    expect(answer.certificates.find((c) => c.type === "seal")).toMatchObject({ reason: "seal_not_registered", message: REFUSAL_MESSAGES.seal_not_registered });
    expect(answer.householdMembers.map((h) => h.memberRef).sort()).toEqual(members.map((r) => r.id).sort());
    expect(answer.householdMembers.filter((h) => h.isRequester).map((h) => h.memberRef)).toEqual([members[0].id]);
  });

  it("issues, replays the same bytes with Idempotent-Replayed, and completes", async () => {
    const { m, card, client } = await setup();
    const body = JSON.stringify(issueBody(m.code, card, "residence", { copies: 2 }));
    const first = await issue(body, client, "http-key-0001");
    expect(first.status).toBe(200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const firstText = await first.text();
    const issued = ZIssuanceResponse.parse(JSON.parse(firstText));
    expect(issued).toMatchObject({ certificateType: "residence", copies: 2, feePerCopy: 200, feeTotal: 400 });
    expect(crypto.createHash("sha256").update(Buffer.from(issued.pdf, "base64")).digest("hex")).toBe(issued.pdfSha256);

    const again = await issue(body, client, "http-key-0001");
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(firstText);

    const done = await complete(issued.issuanceId, { outcome: "printed" }, client);
    expect(done.status).toBe(200);
    const completion = ZCompletionResponse.parse(await done.json());
    expect(completion).toMatchObject({ issuanceId: issued.issuanceId, issuanceNo: issued.issuanceNo, status: "printed" });
    const repeated = await complete(issued.issuanceId, { outcome: "printed" }, client);
    expect(ZCompletionResponse.parse(await repeated.json())).toEqual(completion);
    expect(await ownerDb().issuance.count({ where: { municipalityId: m.id } })).toBe(1);
  });

  it("refuses the same key with another body (422 idempotency_key_conflict)", async () => {
    const { m, card, client } = await setup();
    expect((await issue(issueBody(m.code, card), client, "http-conflict-1")).status).toBe(200);
    await expectProblem(await issue(issueBody(m.code, card, "residence", { copies: 2 }), client, "http-conflict-1"), 422, "idempotency_key_conflict");
  });

  it("answers a refusal at issuance with 403, the reason code and the Japanese kiosk message", async () => {
    const { m, card, client } = await setup({ resident: { status: "deceased", deceasedOn: new Date("2026-01-01") } });
    const problem = await expectProblem(await issue(issueBody(m.code, card), client, "http-deceased-1"), 403, "resident_deceased");
    expect(problem).toMatchObject({ reason: "resident_deceased", message: REFUSAL_MESSAGES.resident_deceased, detail: REFUSAL_MESSAGES.resident_deceased });
    expect(problem.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(await ownerDb().issuance.count({ where: { municipalityId: m.id } })).toBe(0);
  });

  it("refuses a member outside the household with 403 member_not_in_household", async () => {
    const { m, card, client } = await setup({ size: 2 });
    const stranger = await createCardholder(m.id);
    const body = issueBody(m.code, card, "residence", { options: { members: [stranger.head.id] } });
    const problem = await expectProblem(await issue(body, client, "http-member-01"), 403, "member_not_in_household");
    expect(problem.reason).toBe("member_not_in_household");
  });

  it("runs two concurrent requests with one Idempotency-Key exactly once", async () => {
    const { m, card, client } = await setup({ size: 2 });
    const body = JSON.stringify(issueBody(m.code, card));
    const [a, b] = await Promise.all([issue(body, client, "http-race-0001"), issue(body, client, "http-race-0001")]);
    const answers = await Promise.all([a, b].map(async (r) => ({ status: r.status, replayed: r.headers.get("idempotent-replayed"), text: await r.text() })));
    const fresh = answers.filter((x) => x.status === 200 && x.replayed === null);
    expect(fresh).toHaveLength(1);
    const other = answers.find((x) => x !== fresh[0])!;
    if (other.status === 200) {
      expect(other.replayed).toBe("true");
      expect(other.text).toBe(fresh[0].text);
    } else {
      expect(other.status).toBe(409);
      expect(JSON.parse(other.text)).toMatchObject({ code: "idempotency_key_in_progress" });
    }
    expect(await ownerDb().issuance.count({ where: { municipalityId: m.id } })).toBe(1);
  });

  describe("request authentication", () => {
    it("refuses an unsigned request (401 signature_missing)", async () => {
      const { m, card } = await setup();
      const res = await eligibilityPost(
        new Request(`${BASE}/eligibility`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(eligibilityBody(m.code, card)) }),
      );
      await expectProblem(res, 401, "signature_missing");
    });

    it("refuses a signature made with another secret (401 signature_invalid)", async () => {
      const { m, card, client } = await setup();
      await expectProblem(await eligibility(eligibilityBody(m.code, card), { ...client, secret: "not-the-secret-0000000000" }), 401, "signature_invalid");
    });

    it("refuses a signature created 6 minutes ago (401 signature_expired)", async () => {
      const { m, card, client } = await setup();
      await expectProblem(await eligibility(eligibilityBody(m.code, card), client, { now: new Date(Date.now() - 6 * 60_000) }), 401, "signature_expired");
    });

    it("accepts a signed request once and refuses it replayed (401 signature_replayed)", async () => {
      const { m, card, client } = await setup();
      const opts = { now: new Date(), nonce: `nonce-${crypto.randomUUID()}` };
      const body = eligibilityBody(m.code, card);
      expect((await eligibility(body, client, opts)).status).toBe(200);
      await expectProblem(await eligibility(body, client, opts), 401, "signature_replayed");
    });

    it("refuses a body changed after signing (400 content_digest_mismatch)", async () => {
      const { m, card, client } = await setup();
      const body = eligibilityBody(m.code, card);
      const sendBody = JSON.stringify({ ...body, card: { issuer: "JPKI", serial: "SOMEONE-ELSE" } });
      await expectProblem(await eligibility(body, client, { sendBody }), 400, "content_digest_mismatch");
    });

    it("refuses an issuance whose Idempotency-Key is swapped after signing (401 signature_invalid), and issues nothing", async () => {
      const { m, card, client } = await setup();
      const body = JSON.stringify(issueBody(m.code, card));
      // Signed for one key, sent with another: the retry of an earlier issuance is not turned into a new one,
      // nor a new request into the replay of someone's earlier answer.
      const first = await issue(body, client, "http-signed-key-1");
      expect(first.status).toBe(200);
      const swapped = await issue(body, client, "http-signed-key-2", { headers: { "Idempotency-Key": "http-signed-key-1" } });
      await expectProblem(swapped, 401, "signature_invalid");
      const toNew = await issue(body, client, "http-signed-key-1", { headers: { "Idempotency-Key": "http-signed-key-3" } });
      await expectProblem(toNew, 401, "signature_invalid");
      expect(await ownerDb().issuance.count({ where: { municipalityId: m.id } })).toBe(1);
    });

    it("refuses an issuance whose Idempotency-Key the signature does not cover (401 signature_components_missing)", async () => {
      const { m, card, client } = await setup();
      const unsigned = await issue(issueBody(m.code, card), client, "http-unsigned-01", { idempotencyKeyUnsigned: true });
      await expectProblem(unsigned, 401, "signature_components_missing");
      expect(await ownerDb().issuance.count({ where: { municipalityId: m.id } })).toBe(0);
    });

    it("refuses a revoked client and an unknown key id (401)", async () => {
      const { m, card, client, api } = await setup();
      await expectProblem(await eligibility(eligibilityBody(m.code, card), { ...client, keyId: "no-such-client" }), 401, "unknown_client");
      await ownerDb().apiClient.update({ where: { id: api.client.id }, data: { status: "revoked", revokedAt: new Date() } });
      await expectProblem(await eligibility(eligibilityBody(m.code, card), client), 401, "client_revoked");
    });
  });

  describe("request parsing", () => {
    it("answers an invalid body with 422 validation_failed and the violations", async () => {
      const { m, card, client } = await setup();
      const problem = await expectProblem(await eligibility({ ...eligibilityBody(m.code, card), municipalityCode: "12", terminal: undefined }, client), 422, "validation_failed");
      expect(problem.errors?.map((e) => e.path).sort()).toEqual(["municipalityCode", "terminal"]);
    });

    it("answers a body that is not JSON with 400 malformed_json", async () => {
      const { client } = await setup();
      await expectProblem(await eligibility("{not json", client), 400, "malformed_json");
    });

    it("requires an Idempotency-Key for an issuance (400 idempotency_key_required)", async () => {
      const { m, card, client } = await setup();
      await expectProblem(await issue(issueBody(m.code, card), client, null), 400, "idempotency_key_required");
      await expectProblem(await issue(issueBody(m.code, card), client, "short"), 400, "idempotency_key_required");
    });

    it("answers an unknown issuance id at completion with 404 issuance_not_found", async () => {
      const { client } = await setup();
      await expectProblem(await complete(crypto.randomUUID(), { outcome: "printed" }, client), 404, "issuance_not_found");
      await expectProblem(await complete("not-a-uuid", { outcome: "printed" }, client), 404, "issuance_not_found");
    });
  });

  describe("after completion", () => {
    it("answers another outcome with 409 completion_conflict", async () => {
      const { m, card, client } = await setup();
      const issued = ZIssuanceResponse.parse(await (await issue(issueBody(m.code, card), client, "http-complete-9")).json());
      expect((await complete(issued.issuanceId, { outcome: "printed" }, client)).status).toBe(200);
      const problem = await expectProblem(await complete(issued.issuanceId, { outcome: "cancelled" }, client), 409, "completion_conflict");
      expect(problem.currentStatus).toBe("printed");
    });

    it("answers a replay after completion with 410 pdf_no_longer_available", async () => {
      const { m, card, client } = await setup();
      const body = JSON.stringify(issueBody(m.code, card));
      const issued = ZIssuanceResponse.parse(await (await issue(body, client, "http-gone-0001")).json());
      expect((await complete(issued.issuanceId, { outcome: "cancelled" }, client)).status).toBe(200);
      const problem = await expectProblem(await issue(body, client, "http-gone-0001"), 410, "pdf_no_longer_available");
      expect(problem).toMatchObject({ issuanceId: issued.issuanceId, issuanceNo: issued.issuanceNo, issuanceStatus: "cancelled" });
    });
  });

  it("serves the OpenAPI document unsigned", async () => {
    const res = openApiGet();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(["/api/kiosk/v1/eligibility", "/api/kiosk/v1/issuances", "/api/kiosk/v1/issuances/{id}/completion", "/api/kiosk/v1/koseki-registrations"]);
  });
});
