// The void (無効) of issuances and the recall export (docs/decisions/0012-void-and-recall.md), against the real
// PostgreSQL with a fixed clock: who may void, what may be voided, that a void is final, the incident's bulk void
// (all or nothing), and the CSV for the recall letter (encodings, formula cells, the 支援措置 address withheld).
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { encryptField, FieldContext } from "@/server/crypto/field-encryption";
import { addIncidentIssuances } from "@/server/incidents/add-incident-issuances";
import { addIncidentIssuancesBySearch } from "@/server/incidents/add-incident-issuances-by-search";
import { getIncident } from "@/server/incidents/get-incident";
import { openIncident } from "@/server/incidents/open-incident";
import { voidIncidentIssuances } from "@/server/incidents/void-incident-issuances";
import { exportVoidedIssuances, PROTECTED_ADDRESS_TEXT, recallCsvRows } from "@/server/logs/export-voided-issuances";
import { getIssuanceDetail } from "@/server/logs/get-issuance-detail";
import { searchIssuances } from "@/server/logs/search-issuances";
import { voidIssuance } from "@/server/logs/void-issuance";
import { ownerDb } from "@/tests/setup/owner-db";
import { createMunicipality, createResident, createStaffUser } from "../factories";
import { createApiClient, createCardholder } from "../factories/issuance";
import { createIssuanceRow } from "../factories/issuance-row";
import { staffCtx, systemCtx } from "../factories/contexts";


/** The fixed clock: Monday 2026-12-07 10:00 JST. */
const NOW = new Date("2026-12-07T10:00:00+09:00");
const LATER = new Date("2026-12-07T11:30:00+09:00");

async function setUpTown() {
  const m = await createMunicipality();
  const holder = await createCardholder(m.id, { resident: { familyName: "回収", givenName: "太郎" } });
  const { client } = await createApiClient({ municipalityId: null });
  const admin = await createStaffUser({ municipalityId: m.id, role: "municipal_admin", displayName: "無効 管理者" });
  return { m, holder, client, admin, ctx: staffCtx(m.id, "municipal_admin", admin.id) };
}
type Town = Awaited<ReturnType<typeof setUpTown>>;

const voidFields = (issuanceId: string) => ownerDb().issuance.findUniqueOrThrow({ where: { id: issuanceId }, select: { voidedAt: true, voidReason: true, voidNote: true, voidedById: true } });

