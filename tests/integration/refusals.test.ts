// Refusals are recorded (issue 22, item 1): every type an eligibility answer refuses and every refused issuance,
// over the real kiosk routes; codes only, under the tenant policy; purged after the retention period; counted
// by reason and by day for the statistics page.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as eligibilityPost } from "@/app/api/kiosk/v1/eligibility/route";
import { POST as issuancePost } from "@/app/api/kiosk/v1/issuances/route";
import { withTenant } from "@/server/db/tenant";
import { signRequest } from "@/server/kiosk-protocol/http-signatures";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { getRefusalStatistics } from "@/server/refusals/get-refusal-statistics";
import { purgeRefusals } from "@/server/refusals/purge-refusals";
import { staffCtx } from "@/tests/factories/contexts";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "@/tests/factories/issuance";
import { ownerDb } from "@/tests/setup/owner-db";

const BASE = "http://localhost/api/kiosk/v1";

beforeAll(() => {
  process.env.ALLOW_CLOCK_OVERRIDE = "true";
  delete process.env.KIOSK_PUBLIC_ORIGIN;
});
afterAll(closeRenderPool);

type Client = { keyId: string; secret: string };

/** A signed kiosk request (service hours pinned with X-Clock-Override), as tests/integration/kiosk-http.test.ts sends them. */
function signed(path: string, body: unknown, client: Client, idempotencyKey?: string, secret = client.secret): Request {
  const raw = JSON.stringify(body);
  const url = `${BASE}${path}`;
  const signature = signRequest({ method: "POST", targetUri: url, body: raw, keyId: client.keyId, secret, idempotencyKey });
  return new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Clock-Override": OPEN_AT.toISOString(), ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}), ...signature },
    body: raw,
  });
}

function eligibilityBody(municipalityCode: string, card: { issuer: string; serial: string }) {
  const { transactionId, terminal, purpose } = issueBody(municipalityCode, card);
  return { transactionId, terminal, card: { issuer: card.issuer, serial: card.serial }, municipalityCode, purpose };
}

async function setup(opts: Parameters<typeof createCardholder>[1] = {}) {
  const m = await createServedMunicipality();
  const holder = await createCardholder(m.id, opts);
  const api = await createApiClient();
  return { m, ...holder, client: { keyId: api.client.keyId, secret: api.secret } };
}

const refusalsOf = (municipalityId: string) => ownerDb().refusal.findMany({ where: { municipalityId }, orderBy: [{ source: "asc" }, { certificateType: "asc" }] });

