import { describe, expect, it } from "vitest";
import { authenticateKioskRequest } from "@/server/api-clients/authenticate-request";
import { createApiClient } from "@/server/api-clients/create-api-client";
import { listApiClients } from "@/server/api-clients/list-api-clients";
import { revokeApiClient } from "@/server/api-clients/revoke-api-client";
import { rotateApiClient } from "@/server/api-clients/rotate-api-client";
import type { RequestContext } from "@/server/context";
import { decryptField, FieldContext } from "@/server/crypto/field-encryption";
import { ownerDb } from "@/tests/setup/owner-db";
import { signRequest } from "@/server/kiosk-protocol/http-signatures";
import { createMunicipality } from "../factories";

const staffCtx = (role: "operator" | "municipal_admin" | "clerk" | "auditor", municipalityId: string | null = null): RequestContext => ({
  actor: { type: "staff", id: "00000000-0000-7000-8000-000000000001", role, municipalityId },
  municipalityId,
  requestId: "r",
});
const operator = staffCtx("operator");
const URL_ = "http://localhost/api/kiosk/v1/eligibility";

// A fixed instant: codes and signatures are made and judged on the same clock, whatever the day.
const NOW = new Date("2026-11-27T10:00:00+09:00");

/** A request signed with `secret` as a kiosk centre would send it, authenticated at `now`. */
function authenticate(keyId: string, secret: string, now = NOW) {
  const body = JSON.stringify({ hello: "world" });
  const headers = new Headers(signRequest({ method: "POST", targetUri: URL_, body, keyId, secret, now }));
  return authenticateKioskRequest({ method: "POST", targetUri: URL_, headers, body: new TextEncoder().encode(body) }, now);
}

describe("createApiClient", () => {
  it("returns the secret once, stores it encrypted, and the client can sign requests", async () => {
    const { client, secret } = await createApiClient({ ctx: operator, input: { name: "テストセンター", municipalityCode: "", scopes: ["kiosk_issuance"] } });
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(client.keyId).toMatch(/^centre-/);
    expect(client).not.toHaveProperty("secretCipher");
    const row = await ownerDb().apiClient.findUniqueOrThrow({ where: { id: client.id } });
    expect(row.secretCipher).not.toContain(secret);
    expect(decryptField(row.secretCipher, FieldContext.apiClientSecret)).toBe(secret);
    const ctx = await authenticate(client.keyId, secret);
    expect(ctx).toMatchObject({ actor: { type: "api_client", id: client.id }, municipalityId: null });
    expect(await ownerDb().auditEvent.findFirstOrThrow({ where: { targetId: client.id, action: "api_client.create" } })).toMatchObject({ details: { scopes: ["kiosk_issuance"] } });
    expect(client.scopes).toEqual(["kiosk_issuance"]);
    expect(ctx).toMatchObject({ actor: { scopes: ["kiosk_issuance"] } });
    expect((await listApiClients({ ctx: operator })).some((c) => c.id === client.id)).toBe(true);
  });

  it("confines a client to one municipality by code", async () => {
    const m = await createMunicipality();
    const { client, secret } = await createApiClient({ ctx: operator, input: { name: "専用", municipalityCode: m.code, scopes: ["kiosk_issuance"] } });
    expect(client.municipality).toEqual({ code: m.code, name: m.name });
    expect((await authenticate(client.keyId, secret)).municipalityId).toBe(m.id);
  });
});

describe("rotateApiClient", () => {
  it("keeps the previous secret valid for 24 hours and the new one valid from now", async () => {
    const { client, secret: oldSecret } = await createApiClient({ ctx: operator, input: { name: "回転", municipalityCode: "", scopes: ["kiosk_issuance"] } });
    const rotatedAt = NOW;
    const { secret: newSecret, client: after } = await rotateApiClient({ ctx: operator, input: { id: client.id }, now: rotatedAt });
    expect(newSecret).not.toBe(oldSecret);
    expect(new Date(after.previousValidUntil!).getTime()).toBe(rotatedAt.getTime() + 24 * 3_600_000);

    await expect(authenticate(client.keyId, newSecret)).resolves.toMatchObject({ actor: { id: client.id } });
    await expect(authenticate(client.keyId, oldSecret)).resolves.toMatchObject({ actor: { id: client.id } });
    const later = new Date(rotatedAt.getTime() + 24 * 3_600_000 + 1_000);
    await expect(authenticate(client.keyId, oldSecret, later)).rejects.toMatchObject({ status: 401 });
    await expect(authenticate(client.keyId, newSecret, later)).resolves.toMatchObject({ actor: { id: client.id } });
    expect(await ownerDb().auditEvent.count({ where: { targetId: client.id, action: "api_client.rotate" } })).toBe(1);
  });
});

