// API client scopes over HTTP: real signed Requests to the exported route handlers. An import job's key cannot
// issue, a centre's key cannot import, the 利用登録 intake needs its own scope, and a change of scopes by the
// operator (audited, operator only) takes effect with the client's next request.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as importPost } from "@/app/api/imports/v1/[feed]/route";
import { POST as eligibilityPost } from "@/app/api/kiosk/v1/eligibility/route";
import { POST as completionPost } from "@/app/api/kiosk/v1/issuances/[id]/completion/route";
import { POST as issuancePost } from "@/app/api/kiosk/v1/issuances/route";
import { POST as registrationPost } from "@/app/api/kiosk/v1/koseki-registrations/route";
import { ZProblem } from "@/lib/schemas/kiosk-responses";
import { createApiClient as createApiClientVerb } from "@/server/api-clients/create-api-client";
import { updateApiClientScopes } from "@/server/api-clients/update-api-client-scopes";
import { revokeApiClient } from "@/server/api-clients/revoke-api-client";
import type { RequestContext } from "@/server/context";
import type { ApiClientScope } from "@/server/generated/prisma/enums";
import { signRequest } from "@/server/kiosk-protocol/http-signatures";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { ownerDb } from "@/tests/setup/owner-db";
import { createMunicipality } from "../factories";
import { RESIDENT_KEYS, residentRow, toCsv } from "../factories/imports";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";
import { createKosekiMunicipality, kioskRegistrationBody, nonResidentWithKoseki } from "../factories/koseki-registration";

const KIOSK = "http://localhost/api/kiosk/v1";
const IMPORTS = "http://localhost/api/imports/v1";

beforeAll(() => {
  process.env.ALLOW_CLOCK_OVERRIDE = "true";
  delete process.env.KIOSK_PUBLIC_ORIGIN;
});
afterAll(closeRenderPool);

type Client = { keyId: string; secret: string };

function kioskRequest(path: string, body: unknown, client: Client, idempotencyKey?: string): Request {
  const raw = JSON.stringify(body);
  const url = `${KIOSK}${path}`;
  const signed = signRequest({ method: "POST", targetUri: url, body: raw, keyId: client.keyId, secret: client.secret, idempotencyKey });
  return new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Clock-Override": OPEN_AT.toISOString(), ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}), ...signed },
    body: raw,
  });
}

const eligibility = (body: unknown, c: Client) => eligibilityPost(kioskRequest("/eligibility", body, c));
const issue = (body: unknown, c: Client, key: string) => issuancePost(kioskRequest("/issuances", body, c, key));
const complete = (id: string, c: Client) => completionPost(kioskRequest(`/issuances/${id}/completion`, { outcome: "printed" }, c), { params: Promise.resolve({ id }) });
const register = (body: unknown, c: Client) => registrationPost(kioskRequest("/koseki-registrations", body, c));

function importFile(feed: string, body: Buffer, c: Client) {
  const url = `${IMPORTS}/${feed}?mode=full`;
  const signed = signRequest({ method: "POST", targetUri: url, body, keyId: c.keyId, secret: c.secret });
  return importPost(new Request(url, { method: "POST", headers: { "Content-Type": "text/csv", ...signed }, body: new Uint8Array(body) }), { params: Promise.resolve({ feed }) });
}

async function expectScopeRefused(res: Response, requiredScope: ApiClientScope) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = ZProblem.parse(await res.json());
  expect({ status: res.status, code: problem.code, requiredScope: problem.requiredScope }).toEqual({ status: 403, code: "scope_not_granted", requiredScope });
  expect(problem.type).toBe("urn:konbini-shomei:problem:scope_not_granted");
}

async function clientWith(scopes: ApiClientScope[], municipalityId: string | null = null) {
  const api = await createApiClient({ municipalityId, scopes });
  return { id: api.client.id, keyId: api.client.keyId, secret: api.secret };
}

function eligibilityBody(municipalityCode: string, card: { issuer: string; serial: string }) {
  const { transactionId, terminal, purpose } = issueBody(municipalityCode, card);
  return { transactionId, terminal, card: { issuer: card.issuer, serial: card.serial }, municipalityCode, purpose };
}

