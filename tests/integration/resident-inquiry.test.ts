// 住民照会 (issue 22, item 2): search by カナ, birth date or card serial; one resident's status, flags, cards,
// seal, 利用登録, recent issuances and refusals; every view audited with ids and counts only; 支援措置 details
// decrypted for municipal administrators only (docs/decisions/0013-resident-inquiry.md).
import { beforeAll, describe, expect, it } from "vitest";
import { encryptField, FieldContext } from "@/server/crypto/field-encryption";
import { getResidentInquiry } from "@/server/residents/get-resident-inquiry";
import { searchResidents } from "@/server/residents/search-residents";
import { staffCtx } from "@/tests/factories/contexts";
import { createResident } from "@/tests/factories";
import { createApiClient } from "@/tests/factories/issuance";
import { createIssuanceRow } from "@/tests/factories/issuance-row";
import { createRegistration } from "@/tests/factories/koseki";
import { createTenant } from "@/tests/factories/tenant";
import { ownerDb } from "@/tests/setup/owner-db";

const NOW = new Date("2026-12-07T12:00:00+09:00");
const SECRET_NOTE = "加害者とされる者からの請求には応じないこと（テスト）";

let t: Awaited<ReturnType<typeof createTenant>>;
let other: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  const db = ownerDb();
  const details = encryptField(JSON.stringify({ measureType: "DV", restrictedRequests: ["住民票の写し等の交付"], note: SECRET_NOTE }), FieldContext.supportMeasure);
  await db.supportMeasure.create({ data: { municipalityId: t.municipality.id, residentId: t.head.id, startsOn: new Date("2025-04-15"), detailsCipher: details.cipher, detailsKeyId: details.keyId } });
  await db.resident.update({ where: { id: t.head.id }, data: { familyNameKana: "ミナミカワ", givenNameKana: "タロウ", dateOfBirth: new Date("1971-03-09"), gaijiPending: true } });
  // An expired and a revoked certificate besides the valid card.
  await db.cardCertificate.create({ data: { municipalityId: t.municipality.id, residentId: t.head.id, issuer: "JPKI", serial: `EXP-${t.card.serial}`, validFrom: new Date("2015-01-01T00:00:00Z"), validUntil: new Date("2020-01-01T00:00:00Z"), cardIssuedOn: new Date("2015-01-01") } });
  await db.cardCertificate.create({ data: { municipalityId: t.municipality.id, residentId: t.head.id, issuer: "JPKI", serial: `REV-${t.card.serial}`, status: "revoked", revokedAt: new Date("2023-05-01T00:00:00Z"), validFrom: new Date("2020-01-01T00:00:00Z"), validUntil: new Date("2029-01-01T00:00:00Z"), cardIssuedOn: new Date("2020-01-01") } });
  await createRegistration(t.municipality.id, t.card, { status: "approved" });
  const { client } = await createApiClient();
  await createIssuanceRow({ m: t.municipality, holder: { card: t.card, head: t.head }, client });
});

const auditOf = (action: string, targetId: string) => ownerDb().auditEvent.findMany({ where: { action, targetId }, orderBy: { seq: "asc" } });