describe("revokeApiClient", () => {
  it("refuses the revoked client's signed requests with client_revoked", async () => {
    const { client, secret } = await createApiClient({ ctx: operator, input: { name: "失効", municipalityCode: "", scopes: ["kiosk_issuance"] } });
    await rotateApiClient({ ctx: operator, input: { id: client.id } });
    const revoked = await revokeApiClient({ ctx: operator, input: { id: client.id } });
    expect(revoked.status).toBe("revoked");
    expect(revoked.revokedAt).not.toBeNull();
    await expect(authenticate(client.keyId, secret)).rejects.toMatchObject({ code: "client_revoked", status: 401 });
    await expect(rotateApiClient({ ctx: operator, input: { id: client.id } })).rejects.toMatchObject({ code: "api_client_revoked" });
    await expect(revokeApiClient({ ctx: operator, input: { id: client.id } })).rejects.toMatchObject({ code: "api_client_revoked" });
    expect(await ownerDb().auditEvent.count({ where: { targetId: client.id, action: "api_client.revoke" } })).toBe(1);
  });
});

describe("the API client cache (api-client-cache.ts)", () => {
  it("a rotation and a revocation take effect at this process's very next request, although the row was cached", async () => {
    const { client, secret } = await createApiClient({ ctx: operator, input: { name: "キャッシュ", municipalityCode: "", scopes: ["kiosk_issuance"] } });
    await expect(authenticate(client.keyId, secret)).resolves.toMatchObject({ actor: { id: client.id } });
    const { secret: newSecret } = await rotateApiClient({ ctx: operator, input: { id: client.id }, now: NOW });
    await expect(authenticate(client.keyId, newSecret)).resolves.toMatchObject({ actor: { id: client.id } });
    await revokeApiClient({ ctx: operator, input: { id: client.id }, now: NOW });
    await expect(authenticate(client.keyId, newSecret)).rejects.toMatchObject({ code: "client_revoked", status: 401 });
  });
});

describe("non-operators", () => {
  it("are refused every verb, and nothing changes", async () => {
    const m = await createMunicipality();
    const { client, secret } = await createApiClient({ ctx: operator, input: { name: "対象", municipalityCode: m.code, scopes: ["kiosk_issuance"] } });
    const before = await ownerDb().apiClient.findUniqueOrThrow({ where: { id: client.id } });
    const clientsBefore = await ownerDb().apiClient.count();
    for (const role of ["municipal_admin", "clerk", "auditor"] as const) {
      const ctx = staffCtx(role, m.id);
      await expect(listApiClients({ ctx })).rejects.toMatchObject({ code: "forbidden" });
      await expect(createApiClient({ ctx, input: { name: "不正", municipalityCode: m.code, scopes: ["kiosk_issuance"] } })).rejects.toMatchObject({ code: "forbidden" });
      await expect(rotateApiClient({ ctx, input: { id: client.id } })).rejects.toMatchObject({ code: "forbidden" });
      await expect(revokeApiClient({ ctx, input: { id: client.id } })).rejects.toMatchObject({ code: "forbidden" });
    }
    const apiCtx: RequestContext = { actor: { type: "api_client", id: client.id, municipalityId: m.id }, municipalityId: m.id, requestId: "r" };
    await expect(rotateApiClient({ ctx: apiCtx, input: { id: client.id } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await ownerDb().apiClient.count()).toBe(clientsBefore);
    expect(await ownerDb().apiClient.findUniqueOrThrow({ where: { id: client.id } })).toEqual(before);
    await expect(authenticate(client.keyId, secret)).resolves.toMatchObject({ actor: { id: client.id } });
    expect(await ownerDb().auditEvent.count({ where: { targetId: client.id } })).toBe(1);
  });
});
