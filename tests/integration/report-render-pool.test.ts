// The monthly report's PDF is drawn in the PDF worker pool: the bytes come back, and a name the report fonts
// cannot draw is refused with UnprintableReportError on the caller's side (an error class does not cross the
// thread boundary by itself).
import { afterAll, describe, expect, it } from "vitest";
import { closeRenderPool, renderReportInWorker } from "@/server/pdf/render-pool";
import type { ReportData } from "@/server/reports/report-data";
import { UnprintableReportError } from "@/server/reports/report-errors";

afterAll(closeRenderPool);

const totals = { count: 0, copies: 0, feeTotal: 0 };
function report(name: string): ReportData {
  return {
    month: "2026-11",
    municipality: { id: "m", code: "131121", name },
    stats: {
      month: "2026-11",
      municipality: null,
      totals,
      previousMonth: { ...totals, month: "2026-10" },
      sameMonthLastYear: { ...totals, month: "2025-11" },
      byType: [],
      byChain: [],
      byDay: [{ key: "2026-11-01", label: "1", ...totals }],
      byHour: [{ key: "0", label: "0", ...totals }],
      byWeekday: [],
      byResidence: [],
      byFee: [],
      comparison: null,
    },
    settlement: {
      month: "2026-11",
      municipality: { id: "m", code: "131121", name },
      defaultRate: 0,
      rateHistory: [],
      chains: [],
      totals: { count: 0, copies: 0, feeTotal: 0, commission: 0, net: 0 },
      counterCopies: null,
      kioskShare: null,
    },
    generatedAt: new Date("2026-12-01T01:30:00+09:00"),
    generatedByName: "自動作成",
  };
}

describe("monthly report in the PDF worker pool", () => {
  it("returns the PDF", async () => {
    const pdf = await renderReportInWorker(report("世田谷区"));
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  }, 120_000);

  it("refuses a name the fonts cannot draw with UnprintableReportError", async () => {
    const error = await renderReportInWorker(report("世田谷区\u{E000}")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprintableReportError);
    expect((error as UnprintableReportError).characters).toEqual(["\u{E000}"]);
  }, 120_000);
});