describe("voidIssuance", () => {
  let a: Town;
  let b: Town;
  beforeAll(async () => {
    a = await setUpTown();
    b = await setUpTown();
  });

  it("voids a printed issuance: the fields are set, the detail and the log show it, one audit event without the note", async () => {
    const i = await createIssuanceRow(a);
    const out = await voidIssuance({ ctx: a.ctx, input: { issuanceId: i.id, reason: "other", note: " 記載誤り（世帯員の漏れ） ", confirm: true }, now: NOW });
    expect(out).toEqual({ id: i.id, issuanceNo: i.issuanceNo, voidedAt: NOW.toISOString() });
    expect(await voidFields(i.id)).toEqual({ voidedAt: NOW, voidReason: "other", voidNote: "記載誤り（世帯員の漏れ）", voidedById: a.admin.id });

    const events = await ownerDb().auditEvent.findMany({ where: { chain: a.m.id, targetId: i.id, action: "issuance.void" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: a.admin.id, details: { issuanceNo: i.issuanceNo, reason: "other" } });
    expect(JSON.stringify(events[0].details)).not.toContain("記載誤り");

    const d = await getIssuanceDetail({ ctx: staffCtx(a.m.id, "auditor"), input: { issuanceId: i.id } });
    expect(d.void).toEqual({ at: NOW.toISOString(), reason: "other", note: "記載誤り（世帯員の漏れ）", by: "無効 管理者" });

    const valid = await createIssuanceRow(a);
    const ctx = staffCtx(a.m.id, "clerk");
    const voidOnly = await searchIssuances({ ctx, input: { validity: "void" } });
    expect(voidOnly.items.map((x) => x.id)).toContain(i.id);
    expect(voidOnly.items.map((x) => x.id)).not.toContain(valid.id);
    expect(voidOnly.items.find((x) => x.id === i.id)?.voidedAt).toBe(NOW.toISOString());
    const validOnly = await searchIssuances({ ctx, input: { validity: "valid" } });
    expect(validOnly.items.map((x) => x.id)).toContain(valid.id);
    expect(validOnly.items.map((x) => x.id)).not.toContain(i.id);
  });

  it("refuses every role but the municipal administrator, the operator included, and changes nothing", async () => {
    const i = await createIssuanceRow(a);
    for (const ctx of [staffCtx(a.m.id, "clerk"), staffCtx(a.m.id, "auditor"), staffCtx(null, "operator"), systemCtx]) {
      await expect(voidIssuance({ ctx, input: { issuanceId: i.id, reason: "misissued", confirm: true }, now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await voidFields(i.id)).voidedAt).toBeNull();
    expect(await ownerDb().auditEvent.count({ where: { targetId: i.id, action: "issuance.void" } })).toBe(0);
  });

  it("refuses an issuance that was not printed (never handed over)", async () => {
    for (const status of ["rendered", "failed", "cancelled"] as const) {
      const i = await createIssuanceRow(a, { status });
      await expect(voidIssuance({ ctx: a.ctx, input: { issuanceId: i.id, reason: "misissued", confirm: true }, now: NOW })).rejects.toMatchObject({
        code: "issuance_not_printed",
        status: 409,
        details: { issuanceNo: i.issuanceNo, currentStatus: status },
      });
      expect((await voidFields(i.id)).voidedAt).toBeNull();
    }
  });

  it("refuses a second void with issuance_already_void, and the first stays as it was (the trigger also refuses a rewrite)", async () => {
    const i = await createIssuanceRow(a);
    await voidIssuance({ ctx: a.ctx, input: { issuanceId: i.id, reason: "misissued", confirm: true }, now: NOW });
    const first = await voidFields(i.id);
    const other = await createStaffUser({ municipalityId: a.m.id, role: "municipal_admin" });
    await expect(
      voidIssuance({ ctx: staffCtx(a.m.id, "municipal_admin", other.id), input: { issuanceId: i.id, reason: "reissued", confirm: true }, now: LATER }),
    ).rejects.toMatchObject({ code: "issuance_already_void", status: 409 });
    expect(await voidFields(i.id)).toEqual(first);
    expect(await ownerDb().auditEvent.count({ where: { targetId: i.id, action: "issuance.void" } })).toBe(1);
    // Not even the database owner un-voids it.
    await expect(ownerDb().issuance.update({ where: { id: i.id }, data: { voidedAt: null, voidReason: null, voidedById: null } })).rejects.toThrow();
    expect(await voidFields(i.id)).toEqual(first);
  });

  it("refuses another municipality's issuance as not found", async () => {
    const ofB = await createIssuanceRow(b);
    await expect(voidIssuance({ ctx: a.ctx, input: { issuanceId: ofB.id, reason: "misissued", confirm: true }, now: NOW })).rejects.toMatchObject({ code: "not_found" });
    expect((await voidFields(ofB.id)).voidedAt).toBeNull();
  });

  it("refuses その他 without text, a text over 500 characters, an unknown reason and a missing confirmation", async () => {
    const i = await createIssuanceRow(a);
    const bad = [
      { issuanceId: i.id, reason: "other", note: "   ", confirm: true },
      { issuanceId: i.id, reason: "other", confirm: true },
      { issuanceId: i.id, reason: "misissued", note: "あ".repeat(501), confirm: true },
      { issuanceId: i.id, reason: "lost", confirm: true },
      { issuanceId: i.id, reason: "misissued", confirm: false },
    ];
    for (const input of bad) {
      await expect(voidIssuance({ ctx: a.ctx, input: input as never, now: NOW })).rejects.toMatchObject({ code: "validation_failed" });
    }
    expect((await voidFields(i.id)).voidedAt).toBeNull();
    await voidIssuance({ ctx: a.ctx, input: { issuanceId: i.id, reason: "misissued", note: "あ".repeat(500), confirm: true }, now: NOW });
  });
});

describe("incident: affected issuances and their void together", () => {
  let a: Town;
  let b: Town;
  beforeAll(async () => {
    a = await setUpTown();
    b = await setUpTown();
  });

  async function incidentOf(t: Town, issuanceId: string | null = null) {
    return openIncident(systemCtx, { municipalityId: t.m.id, kind: "other", severity: "high", summary: "誤交付の疑い", issuanceId });
  }

  it("adds issuances by 発行番号 (all or nothing, audited), lists them with the incident's own", async () => {
    const own = await createIssuanceRow(a);
    const [x, y] = [await createIssuanceRow(a), await createIssuanceRow(a)];
    const ofB = await createIssuanceRow(b);
    const incidentId = await incidentOf(a, own.id);
    const clerk = staffCtx(a.m.id, "clerk");

    // B's number is unknown here: nothing is added.
    await expect(addIncidentIssuances({ ctx: clerk, input: { incidentId, issuanceNos: `${x.issuanceNo}\n${ofB.issuanceNo}` }, now: NOW })).rejects.toMatchObject({
      code: "issuance_numbers_unknown",
      details: { unknown: [ofB.issuanceNo] },
    });
    expect(await ownerDb().incidentIssuance.count({ where: { incidentId } })).toBe(0);
    await expect(addIncidentIssuances({ ctx: clerk, input: { incidentId, issuanceNos: "12345" }, now: NOW })).rejects.toMatchObject({ code: "validation_failed" });

    expect(await addIncidentIssuances({ ctx: clerk, input: { incidentId, issuanceNos: `${x.issuanceNo}, ${y.issuanceNo} ${own.issuanceNo}` }, now: NOW })).toEqual({ added: 2, skipped: 1 });
    expect(await addIncidentIssuances({ ctx: clerk, input: { incidentId, issuanceNos: x.issuanceNo }, now: NOW })).toEqual({ added: 0, skipped: 1 });
    const events = await ownerDb().auditEvent.findMany({ where: { chain: a.m.id, targetId: incidentId, action: "incident.add_issuances" } });
    expect(events.map((e) => e.details)).toEqual([{ how: "numbers", issuanceNos: [x.issuanceNo, y.issuanceNo].sort(), count: 2 }]);

    const d = await getIncident({ ctx: staffCtx(a.m.id, "auditor"), input: { incidentId } });
    expect(d.affected.map((r) => [r.issuanceNo, r.own])).toEqual([
      [own.issuanceNo, true],
      [x.issuanceNo, false],
      [y.issuanceNo, false],
    ]);
    // Auditors read only; B's administrator cannot add to A's incident.
    await expect(addIncidentIssuances({ ctx: staffCtx(a.m.id, "auditor"), input: { incidentId, issuanceNos: x.issuanceNo } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(addIncidentIssuances({ ctx: b.ctx, input: { incidentId, issuanceNos: ofB.issuanceNo } })).rejects.toMatchObject({ code: "not_found" });
  });

  it("adds by a search over a time window (JST), a type and a terminal, never another municipality's", async () => {
    const t = await setUpTown();
    const inWindow = await createIssuanceRow(t, { at: "2026-12-03T14:00:00+09:00", terminalId: "BAD-01" });
    const edge = await createIssuanceRow(t, { at: "2026-12-03T13:00:00+09:00", terminalId: "BAD-01", status: "failed" });
    await createIssuanceRow(t, { at: "2026-12-03T15:00:00+09:00", terminalId: "BAD-01" }); // at `to`: excluded
    await createIssuanceRow(t, { at: "2026-12-03T14:10:00+09:00", terminalId: "GOOD-02" });
    await createIssuanceRow(t, { at: "2026-12-03T14:20:00+09:00", terminalId: "BAD-01", certificateType: "seal" });
    await createIssuanceRow(b, { at: "2026-12-03T14:00:00+09:00", terminalId: "BAD-01" });
    const incidentId = await incidentOf(t);
    const input = { incidentId, from: "2026-12-03T13:00", to: "2026-12-03T15:00", type: "residence", terminalId: "BAD-01" };
    await expect(addIncidentIssuancesBySearch({ ctx: t.ctx, input: { ...input, to: "2026-12-03T12:00" }, now: NOW })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await addIncidentIssuancesBySearch({ ctx: t.ctx, input, now: NOW })).toEqual({ added: 2, skipped: 0 });
    const d = await getIncident({ ctx: t.ctx, input: { incidentId } });
    expect(d.affected.map((r) => r.issuanceNo)).toEqual([inWindow.issuanceNo, edge.issuanceNo].sort());
    expect(await addIncidentIssuancesBySearch({ ctx: t.ctx, input, now: NOW })).toEqual({ added: 0, skipped: 2 });
    const events = await ownerDb().auditEvent.findMany({ where: { targetId: incidentId, action: "incident.add_issuances" } });
    expect(events.map((e) => e.details)).toEqual([{ how: "search", issuanceNos: [inWindow.issuanceNo, edge.issuanceNo].sort(), count: 2 }]);
  });

  it("voids the chosen ones all or nothing: one already void refuses the lot and none is voided", async () => {
    const [x, y, z] = [await createIssuanceRow(a), await createIssuanceRow(a), await createIssuanceRow(a)];
    const incidentId = await incidentOf(a, x.id);
    await addIncidentIssuances({ ctx: a.ctx, input: { incidentId, issuanceNos: `${y.issuanceNo} ${z.issuanceNo}` }, now: NOW });
    await voidIssuance({ ctx: a.ctx, input: { issuanceId: z.id, reason: "reissued", confirm: true }, now: NOW });
    const zBefore = await voidFields(z.id);

    await expect(
      voidIncidentIssuances({ ctx: a.ctx, input: { incidentId, scope: "selected", issuanceIds: [x.id, y.id, z.id], reason: "misissued", confirm: true }, now: LATER }),
    ).rejects.toMatchObject({ code: "issuance_already_void", details: { issuanceNo: z.issuanceNo } });
    expect((await voidFields(x.id)).voidedAt).toBeNull();
    expect((await voidFields(y.id)).voidedAt).toBeNull();
    expect(await voidFields(z.id)).toEqual(zBefore);

    // An issuance the incident does not list is refused too.
    const stranger = await createIssuanceRow(a);
    await expect(
      voidIncidentIssuances({ ctx: a.ctx, input: { incidentId, scope: "selected", issuanceIds: [x.id, stranger.id], reason: "misissued", confirm: true }, now: LATER }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await voidFields(x.id)).voidedAt).toBeNull();

    const out = await voidIncidentIssuances({ ctx: a.ctx, input: { incidentId, scope: "selected", issuanceIds: [x.id, y.id], reason: "misissued", confirm: true }, now: LATER });
    expect(out.voided.map((v) => v.id).sort()).toEqual([x.id, y.id].sort());
    const events = await ownerDb().auditEvent.findMany({ where: { chain: a.m.id, action: "issuance.void", targetId: { in: [x.id, y.id] } } });
    expect(events.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        { issuanceNo: x.issuanceNo, reason: "misissued", incidentId },
        { issuanceNo: y.issuanceNo, reason: "misissued", incidentId },
      ]),
    );
    expect(events).toHaveLength(2);
  });

  it("voids all: every printed one not yet void, skipping failed and voided ones; clerks and other tenants are refused", async () => {
    const [x, y] = [await createIssuanceRow(a), await createIssuanceRow(a)];
    const failed = await createIssuanceRow(a, { status: "failed" });
    const incidentId = await incidentOf(a);
    await addIncidentIssuances({ ctx: a.ctx, input: { incidentId, issuanceNos: [x, y, failed].map((i) => i.issuanceNo).join("\n") }, now: NOW });
    await voidIssuance({ ctx: a.ctx, input: { issuanceId: y.id, reason: "reissued", confirm: true }, now: NOW });

    const input = { incidentId, scope: "all" as const, reason: "other" as const, note: "端末設定の誤り", confirm: true };
    await expect(voidIncidentIssuances({ ctx: staffCtx(a.m.id, "clerk"), input, now: LATER })).rejects.toMatchObject({ code: "forbidden" });
    await expect(voidIncidentIssuances({ ctx: b.ctx, input, now: LATER })).rejects.toMatchObject({ code: "not_found" });
    await expect(voidIncidentIssuances({ ctx: a.ctx, input: { ...input, note: "" }, now: LATER })).rejects.toMatchObject({ code: "validation_failed" });
    expect((await voidFields(x.id)).voidedAt).toBeNull();

    const out = await voidIncidentIssuances({ ctx: a.ctx, input, now: LATER });
    expect(out.voided.map((v) => v.id)).toEqual([x.id]);
    expect(await voidFields(x.id)).toMatchObject({ voidedAt: LATER, voidReason: "other", voidNote: "端末設定の誤り" });
    expect((await voidFields(failed.id)).voidedAt).toBeNull();
    expect((await voidFields(y.id)).voidReason).toBe("reissued");
    expect((await voidIncidentIssuances({ ctx: a.ctx, input, now: LATER })).voided).toEqual([]);
  });
});

describe("exportVoidedIssuances (the recall letter)", () => {
  it("writes UTF-8 with a BOM and Shift_JIS, neutralises formulas, withholds a 支援措置 household's address, says when there is no requester; audited with counts", async () => {
    const t = await setUpTown();
    const db = ownerDb();
    const address = (residentId: string) => db.resident.findUniqueOrThrow({ where: { id: residentId }, select: { household: { select: { address: true } } } }).then((r) => r.household.address);

    // A plain requester whose name starts like a formula.
    const plain = await createCardholder(t.m.id, { resident: { familyName: "=HYPERLINK(\"http://x\")", givenName: "花子" } });
    // A requester whose household has a member under 支援措置 (the requester is not the protected one).
    const guarded = await createCardholder(t.m.id, { resident: { familyName: "保護", givenName: "世帯主" } });
    const victim = await createResident(t.m.id, { householdId: guarded.head.householdId, isHouseholdHead: false, relationship: "妻", givenName: "守子" });
    const details = encryptField("{}", FieldContext.supportMeasure);
    await db.supportMeasure.create({ data: { municipalityId: t.m.id, residentId: victim.id, startsOn: new Date("2026-11-01"), detailsCipher: details.cipher, detailsKeyId: details.keyId } });

    const i1 = await createIssuanceRow(t, { requesterResidentId: plain.head.id, cardCertificateId: plain.card.id, at: "2026-12-01T09:15:00+09:00" });
    const i2 = await createIssuanceRow(t, { requesterResidentId: guarded.head.id, cardCertificateId: guarded.card.id });
    const i3 = await createIssuanceRow(t, { purpose: "honseki", certificateType: "koseki_full", requesterResidentId: null });
    const notVoided = await createIssuanceRow(t);
    await voidIssuance({ ctx: t.ctx, input: { issuanceId: i1.id, reason: "other", note: "+81 誤記", confirm: true }, now: NOW });
    await voidIssuance({ ctx: t.ctx, input: { issuanceId: i2.id, reason: "misissued", confirm: true }, now: NOW });
    await voidIssuance({ ctx: t.ctx, input: { issuanceId: i3.id, reason: "reissued", confirm: true }, now: NOW });
    // Voided on another day: outside the period.
    const earlier = await createIssuanceRow(t);
    await voidIssuance({ ctx: t.ctx, input: { issuanceId: earlier.id, reason: "misissued", confirm: true }, now: new Date("2026-12-05T10:00:00+09:00") });

    const utf8 = await exportVoidedIssuances({ ctx: t.ctx, input: { from: "2026-12-07", to: "2026-12-07", encoding: "utf8" }, now: NOW });
    expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.contentType).toBe("text/csv; charset=utf-8");
    expect(utf8.count).toBe(3);
    const text = utf8.bytes.subarray(3).toString("utf8");
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe('"発行番号","証明書の種類","請求の区分","発行日時","無効にした日時","無効の理由","理由の内容","請求者氏名","請求者住所","備考"');
    expect(lines).toHaveLength(4);
    expect(text).not.toContain(notVoided.issuanceNo);
    expect(text).not.toContain(earlier.issuanceNo);

    const row = (no: string) => lines.find((l) => l.startsWith(`"${no}"`)) ?? "";
    // Formula-like text is prefixed with ' (the name and the staff note).
    expect(row(i1.issuanceNo)).toContain(`"'=HYPERLINK(""http://x"") 花子"`);
    expect(row(i1.issuanceNo)).toContain(`"'+81 誤記"`);
    expect(row(i1.issuanceNo)).toContain(`"${await address(plain.head.id)}"`);
    expect(row(i1.issuanceNo)).toContain('"2026/12/01 09:15:00"');
    // The protected household: the name for the office, never the address.
    const guardedAddress = await address(guarded.head.id);
    expect(row(i2.issuanceNo)).toContain(`"${PROTECTED_ADDRESS_TEXT}"`);
    expect(row(i2.issuanceNo)).toContain("窓口を通じて本人に連絡");
    expect(text).not.toContain(guardedAddress);
    // 本籍地 issuance to a non-resident: no requester row, and the line says so.
    expect(row(i3.issuanceNo)).toContain("本籍地");
    expect(row(i3.issuanceNo)).toContain("住民登録のない請求者");

    const sjis = await exportVoidedIssuances({ ctx: t.ctx, input: { from: "2026-12-07", to: "2026-12-07", encoding: "sjis" }, now: NOW });
    expect(sjis.contentType).toBe("text/csv; charset=shift_jis");
    expect(iconv.decode(sjis.bytes, "cp932")).toBe(text);
    expect(sjis.bytes.includes(Buffer.from(guardedAddress, "utf8"))).toBe(false);
    expect(iconv.decode(sjis.bytes, "cp932")).not.toContain(guardedAddress);

    const events = await db.auditEvent.findMany({ where: { chain: t.m.id, action: "issuance.recall_export" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.details)).toEqual([
      { from: "2026-12-07", to: "2026-12-07", encoding: "utf8", count: 3, addressesWithheld: 1, withoutRequester: 1 },
      { from: "2026-12-07", to: "2026-12-07", encoding: "sjis", count: 3, addressesWithheld: 1, withoutRequester: 1 },
    ]);
    expect(JSON.stringify(events.map((e) => e.details))).not.toMatch(/花子|保護|本町/);
  });

  it("never writes a protected requester's address into a cell, whatever the record carries", () => {
    const record = { issuanceNo: "999991-2026-00000001", certificateName: "住民票の写し", purpose: "residence" as const, issuedAt: NOW, voidedAt: NOW, reason: "misissued" as const, note: null };
    const rows = recallCsvRows([{ ...record, requester: { name: "保護 花子", address: "秘匿県秘匿市1-2-3", protected: true, active: true } }]);
    expect(JSON.stringify(rows)).not.toContain("秘匿県秘匿市1-2-3");
    expect(rows[1]).toContain(PROTECTED_ADDRESS_TEXT);
  });

  it("is for the municipal administrator of the municipality only, and holds no other municipality's rows", async () => {
    const [a, b] = [await setUpTown(), await setUpTown()];
    const ofB = await createIssuanceRow(b);
    await voidIssuance({ ctx: b.ctx, input: { issuanceId: ofB.id, reason: "misissued", confirm: true }, now: NOW });
    const input = { from: "2026-12-01", to: "2026-12-31" };
    for (const ctx of [staffCtx(a.m.id, "clerk"), staffCtx(a.m.id, "auditor"), staffCtx(null, "operator")]) {
      await expect(exportVoidedIssuances({ ctx, input, now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    }
    const file = await exportVoidedIssuances({ ctx: a.ctx, input, now: NOW });
    expect(file.count).toBe(0);
    expect(file.bytes.toString("utf8")).not.toContain(ofB.issuanceNo);
    await expect(exportVoidedIssuances({ ctx: a.ctx, input: { from: "2026-12-31", to: "2026-12-01" }, now: NOW })).rejects.toMatchObject({ code: "validation_failed" });
  });
});