describe("an import key at the kiosk API", () => {
  it("is refused eligibility, issuance, completion and the 利用登録 intake with 403 scope_not_granted, and nothing is issued", async () => {
    const m = await createServedMunicipality();
    const { card } = await createCardholder(m.id);
    const importKey = await clientWith(["imports"], m.id);

    await expectScopeRefused(await eligibility(eligibilityBody(m.code, card), importKey), "kiosk_issuance");
    await expectScopeRefused(await issue(issueBody(m.code, card), importKey, "scope-import-key-1"), "kiosk_issuance");
    await expectScopeRefused(await complete(crypto.randomUUID(), importKey), "kiosk_issuance");
    await expectScopeRefused(await register(kioskRegistrationBody(m.code, card), importKey), "koseki_intake");
    expect(await ownerDb().issuance.count({ where: { apiClientId: importKey.id } })).toBe(0);

    // The same municipality and card with a kiosk key: the refusal was the scope, nothing else.
    const kioskKey = await clientWith(["kiosk_issuance"], m.id);
    expect((await eligibility(eligibilityBody(m.code, card), kioskKey)).status).toBe(200);
    expect((await issue(issueBody(m.code, card), kioskKey, "scope-kiosk-key-1")).status).toBe(200);
  });
});

describe("a kiosk key at the import API", () => {
  it("is refused with 403 scope_not_granted before the body is read, and nothing is imported", async () => {
    const m = await createMunicipality();
    const kioskKey = await clientWith(["kiosk_issuance", "koseki_intake"], m.id);
    const body = Buffer.from(toCsv(RESIDENT_KEYS, [residentRow()]));
    await expectScopeRefused(await importFile("residents", body, kioskKey), "imports");
    expect(await ownerDb().resident.count({ where: { municipalityId: m.id } })).toBe(0);
    expect(await ownerDb().importJob.count({ where: { municipalityId: m.id } })).toBe(0);

    const importKey = await clientWith(["imports"], m.id);
    expect((await importFile("residents", body, importKey)).status).toBe(200);
    expect(await ownerDb().resident.count({ where: { municipalityId: m.id } })).toBe(1);
  });
});

describe("the 利用登録 intake scope", () => {
  it("lets an intake-only key apply, and only apply; a kiosk issuance key may not apply", async () => {
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const p = await nonResidentWithKoseki(home, town);
    const issuanceKey = await clientWith(["kiosk_issuance"]);
    await expectScopeRefused(await register(kioskRegistrationBody(town.code, p.card), issuanceKey), "koseki_intake");
    expect(await ownerDb().kosekiRegistration.count({ where: { municipalityId: town.id } })).toBe(0);

    const intakeKey = await clientWith(["koseki_intake"]);
    expect((await register(kioskRegistrationBody(town.code, p.card), intakeKey)).status).toBe(200);
    expect(await ownerDb().kosekiRegistration.count({ where: { municipalityId: town.id } })).toBe(1);
    await expectScopeRefused(await eligibility(eligibilityBody(home.code, p.card), intakeKey), "kiosk_issuance");
  });
});

const NOW = new Date("2026-11-27T10:00:00+09:00");
const staffCtx = (role: "operator" | "municipal_admin" | "clerk" | "auditor", municipalityId: string | null = null): RequestContext => ({
  actor: { type: "staff", id: "00000000-0000-7000-8000-000000000001", role, municipalityId },
  municipalityId,
  requestId: "r",
});
const operator = staffCtx("operator");

