// The auditors' exports (issue 22, item 7) against the real PostgreSQL: the audit log and the issuance log as
// CSV over a period (BOM, Shift_JIS, formula cells, JST day edges, tenant isolation, paging, permission, the
// export audited) and the incident report as PDF and CSV (timeline, affected 発行番号, the items printed).
import iconv from "iconv-lite";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditHash, GENESIS_HASH } from "@/server/audit/audit-chain";
import { canonicalJson } from "@/server/audit/canonical-json";
import { acknowledgeIncident } from "@/server/incidents/acknowledge-incident";
import { addIncidentIssuances } from "@/server/incidents/add-incident-issuances";
import { closeIncident } from "@/server/incidents/close-incident";
import { exportIncidentReport, incidentReportCsvRows } from "@/server/incidents/export-incident-report";
import { openIncident } from "@/server/incidents/open-incident";
import { voidIncidentIssuances } from "@/server/incidents/void-incident-issuances";
import { AUDIT_CSV_HEADER, EXPORT_PAGE_SIZE, exportAuditLog } from "@/server/logs/export-audit-log";
import { exportIssuanceLog, ISSUANCE_CSV_HEADER } from "@/server/logs/export-issuance-log";
import { readPdfText } from "@/server/pdf/read-pdf-text";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { encodeCsvAs } from "@/server/reports/report-csv";
import { ownerDb } from "@/tests/setup/owner-db";
import { createMunicipality, createStaffUser } from "../factories";
import { staffCtx, systemCtx } from "../factories/contexts";
import { createApiClient, createCardholder } from "../factories/issuance";
import { createIssuanceRow } from "../factories/issuance-row";

afterAll(closeRenderPool);

/** The fixed clock: Monday 2026-12-07 10:00 JST. */
const NOW = new Date("2026-12-07T10:00:00+09:00");
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function setUpTown() {
  const m = await createMunicipality();
  const holder = await createCardholder(m.id, { resident: { familyName: "出力", givenName: "太郎" } });
  const { client } = await createApiClient({ municipalityId: null });
  const admin = await createStaffUser({ municipalityId: m.id, role: "municipal_admin", displayName: "出力 管理者" });
  return { m, holder, client, admin, ctx: staffCtx(m.id, "municipal_admin", admin.id) };
}
type Town = Awaited<ReturnType<typeof setUpTown>>;

async function bytesOf(body: Uint8Array | AsyncIterable<Uint8Array>): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Uint8Array[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks);
}
const utf8Rows = (b: Buffer): string[][] => {
  expect(b.subarray(0, 3)).toEqual(BOM);
  return parse(b.subarray(3).toString("utf8"), { relax_column_count: false });
};

/** Audit events written straight into the town's chain at given times, hashed as the writer hashes them. */
async function appendEvents(municipalityId: string, events: Array<{ at: string; action: string; targetId?: string; details?: Record<string, unknown> }>) {
  const last = await ownerDb().auditEvent.findFirst({ where: { chain: municipalityId }, orderBy: { seq: "desc" } });
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS_HASH;
  for (const e of events) {
    seq++;
    const fields = {
      chain: municipalityId,
      seq,
      municipalityId,
      occurredAt: new Date(e.at),
      actorType: "system",
      actorId: "test",
      action: e.action,
      targetType: e.targetId ? "Issuance" : null,
      targetId: e.targetId ?? null,
      details: e.details ?? {},
    };
    const hash = auditHash(prev, fields);
    await ownerDb().auditEvent.create({ data: { ...fields, actorType: "system", details: fields.details as object, prevHash: prev, hash } });
    prev = hash;
  }
}