describe("refusals", () => {
  it("records every type an eligibility answer refuses, with reason, type, time, terminal and resident", async () => {
    const { m, card, head, client } = await setup();
    const res = await eligibilityPost(signed("/eligibility", eligibilityBody(m.code, card), client));
    expect(res.status).toBe(200);
    const rows = await refusalsOf(m.id);
    // No seal registration and no tax record: the seal and the three tax types are refused, the 住民票 types not.
    expect(rows.map((r) => [r.source, r.certificateType, r.reason])).toEqual([
      ["eligibility", "seal", "seal_not_registered"],
      ["eligibility", "tax_income", "tax_record_missing"],
      ["eligibility", "tax_assessment", "tax_record_missing"],
      ["eligibility", "tax_income_assessment", "tax_record_missing"],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ refusedAt: OPEN_AT, storeChain: "test-mart", storeCode: "0001", terminalId: "T1", residentId: head.id });
    }
  });

  it("records an unknown card without a resident, and nothing for a request that fails authentication", async () => {
    const { m, client } = await setup();
    const unknown = { issuer: "JPKI", serial: `NOPE-${crypto.randomUUID()}` };
    expect((await eligibilityPost(signed("/eligibility", eligibilityBody(m.code, unknown), client))).status).toBe(200);
    const rows = await refusalsOf(m.id);
    expect(new Set(rows.map((r) => r.reason))).toEqual(new Set(["card_unknown"]));
    expect(rows.every((r) => r.residentId === null)).toBe(true);

    const before = await ownerDb().refusal.count({ where: { municipalityId: m.id } });
    const forged = await eligibilityPost(signed("/eligibility", eligibilityBody(m.code, unknown), client, undefined, "not-the-secret"));
    expect(forged.status).toBe(401);
    expect(await ownerDb().refusal.count({ where: { municipalityId: m.id } })).toBe(before);
  });

  it("records a refused issuance after its transaction rolled back, and issues nothing", async () => {
    const { m, card, head, client } = await setup({ resident: { status: "deceased", deceasedOn: new Date("2026-01-01") } });
    const res = await issuancePost(signed("/issuances", issueBody(m.code, card, "residence"), client, "refusal-key-1"));
    expect(res.status).toBe(403);
    expect(await ownerDb().issuance.count({ where: { municipalityId: m.id } })).toBe(0);
    const rows = await refusalsOf(m.id);
    expect(rows.map((r) => ({ source: r.source, type: r.certificateType, reason: r.reason, at: r.refusedAt, resident: r.residentId, terminal: r.terminalId }))).toEqual([
      { source: "issuance", type: "residence", reason: "resident_deceased", at: OPEN_AT, resident: head.id, terminal: "T1" },
    ]);
  });

  it("a successful issuance records no refusal, and its replay neither", async () => {
    const { m, card, client } = await setup({ seal: true });
    const body = issueBody(m.code, card, "residence");
    expect((await issuancePost(signed("/issuances", body, client, "ok-key-1"))).status).toBe(200);
    expect((await issuancePost(signed("/issuances", body, client, "ok-key-1"))).status).toBe(200);
    expect(await ownerDb().refusal.count({ where: { municipalityId: m.id } })).toBe(0);
    expect(await ownerDb().issuance.count({ where: { municipalityId: m.id } })).toBe(1);
  });

  it("another municipality's staff cannot read a municipality's refusals (row-level security)", async () => {
    const { m, client, card } = await setup();
    await eligibilityPost(signed("/eligibility", eligibilityBody(m.code, card), client));
    const other = await createServedMunicipality();
    const own = await withTenant(staffCtx(m.id, "clerk"), (tx) => tx.refusal.count({ where: { municipalityId: m.id } }));
    const seenByOther = await withTenant(staffCtx(other.id, "municipal_admin"), (tx) => tx.refusal.count({ where: { municipalityId: m.id } }));
    expect(own).toBeGreaterThan(0);
    expect(seenByOther).toBe(0);
    // Its statistics do not count them either, and asking for the first municipality is refused.
    expect((await getRefusalStatistics({ ctx: staffCtx(other.id, "clerk"), input: { month: "2026-11" } })).total).toBe(0);
    await expect(getRefusalStatistics({ ctx: staffCtx(other.id, "clerk"), input: { month: "2026-11", municipalityId: m.id } })).rejects.toMatchObject({ code: "forbidden" });
    // Nor write one for it.
    await expect(
      withTenant(staffCtx(other.id, "municipal_admin"), (tx) =>
        tx.refusal.create({ data: { municipalityId: m.id, source: "eligibility", reason: "card_unknown", certificateType: "seal", refusedAt: OPEN_AT, storeChain: "x", storeCode: "1", terminalId: "T" } }),
      ),
    ).rejects.toThrow(/row-level security|policy/i);
  });

  it("holds codes only: a reason that is not a code is refused by the database", async () => {
    const m = await createServedMunicipality();
    await expect(
      ownerDb().refusal.create({ data: { municipalityId: m.id, source: "eligibility", reason: "山田さんが来た", certificateType: "seal", refusedAt: OPEN_AT, storeChain: "x", storeCode: "1", terminalId: "T" } }),
    ).rejects.toThrow(/Refusal_reason_is_code|check/i);
  });

  it("maintenance purges only the refusals older than the retention period", async () => {
    const m = await createServedMunicipality();
    const now = new Date("2030-06-01T00:00:00Z");
    const day = 86_400_000;
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
    const base = { municipalityId: m.id, source: "eligibility" as const, reason: "card_expired", certificateType: "residence" as const, storeChain: "x", storeCode: "1", terminalId: "T" };
    await ownerDb().refusal.createMany({ data: [401, 400.01, 399.99, 10].map((d) => ({ ...base, refusedAt: at(d) })) });
    const purged = await purgeRefusals(now, 400);
    expect(purged).toBeGreaterThanOrEqual(2); // other tests' rows of 2026 are older too
    const left = await ownerDb().refusal.findMany({ where: { municipalityId: m.id }, orderBy: { refusedAt: "asc" } });
    expect(left.map((r) => r.refusedAt)).toEqual([at(399.99), at(10)]);
    // The default period is 400 days.
    expect(await purgeRefusals(now)).toBe(0);
  });

  it("counts a month's refusals by reason (staff labels) and by JST day", async () => {
    const m = await createServedMunicipality();
    const base = { municipalityId: m.id, source: "eligibility" as const, certificateType: "residence" as const, storeChain: "x", storeCode: "1", terminalId: "T" };
    await ownerDb().refusal.createMany({
      data: [
        { ...base, reason: "card_expired", refusedAt: new Date("2026-11-01T00:00:00+09:00") }, // first JST instant of November
        { ...base, reason: "card_expired", refusedAt: new Date("2026-11-03T23:59:00+09:00") },
        { ...base, reason: "resident_moved_out", source: "issuance", refusedAt: new Date("2026-11-03T08:00:00+09:00") },
        { ...base, reason: "card_expired", refusedAt: new Date("2026-11-30T23:59:59+09:00") },
        { ...base, reason: "card_expired", refusedAt: new Date("2026-10-31T23:59:59+09:00") }, // October in JST
        { ...base, reason: "card_expired", refusedAt: new Date("2026-12-01T00:00:00+09:00") }, // December in JST
      ],
    });
    const stats = await getRefusalStatistics({ ctx: staffCtx(m.id, "auditor"), input: { month: "2026-11" } });
    expect(stats.total).toBe(4);
    expect(stats.byReason).toEqual([
      { key: "card_expired", label: "電子証明書の有効期限切れ", count: 3 },
      { key: "resident_moved_out", label: "転出済み", count: 1 },
    ]);
    expect(stats.byDay).toHaveLength(30);
    expect(stats.byDay.filter((d) => d.count > 0)).toEqual([
      { key: "2026-11-01", label: "1日", count: 1 },
      { key: "2026-11-03", label: "3日", count: 2 },
      { key: "2026-11-30", label: "30日", count: 1 },
    ]);
    expect((await getRefusalStatistics({ ctx: staffCtx(m.id, "clerk"), input: { month: "2026-12" } })).total).toBe(1);
  });
});
