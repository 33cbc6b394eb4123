// Monthly reports and settlement: generation stores the PDF and both CSVs with their hashes; the Shift_JIS CSV
// decodes back to the same rows as the UTF-8 one (and to what was meant); the PDF's text carries the figures;
// the scheduled job covers every municipality once; commission rates with dates and chains; tenants apart.
import { parse } from "csv-parse/sync";
import crypto from "node:crypto";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { systemContext, type RequestContext } from "@/server/context";
import { ownerDb } from "@/tests/setup/owner-db";
import { completeIssuance } from "@/server/issuance/complete-issuance";
import { extractPdf } from "@/server/pdf/render-certificate";
import { generateMonthlyReport } from "@/server/reports/generate-monthly-report";
import { getReportFile } from "@/server/reports/get-report-file";
import { listMonthlyReports } from "@/server/reports/list-monthly-reports";
import { CSV_HEADER } from "@/server/reports/report-csv";
import { runMonthlyReportsJob } from "@/server/reports/run-monthly-reports-job";
import { addCommissionRate } from "@/server/settlement/add-commission-rate";
import { getSettlement } from "@/server/settlement/get-settlement";
import { setCounterCount } from "@/server/settlement/set-counter-count";
import { createStaffUser } from "../factories";
import { createServedMunicipality } from "../factories/issuance";
import { createRenderedIssuance, createUsageFixture } from "../factories/usage";

const SLOW = 120_000;

async function staffCtx(municipalityId: string | null, role: "operator" | "municipal_admin" | "clerk" = municipalityId ? "municipal_admin" : "operator"): Promise<RequestContext> {
  const u = await createStaffUser({ municipalityId, role, displayName: role === "operator" ? "運用 花子" : "統計 太郎" });
  return { actor: { type: "staff", id: u.id, role, municipalityId }, municipalityId, requestId: "t" };
}

/** Printed issuances: [JST instant, chain, copies, fee per copy, out of town]. */
async function printed(municipalityId: string, rows: Array<[string, string, number, number, boolean?]>) {
  const { card, api } = await createUsageFixture(municipalityId);
  for (const [at, storeChain, copies, feePerCopy, outOfTown] of rows) {
    const iss = await createRenderedIssuance({ municipalityId, cardCertificateId: card.id, apiClientId: api.client.id, storeChain, copies, feePerCopy, outOfTown: outOfTown ?? false });
    await completeIssuance({ ctx: api.ctx, issuanceId: iss.id, input: { outcome: "printed" } as never, now: new Date(at) });
  }
}

const NOW = new Date("2026-12-01T01:30:00+09:00");