describe("exportIssuanceLog", () => {
  let a: Town;
  let b: Town;
  beforeAll(async () => {
    a = await setUpTown();
    b = await setUpTown();
  });

  it("gives the JST days of the period, oldest first, only the municipality's own rows; UTF-8 with BOM; audited with the count", async () => {
    const before = await createIssuanceRow(a, { at: "2026-10-31T23:59:59.999+09:00" });
    const first = await createIssuanceRow(a, { at: "2026-11-01T00:00:00+09:00" });
    const last = await createIssuanceRow(a, { at: "2026-11-30T23:59:59.999+09:00", certificateType: "seal", copies: 2, feeTotal: 400 });
    const after = await createIssuanceRow(a, { at: "2026-12-01T00:00:00+09:00" });
    const other = await createIssuanceRow(b, { at: "2026-11-15T12:00:00+09:00" });
    const auditor = staffCtx(a.m.id, "auditor");

    const file = await exportIssuanceLog({ ctx: auditor, input: { from: "2026-11-01", to: "2026-11-30", encoding: "utf8" }, now: NOW });
    expect(file).toMatchObject({ count: 2, contentType: "text/csv; charset=utf-8", fileName: `発行履歴_${a.m.code}_2026-11-01_2026-11-30.csv` });
    const rows = utf8Rows(await bytesOf(file.body));
    expect(rows[0]).toEqual([...ISSUANCE_CSV_HEADER]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([first.issuanceNo, last.issuanceNo]);
    const nos = rows.map((r) => r[0]);
    for (const x of [before, after, other]) expect(nos).not.toContain(x.issuanceNo);
    expect(rows[1]).toEqual([first.issuanceNo, a.m.code, "住民票の写し", "住所地", "印刷完了", "有効", "", "", "2026/11/01 00:00:00", "", "test-mart", "0001", "T1", "1", "200", "200", "1"]);
    expect(rows[2].slice(2, 3)).toEqual(["印鑑登録証明書"]);
    expect(rows[2].slice(13, 16)).toEqual(["2", "200", "400"]);

    const events = await ownerDb().auditEvent.findMany({ where: { chain: a.m.id, action: "export.issuance_log" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: auditor.actor.id, details: { from: "2026-11-01", to: "2026-11-30", encoding: "utf8", count: 2 } });
  });

  it("Shift_JIS decodes to the same kanji text; cells that start like a formula get a leading '", async () => {
    const t = await setUpTown();
    await createIssuanceRow(t, { at: "2026-11-10T09:00:00+09:00", storeChain: "=HYPERLINK(\"http://x\")", storeCode: "+1", terminalId: "@SUM(A1)" });
    await createIssuanceRow(t, { at: "2026-11-10T10:00:00+09:00", terminalId: "-2+3", certificateType: "koseki_full", purpose: "honseki" });
    const input = { from: "2026-11-10", to: "2026-11-10" };
    const utf8 = await bytesOf((await exportIssuanceLog({ ctx: t.ctx, input: { ...input, encoding: "utf8" }, now: NOW })).body);
    const sjisFile = await exportIssuanceLog({ ctx: t.ctx, input: { ...input, encoding: "sjis" }, now: NOW });
    expect(sjisFile.contentType).toBe("text/csv; charset=shift_jis");
    const sjis = await bytesOf(sjisFile.body);
    expect(sjis.subarray(0, 3)).not.toEqual(BOM);
    expect(iconv.decode(sjis, "cp932")).toBe(utf8.subarray(3).toString("utf8"));
    // 戸籍全部事項証明書 in cp932 bytes, not UTF-8.
    expect(sjis.includes(iconv.encode("戸籍全部事項証明書", "cp932"))).toBe(true);
    expect(sjis.includes(Buffer.from("戸籍全部事項証明書", "utf8"))).toBe(false);

    const rows = utf8Rows(utf8);
    expect(rows[1].slice(10, 13)).toEqual(["'=HYPERLINK(\"http://x\")", "'+1", "'@SUM(A1)"]);
    expect(rows[2][12]).toBe("'-2+3");
    expect(rows[2].slice(2, 4)).toEqual(["戸籍全部事項証明書", "本籍地"]);
    // Figures stay numbers (not neutralised text).
    expect(utf8.toString("utf8")).toContain('"1","200","200","1"');
  });

  it("reads page by page: more rows than a page, same instant, each once", async () => {
    const t = await setUpTown();
    const template = await createIssuanceRow(t, { at: "2026-11-20T08:00:00+09:00" });
    const { id: _id, issuanceNo: _no, idempotencyKey: _k, centreTransactionId: _c, ...rest } = template;
    const n = EXPORT_PAGE_SIZE + 4;
    await ownerDb().issuance.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        ...rest,
        options: {},
        timings: {},
        issuanceNo: `${t.m.code}-2026-9${String(i).padStart(7, "0")}`,
        idempotencyKey: `page-${t.m.code}-${i}`,
        centreTransactionId: `page-${t.m.code}-${i}`,
      })),
    });
    const file = await exportIssuanceLog({ ctx: t.ctx, input: { from: "2026-11-20", to: "2026-11-20" }, now: NOW });
    expect(file.count).toBe(n + 1);
    const rows = utf8Rows(await bytesOf(file.body));
    expect(rows).toHaveLength(n + 2);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(n + 1);
  });

  it("the operator exports one municipality by code; a period longer than a year and a reversed one are refused", async () => {
    await createIssuanceRow(b, { at: "2026-11-03T12:00:00+09:00" });
    const op = staffCtx(null, "operator");
    const file = await exportIssuanceLog({ ctx: op, input: { from: "2026-11-03", to: "2026-11-03", municipality: b.m.code }, now: NOW });
    const rows = utf8Rows(await bytesOf(file.body));
    expect(rows.slice(1).every((r) => r[1] === b.m.code)).toBe(true);
    expect(rows.length).toBeGreaterThan(1);
    expect(await ownerDb().auditEvent.count({ where: { chain: b.m.id, action: "export.issuance_log", actorId: op.actor.id } })).toBe(1);

    await expect(exportIssuanceLog({ ctx: a.ctx, input: { from: "2025-10-31", to: "2026-11-01" }, now: NOW })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(exportIssuanceLog({ ctx: a.ctx, input: { from: "2026-11-02", to: "2026-11-01" }, now: NOW })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("exportAuditLog", () => {
  it("gives the chain's events of the JST days, oldest first, with the columns that verify the hashes; other towns' absent; audited", async () => {
    const t = await setUpTown();
    const other = await setUpTown();
    await appendEvents(t.m.id, [
      { at: "2026-10-31T14:59:59.999Z", action: "test.before" }, // 2026-10-31 23:59:59.999 JST
      { at: "2026-10-31T15:00:00.000Z", action: "test.first", details: { count: 1, note: "=1+1" } }, // 2026-11-01 00:00 JST
      { at: "2026-11-30T14:59:59.999Z", action: "test.last", targetId: "00000000-0000-0000-0000-000000000001" },
      { at: "2026-11-30T15:00:00.000Z", action: "test.after" },
    ]);
    await appendEvents(other.m.id, [{ at: "2026-11-15T00:00:00Z", action: "test.other_town" }]);

    const auditor = staffCtx(t.m.id, "auditor");
    const file = await exportAuditLog({ ctx: auditor, input: { from: "2026-11-01", to: "2026-11-30", encoding: "utf8" } });
    expect(file.count).toBe(2);
    const rows = utf8Rows(await bytesOf(file.body));
    expect(rows[0]).toEqual([...AUDIT_CSV_HEADER]);
    expect(rows.slice(1).map((r) => r[9])).toEqual(["test.first", "test.last"]);
    expect(rows.flat().join()).not.toContain("test.other_town");
    expect(rows[1].slice(0, 4)).toEqual([t.m.id, "2", "2026/11/01 00:00:00", "2026-10-31T15:00:00.000Z"]);

    // Each row's hash follows from its columns and the previous hash (server/audit/audit-chain.ts).
    for (const r of rows.slice(1)) {
      const [chain, seq, , iso, municipalityId, , actorType, actorId, , action, targetType, targetId, details, prevHash, hash] = r;
      const fields = { chain, seq: Number(seq), municipalityId: municipalityId || null, occurredAt: new Date(iso), actorType, actorId: actorId || null, action, targetType: targetType || null, targetId: targetId || null, details: JSON.parse(details) };
      expect(auditHash(prevHash, fields)).toBe(hash);
      expect(details).toBe(canonicalJson(fields.details));
    }

    // The export is in the chain, after the rows it gave.
    const exported = await ownerDb().auditEvent.findFirstOrThrow({ where: { chain: t.m.id, action: "export.audit_log" } });
    expect(exported).toMatchObject({ actorId: auditor.actor.id, details: { from: "2026-11-01", to: "2026-11-30", encoding: "utf8", count: 2 } });
  });

  it("Shift_JIS is the same text; a clerk (no audit:read) is refused", async () => {
    const t = await setUpTown();
    await appendEvents(t.m.id, [{ at: "2026-11-05T00:00:00Z", action: "test.kanji", details: { label: "住民票" } }]);
    const input = { from: "2026-11-05", to: "2026-11-05" };
    const utf8 = await bytesOf((await exportAuditLog({ ctx: t.ctx, input: { ...input, encoding: "utf8" } })).body);
    const sjis = await bytesOf((await exportAuditLog({ ctx: t.ctx, input: { ...input, encoding: "sjis" } })).body);
    expect(iconv.decode(sjis, "cp932")).toBe(utf8.subarray(3).toString("utf8"));
    expect(iconv.decode(sjis, "cp932")).toContain("住民票");

    await expect(exportAuditLog({ ctx: staffCtx(t.m.id, "clerk"), input })).rejects.toMatchObject({ code: "forbidden" });
    expect(await ownerDb().auditEvent.count({ where: { chain: t.m.id, action: "export.audit_log" } })).toBe(2);
  });
});

describe("exportIncidentReport", () => {
  it("the PDF and the CSV carry the timeline, the affected 発行番号 and the items each printed; audited; another town's incident is not found", async () => {
    const t = await setUpTown();
    const other = await setUpTown();
    const residence = await createIssuanceRow(t, { at: "2026-12-01T09:00:00+09:00", options: { members: "all", includeHonseki: true, includeMyNumber: true } });
    const seal = await createIssuanceRow(t, { at: "2026-12-01T09:05:00+09:00", certificateType: "seal" });
    const incidentId = await openIncident(systemCtx, { municipalityId: t.m.id, kind: "centre_error", severity: "high", summary: "誤交付の疑い（端末T1）", issuanceId: residence.id });
    await acknowledgeIncident({ ctx: t.ctx, input: { incidentId }, now: NOW });
    await addIncidentIssuances({ ctx: t.ctx, input: { incidentId, issuanceNos: seal.issuanceNo }, now: NOW });
    await voidIncidentIssuances({ ctx: t.ctx, input: { incidentId, scope: "all", reason: "misissued", confirm: true }, now: NOW });
    await closeIncident({ ctx: t.ctx, input: { incidentId, reason: "回収済み" }, now: NOW });

    const auditor = staffCtx(t.m.id, "auditor");
    const pdf = await exportIncidentReport({ ctx: auditor, input: { incidentId, format: "pdf" }, now: NOW });
    expect(pdf.contentType).toBe("application/pdf");
    const text = readPdfText(await bytesOf(pdf.body)).pageTexts.join("").replace(/\s+/g, "");
    for (const s of ["インシデント報告書", t.m.name, incidentId, "インシデントを記録（交付センターのエラー報告、重要度：高）", "対応を開始", "影響を受けた発行記録を1件追加", `発行番号${residence.issuanceNo}を無効（誤交付）`, "クローズ", residence.issuanceNo, seal.issuanceNo, "個人番号", "印影"]) {
      expect(text).toContain(s.replace(/\s+/g, ""));
    }

    const csv = await exportIncidentReport({ ctx: auditor, input: { incidentId, format: "csv-utf8" }, now: NOW });
    const rows = utf8Rows(await bytesOf(csv.body));
    expect(Buffer.from(csv.body as Uint8Array)).toEqual(encodeCsvAs(incidentReportCsvRows(pdf.data), "utf8"));
    const timeline = rows.filter((r) => r[0] === "経過").map((r) => r[3]);
    expect(timeline).toEqual([
      "インシデントを記録（交付センターのエラー報告、重要度：高）",
      "対応を開始",
      `影響を受けた発行記録を1件追加（${seal.issuanceNo}）`,
      `発行番号 ${residence.issuanceNo} を無効（誤交付）`,
      `発行番号 ${seal.issuanceNo} を無効（誤交付）`,
      "クローズ",
    ]);
    const affected = rows.filter((r) => r[0] === "発行記録");
    expect(affected.map((r) => r[1])).toEqual([residence.issuanceNo, seal.issuanceNo].sort());
    const res = affected.find((r) => r[1] === residence.issuanceNo)!;
    expect(res.slice(4)).toEqual(["住民票の写し", "印刷完了", expect.stringContaining("個人番号"), "世帯全員", "あり", "あり", "1"]);
    expect(res[6]).toContain("本籍");
    expect(affected.find((r) => r[1] === seal.issuanceNo)!.slice(6, 10)).toEqual(["氏名、生年月日、住所、印鑑登録番号、印影", "本人", "なし", "なし"]);
    // No personal data values: the cardholder's name is not in the report.
    expect(rows.flat().join()).not.toContain("出力");

    const sjis = await exportIncidentReport({ ctx: auditor, input: { incidentId, format: "csv-sjis" }, now: NOW });
    expect(iconv.decode(Buffer.from(sjis.body as Uint8Array), "cp932")).toBe(Buffer.from(csv.body as Uint8Array).subarray(3).toString("utf8"));

    const events = await ownerDb().auditEvent.findMany({ where: { chain: t.m.id, action: "export.incident_report" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.details)).toEqual([
      { format: "pdf", affected: 2, timeline: 6 },
      { format: "csv-utf8", affected: 2, timeline: 6 },
      { format: "csv-sjis", affected: 2, timeline: 6 },
    ]);
    expect(events.every((e) => e.targetId === incidentId && e.actorId === auditor.actor.id)).toBe(true);

    await expect(exportIncidentReport({ ctx: staffCtx(other.m.id, "auditor"), input: { incidentId, format: "csv-utf8" }, now: NOW })).rejects.toMatchObject({ code: "not_found" });
  }, 60_000);

  it("an incident recorded without its audit event (the demo seed's) starts its timeline when it was recorded", async () => {
    const t = await setUpTown();
    const incident = await ownerDb().incident.create({ data: { municipalityId: t.m.id, kind: "other", severity: "low", summary: "シードの例", openedAt: new Date("2026-12-01T09:00:00+09:00") } });
    const csv = await exportIncidentReport({ ctx: staffCtx(t.m.id, "clerk"), input: { incidentId: incident.id, format: "csv-utf8" }, now: NOW });
    expect(csv.data.timeline).toEqual([{ at: "2026/12/01 09:00:00", event: "インシデントを記録（その他、重要度：低）", actor: "システム" }]);
    expect(csv.data.affected).toEqual([]);
  });
});