describe("updateApiClientScopes", () => {
  it("changes what the client may call from its next request, audited with the scopes before and after", async () => {
    const m = await createServedMunicipality();
    const { card } = await createCardholder(m.id);
    const { client, secret } = await createApiClientVerb({ ctx: operator, input: { name: "変更", municipalityCode: m.code, scopes: ["kiosk_issuance"] } });
    const key = { keyId: client.keyId, secret };
    expect((await eligibility(eligibilityBody(m.code, card), key)).status).toBe(200);

    const after = await updateApiClientScopes({ ctx: operator, input: { id: client.id, scopes: ["imports", "koseki_intake"] } });
    expect(after.scopes).toEqual(["koseki_intake", "imports"]); // stored in the fixed order
    await expectScopeRefused(await eligibility(eligibilityBody(m.code, card), key), "kiosk_issuance");
    const events = await ownerDb().auditEvent.findMany({ where: { targetId: client.id, action: "api_client.update_scopes" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "staff", municipalityId: null, details: { keyId: client.keyId, before: ["kiosk_issuance"], after: ["koseki_intake", "imports"] } });

    // The same scopes again change nothing and write no audit event.
    await updateApiClientScopes({ ctx: operator, input: { id: client.id, scopes: ["koseki_intake", "imports"] } });
    expect(await ownerDb().auditEvent.count({ where: { targetId: client.id, action: "api_client.update_scopes" } })).toBe(1);

    await updateApiClientScopes({ ctx: operator, input: { id: client.id, scopes: ["kiosk_issuance"] } });
    expect((await eligibility(eligibilityBody(m.code, card), key)).status).toBe(200);
  });

  it("refuses imports for a client serving every municipality, an empty list, a revoked client and an unknown id", async () => {
    const { client } = await createApiClientVerb({ ctx: operator, input: { name: "全自治体", municipalityCode: "", scopes: ["kiosk_issuance"] } });
    await expect(updateApiClientScopes({ ctx: operator, input: { id: client.id, scopes: ["kiosk_issuance", "imports"] } })).rejects.toMatchObject({ code: "scope_requires_municipality", status: 422 });
    await expect(updateApiClientScopes({ ctx: operator, input: { id: client.id, scopes: [] } })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(updateApiClientScopes({ ctx: operator, input: { id: crypto.randomUUID(), scopes: ["kiosk_issuance"] } })).rejects.toMatchObject({ code: "not_found" });
    await revokeApiClient({ ctx: operator, input: { id: client.id }, now: NOW });
    await expect(updateApiClientScopes({ ctx: operator, input: { id: client.id, scopes: ["koseki_intake"] } })).rejects.toMatchObject({ code: "api_client_revoked" });
    expect((await ownerDb().apiClient.findUniqueOrThrow({ where: { id: client.id } })).scopes).toEqual(["kiosk_issuance"]);
    expect(await ownerDb().auditEvent.count({ where: { targetId: client.id, action: "api_client.update_scopes" } })).toBe(0);
  });

  it("is operator only: a municipal administrator cannot change another municipality's client (nor their own), and nothing changes", async () => {
    const a = await createMunicipality();
    const b = await createMunicipality();
    const { client: bClient } = await createApiClientVerb({ ctx: operator, input: { name: "B取込", municipalityCode: b.code, scopes: ["imports"] } });
    const { client: aClient } = await createApiClientVerb({ ctx: operator, input: { name: "A取込", municipalityCode: a.code, scopes: ["imports"] } });
    for (const role of ["municipal_admin", "clerk", "auditor"] as const) {
      const ctx = staffCtx(role, a.id);
      for (const id of [bClient.id, aClient.id]) {
        await expect(updateApiClientScopes({ ctx, input: { id, scopes: ["kiosk_issuance", "koseki_intake", "imports"] } })).rejects.toMatchObject({ code: "forbidden" });
      }
    }
    const apiCtx: RequestContext = { actor: { type: "api_client", id: bClient.id, municipalityId: b.id, scopes: ["imports"] }, municipalityId: b.id, requestId: "r" };
    await expect(updateApiClientScopes({ ctx: apiCtx, input: { id: bClient.id, scopes: ["kiosk_issuance"] } })).rejects.toMatchObject({ code: "forbidden" });
    for (const id of [aClient.id, bClient.id]) {
      expect((await ownerDb().apiClient.findUniqueOrThrow({ where: { id } })).scopes).toEqual(["imports"]);
      expect(await ownerDb().auditEvent.count({ where: { targetId: id, action: "api_client.update_scopes" } })).toBe(0);
    }
  });
});