describe("settlement", () => {
  it("applies commission rates by effective date and chain, and the kiosk share against counter copies", async () => {
    const m = await createServedMunicipality({ commissionPerIssuance: 117 });
    await printed(m.id, [
      ["2026-11-05T10:00:00+09:00", "seven-eleven", 2, 300],
      ["2026-11-20T10:00:00+09:00", "seven-eleven", 1, 300],
      ["2026-11-20T11:00:00+09:00", "lawson", 3, 200],
      ["2026-11-21T11:00:00+09:00", "familymart", 1, 200],
    ]);
    const admin = await staffCtx(m.id);
    // Default 120 from 11-01; seven-eleven 100 from 11-15; lawson has none (default); familymart from 12-01 only.
    await addCommissionRate({ ctx: admin, input: { storeChain: "", amount: 120, effectiveFrom: "2026-11-01" } });
    await addCommissionRate({ ctx: admin, input: { storeChain: "seven-eleven", amount: 100, effectiveFrom: "2026-11-15" } });
    await addCommissionRate({ ctx: admin, input: { storeChain: "familymart", amount: 50, effectiveFrom: "2026-12-01" } });
    let s = await getSettlement({ ctx: admin, input: { month: "2026-11" } });
    const chain = (c: string) => s.chains.find((x) => x.storeChain === c)!;
    expect(chain("seven-eleven")).toMatchObject({ copies: 3, feeTotal: 900, commission: 2 * 120 + 1 * 100, rates: [100, 120], net: 900 - 340 });
    expect(chain("lawson")).toMatchObject({ copies: 3, feeTotal: 600, commission: 360 });
    expect(chain("familymart")).toMatchObject({ copies: 1, commission: 120 });
    expect(s.totals).toMatchObject({ copies: 7, feeTotal: 1700, commission: 820, net: 880 });
    expect(s.kioskShare).toBeNull();
    await setCounterCount({ ctx: admin, input: { month: "2026-11", copies: 13 } });
    s = await getSettlement({ ctx: admin, input: { month: "2026-11" } });
    expect(s.counterCopies).toBe(13);
    expect(s.kioskShare).toBeCloseTo(7 / 20);
    // A correction replaces the month's count.
    await setCounterCount({ ctx: admin, input: { month: "2026-11", copies: 3 } });
    expect((await getSettlement({ ctx: admin, input: { month: "2026-11" } })).kioskShare).toBeCloseTo(0.7);
  });

  it("refuses bad form input with field messages and keeps clerks and other municipalities out", async () => {
    const a = await createServedMunicipality();
    const b = await createServedMunicipality();
    const admin = await staffCtx(a.id);
    await expect(setCounterCount({ ctx: admin, input: { month: "2026-13", copies: -1 } })).rejects.toMatchObject({
      code: "validation_failed",
      details: { errors: expect.arrayContaining([expect.objectContaining({ path: "month" }), expect.objectContaining({ path: "copies" })]) },
    });
    await expect(setCounterCount({ ctx: await staffCtx(a.id, "clerk"), input: { month: "2026-11", copies: 1 } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(addCommissionRate({ ctx: admin, input: { municipalityId: b.id, storeChain: "", amount: 1, effectiveFrom: "2026-11-01" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(getSettlement({ ctx: admin, input: { municipalityId: b.id, month: "2026-11" } })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("monthly reports", () => {
  it(
    "stores the PDF and both CSVs with their hashes; the Shift_JIS CSV decodes to the same rows; the PDF text round-trips",
    async () => {
      const m = await createServedMunicipality({ name: "髙橋市", commissionPerIssuance: 117 });
      await printed(m.id, [
        ["2026-11-02T09:10:00+09:00", "seven-eleven", 1, 300],
        ["2026-11-02T09:40:00+09:00", "lawson", 2, 300, true],
        ["2026-11-28T22:05:00+09:00", "familymart", 1, 350],
        ["2026-10-15T12:00:00+09:00", "lawson", 1, 300],
      ]);
      const admin = await staffCtx(m.id);
      await setCounterCount({ ctx: admin, input: { month: "2026-11", copies: 12 } });
      const g = await generateMonthlyReport({ ctx: admin, input: { month: "2026-11" }, now: NOW });
      const row = await ownerDb().monthlyReport.findUniqueOrThrow({ where: { id: g.id } });
      const sha = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");
      expect(row).toMatchObject({ municipalityId: m.id, month: "2026-11", trigger: "on_demand", generatedByName: "統計 太郎" });
      expect(sha(row.pdf)).toBe(row.pdfSha256);
      expect(sha(row.csvUtf8)).toBe(row.csvUtf8Sha256);
      expect(sha(row.csvSjis)).toBe(row.csvSjisSha256);

      // UTF-8 with BOM, CRLF, every field quoted.
      const utf8 = Buffer.from(row.csvUtf8);
      expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = utf8.subarray(3).toString("utf8");
      expect(text.split("\r\n")[0]).toBe(CSV_HEADER.map((h) => `"${h}"`).join(","));
      expect(text.replace(/\r\n/g, "")).not.toContain("\n");
      const rowsUtf8: string[][] = parse(text, { relax_column_count: false });
      // Shift_JIS: no BOM, decodes (cp932) to the very same rows.
      const sjis = Buffer.from(row.csvSjis);
      expect(sjis.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      expect(sjis.toString("utf8")).not.toBe(text); // really re-encoded
      const rowsSjis: string[][] = parse(iconv.decode(sjis, "cp932"));
      expect(rowsSjis).toEqual(rowsUtf8);
      const find = (section: string, item?: string) => rowsUtf8.find((r) => r[0] === section && (item === undefined || r[1] === item));
      expect(find("対象")![1]).toBe(`髙橋市（${m.code}）令和8年11月分`);
      expect(find("合計", "当月（令和8年11月）")!.slice(2)).toEqual(["3", "4", "1250", String(4 * 117)]);
      expect(find("合計", "前月（令和8年10月）")!.slice(2, 5)).toEqual(["1", "1", "300"]);
      expect(find("コンビニチェーン", "ローソン")!.slice(2)).toEqual(["1", "2", "600", "234"]);
      expect(find("利用者", "市区町村外での利用")![2]).toBe("1");
      expect(find("日別", "2026-11-02")![2]).toBe("2");
      expect(find("時間帯別", "9時台")![2]).toBe("2");
      expect(find("時間帯別", "22時台")![2]).toBe("1");
      expect(find("手数料単価", "住民票の写し 350円")![2]).toBe("1");
      expect(find("窓口交付")![3]).toBe("12");
      expect(find("コンビニ交付率")![3]).toBe("25.0");

      const pdf = await extractPdf(row.pdf);
      const all = pdf.pageTexts.join("");
      expect(pdf.pageCount).toBeGreaterThanOrEqual(2);
      for (const sNeedle of [
        "髙橋市コンビニ交付月次報告",
        "令和8年11月分",
        "作成者統計太郎",
        "当月（令和8年11月）341,250",
        "前月（令和8年10月）11300",
        "証明書の種類別発行件数住民票の写し3件",
        "ローソン",
        "セブン-イレブン",
        "市区町村外での利用1件",
        "合計41,250468782",
        "コンビニ交付率25.0%",
      ]) {
        expect(all).toContain(sNeedle.replace(/\s/g, ""));
      }
    },
    SLOW,
  );

  it(
    "the scheduled job generates last month's report once per municipality; staff regenerate on demand; downloads stay in the tenant",
    async () => {
      const a = await createServedMunicipality();
      const b = await createServedMunicipality();
      await createServedMunicipality({ status: "preparing" });
      await printed(a.id, [["2026-11-10T10:00:00+09:00", "lawson", 1, 300]]);
      const first = await runMonthlyReportsJob({ now: NOW });
      expect(first.month).toBe("2026-11");
      expect(first.failed).toBe(0);
      expect(first.generated).toBeGreaterThanOrEqual(2);
      // A retry (pg-boss) does only what is missing.
      const again = await runMonthlyReportsJob({ now: NOW });
      expect(again.generated).toBe(0);
      expect(again.skipped).toBe(first.generated + first.skipped);

      const adminA = await staffCtx(a.id);
      let listA = await listMonthlyReports({ ctx: adminA, input: {} });
      expect(listA).toHaveLength(1);
      expect(listA[0]).toMatchObject({ month: "2026-11", trigger: "scheduled", generatedByName: "自動作成", municipality: { code: a.code } });
      await generateMonthlyReport({ ctx: adminA, input: { month: "2026-11" }, now: new Date("2026-12-02T09:00:00+09:00") });
      listA = await listMonthlyReports({ ctx: adminA, input: {} });
      expect(listA.map((r) => r.trigger)).toEqual(["on_demand", "scheduled"]);

      const file = await getReportFile({ ctx: adminA, input: { reportId: listA[0].id, format: "csv-sjis" } });
      expect(file.fileName).toBe(`monthly-report-${a.code}-2026-11-sjis.csv`);
      expect(crypto.createHash("sha256").update(file.bytes).digest("hex")).toBe(listA[0].csvSjisSha256);

      // B's staff cannot read A's report; the operator can.
      const adminB = await staffCtx(b.id);
      await expect(getReportFile({ ctx: adminB, input: { reportId: listA[0].id, format: "pdf" } })).rejects.toMatchObject({ code: "report_not_found" });
      expect((await listMonthlyReports({ ctx: adminB, input: {} })).every((r) => r.municipality.code === b.code)).toBe(true);
      const op = await staffCtx(null);
      expect((await getReportFile({ ctx: op, input: { reportId: listA[0].id, format: "pdf" } })).contentType).toBe("application/pdf");
      // A clerk may download but not generate; a month not started yet is refused.
      await expect(generateMonthlyReport({ ctx: await staffCtx(a.id, "clerk"), input: { month: "2026-11" }, now: NOW })).rejects.toMatchObject({ code: "forbidden" });
      await expect(generateMonthlyReport({ ctx: adminA, input: { month: "2027-01" }, now: NOW })).rejects.toMatchObject({ code: "report_month_in_future" });
      // The job's context is per municipality.
      await expect(generateMonthlyReport({ ctx: systemContext("monthly-reports"), input: { month: "2026-11" }, now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    },
    SLOW,
  );
});