describe("住民照会: search", () => {
  it("finds by カナ in half-width, hiragana or across family and given name, by birth date and by card serial", async () => {
    const clerk = staffCtx(t.municipality.id, "clerk", t.clerk.id);
    for (const kana of ["ﾐﾅﾐｶﾜ", "かわたろう", "ミナミ カワ", "ｶﾜﾀﾛｳ"]) {
      const r = await searchResidents({ ctx: clerk, input: { kana } });
      expect(r.items.map((x) => x.id), kana).toEqual([t.head.id]);
    }
    expect((await searchResidents({ ctx: clerk, input: { birthDate: "1971-03-09" } })).items.map((x) => x.id)).toEqual([t.head.id]);
    const bySerial = await searchResidents({ ctx: clerk, input: { cardSerial: ` ${`REV-${t.card.serial}`.toLowerCase()} ` } });
    expect(bySerial.items).toMatchObject([{ id: t.head.id, kana: "ミナミカワ タロウ", dateOfBirth: "1971-03-09", status: "active" }]);
    // Criteria combine: the right カナ with another birth date finds nobody.
    expect((await searchResidents({ ctx: clerk, input: { kana: "ミナミカワ", birthDate: "1971-03-10" } })).items).toEqual([]);
  });

  it("searches only the staff member's municipality and refuses an empty search", async () => {
    const elsewhere = await searchResidents({ ctx: staffCtx(other.municipality.id, "clerk"), input: { cardSerial: t.card.serial } });
    expect(elsewhere.items).toEqual([]);
    await expect(searchResidents({ ctx: staffCtx(t.municipality.id, "clerk"), input: {} })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(searchResidents({ ctx: staffCtx(t.municipality.id, "clerk"), input: { kana: "山川" } })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("audits every search with the criteria used and the count, never the values", async () => {
    const clerk = staffCtx(t.municipality.id, "clerk", t.clerk.id);
    await searchResidents({ ctx: clerk, input: { kana: "ミナミカワ", cardSerial: t.card.serial } });
    const [event] = (await auditOf("resident.search", t.municipality.id)).filter((e) => e.actorId === t.clerk.id).slice(-1);
    expect(event.details).toEqual({ criteria: ["kana", "cardSerial"], results: 1, truncated: false });
    expect(JSON.stringify(event.details)).not.toMatch(/ミナミカワ|TEST-/);
  });

  it("is refused to the auditor and the operator", async () => {
    for (const ctx of [staffCtx(t.municipality.id, "auditor"), staffCtx(null, "operator")]) {
      await expect(searchResidents({ ctx, input: { kana: "ミナミカワ" } })).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});

describe("住民照会: one resident", () => {
  it("shows status, flags, cards (valid, expired, revoked), seal, 利用登録, recent issuances and refusals", async () => {
    const d = await getResidentInquiry({ ctx: staffCtx(t.municipality.id, "clerk", t.clerk.id), input: { residentId: t.head.id }, now: NOW });
    expect(d).toMatchObject({ id: t.head.id, status: "active", kana: "ミナミカワ タロウ" });
    expect(d.flags).toEqual({ movedOut: false, moveOutPlanned: false, deceased: false, gaijiPending: true, adultWard: false, issuanceBlocks: ["card_lost"], supportMeasure: true });
    expect(Object.fromEntries(d.cards.map((c) => [c.serial, c.state]))).toEqual({ [t.card.serial]: "valid", [`EXP-${t.card.serial}`]: "expired", [`REV-${t.card.serial}`]: "revoked" });
    expect(d.seals).toMatchObject([{ status: "active", registeredOn: "2015-04-01" }]);
    expect(d.registrations).toMatchObject([{ status: "approved" }]);
    expect(d.issuances).toMatchObject([{ certificateType: "residence", status: "printed", voided: false }]);
    expect(d.refusals).toMatchObject([{ reason: "seal_not_registered", certificateType: "seal", source: "eligibility" }]);
  });

  it("audits every view with counts and ids only", async () => {
    const clerk = staffCtx(t.municipality.id, "clerk", t.clerk.id);
    await getResidentInquiry({ ctx: clerk, input: { residentId: t.head.id }, now: NOW });
    const [event] = (await auditOf("resident.view", t.head.id)).filter((e) => e.actorId === t.clerk.id).slice(-1);
    expect(event).toMatchObject({ chain: t.municipality.id, targetType: "Resident", targetId: t.head.id });
    expect(event.details).toEqual({ cards: 3, registrations: 1, issuances: 1, refusals: 1, supportMeasureDetails: false });
    expect(JSON.stringify(event.details)).not.toMatch(/ミナミカワ|山川|1971|TEST-/);
  });

  it("gives a clerk that a 支援措置 is present, never its details, and no support-measure read is audited", async () => {
    const clerk = staffCtx(t.municipality.id, "clerk", t.clerk.id);
    const before = (await auditOf("resident.read_support_measure", t.head.id)).length;
    const d = await getResidentInquiry({ ctx: clerk, input: { residentId: t.head.id }, now: NOW });
    expect(d.flags.supportMeasure).toBe(true);
    expect(d.supportMeasures).toBeNull();
    expect(JSON.stringify(d)).not.toContain(SECRET_NOTE);
    expect(JSON.stringify(d)).not.toContain("DV");
    expect((await auditOf("resident.read_support_measure", t.head.id)).length).toBe(before);
  });

  it("gives the municipal administrator the decrypted 支援措置 details, audited on their own", async () => {
    const admin = staffCtx(t.municipality.id, "municipal_admin", t.admin.id);
    const d = await getResidentInquiry({ ctx: admin, input: { residentId: t.head.id }, now: NOW });
    expect(d.supportMeasures).toEqual([
      { startsOn: "2025-04-15", endsOn: null, inForce: true, details: [{ key: "measureType", value: "DV" }, { key: "restrictedRequests", value: "住民票の写し等の交付" }, { key: "note", value: SECRET_NOTE }] },
    ]);
    const [read] = (await auditOf("resident.read_support_measure", t.head.id)).filter((e) => e.actorId === t.admin.id);
    expect(read.details).toEqual({ supportMeasures: 1 });
    const [view] = (await auditOf("resident.view", t.head.id)).filter((e) => e.actorId === t.admin.id).slice(-1);
    expect(view.details).toMatchObject({ supportMeasureDetails: true });
    expect(JSON.stringify([read.details, view.details])).not.toContain(SECRET_NOTE);
  });

  it("shows moved-out and deceased residents with their flags", async () => {
    const moved = await createResident(t.municipality.id, { status: "moved_out", movedOutOn: new Date("2026-10-31") });
    const d = await getResidentInquiry({ ctx: staffCtx(t.municipality.id, "clerk"), input: { residentId: moved.id }, now: NOW });
    expect(d).toMatchObject({ status: "moved_out", movedOutOn: "2026-10-31", flags: { movedOut: true, deceased: false, supportMeasure: false, issuanceBlocks: [] } });
    expect(d.cards).toEqual([]);
  });

  it("hides another municipality's resident (not found) and refuses the auditor and the operator", async () => {
    await expect(getResidentInquiry({ ctx: staffCtx(other.municipality.id, "municipal_admin"), input: { residentId: t.head.id }, now: NOW })).rejects.toMatchObject({ code: "not_found" });
    await expect(getResidentInquiry({ ctx: staffCtx(t.municipality.id, "clerk"), input: { residentId: "not-a-uuid" }, now: NOW })).rejects.toMatchObject({ code: "not_found" });
    for (const ctx of [staffCtx(t.municipality.id, "auditor"), staffCtx(null, "operator")]) {
      await expect(getResidentInquiry({ ctx, input: { residentId: t.head.id }, now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await auditOf("resident.view", t.head.id)).every((e) => e.chain === t.municipality.id)).toBe(true);
  });
});
