// The monthly report as PDF: A4, Japanese (the certificate font chain), summary, bar charts drawn with
// react-pdf Svg primitives with their figures beside them, and the settlement. Rendered in a PDF worker thread
// (server/pdf/render-pool.ts renderReportInWorker: ≈ 0.3 s of CPU a report, off the caller's event loop).
// No "server-only": the worker threads load it.
import { Document, Page, Rect, renderToBuffer, StyleSheet, Svg, Text, View } from "@react-pdf/renderer";
import { storeChainName } from "@/lib/store-chains";
import { formatWareki } from "@/lib/wareki";
import { unprintableCharacters } from "../pdf/fonts";
import { registerPdfFonts } from "../pdf/render-certificate";
import { addMonths, monthLabel } from "@/lib/months";
import type { ReportData } from "./report-data";
import { UnprintableReportError } from "./report-errors";
import { REPORT_STYLES } from "./report-styles";

const BAR = "#0031d8";
const yen = new Intl.NumberFormat("ja-JP");
const fmt = (n: number) => yen.format(n);
const pct = (cur: number, base: number) => (base === 0 ? "—" : `${((cur / base) * 100).toFixed(1)}%`);

const s = {
  ...REPORT_STYLES,
  ...StyleSheet.create({
    cellLabel: { width: 150 },
    cell: { width: 76, textAlign: "right" },
    barRow: { flexDirection: "row", alignItems: "center", paddingVertical: 1 },
    barLabel: { width: 110, fontSize: 8 },
    barValue: { width: 60, fontSize: 8, textAlign: "right" },
    colLabels: { flexDirection: "row" },
    colLabel: { fontSize: 6, textAlign: "center" },
  }),
};

type Bar = { label: string; value: number };

/** Horizontal bars: label, an Svg bar scaled to the largest value, the value. */
function HBarChart({ bars, unit, width = 260 }: { bars: Bar[]; unit: string; width?: number }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <View>
      {bars.map((b) => (
        <View key={b.label} style={s.barRow} wrap={false}>
          <Text style={s.barLabel}>{b.label}</Text>
          <Svg width={width} height={10}>
            <Rect x={0} y={1} width={Math.max(0.5, (b.value / max) * width)} height={8} fill={BAR} />
          </Svg>
          <Text style={s.barValue}>
            {fmt(b.value)}
            {unit}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** Vertical bars (days, hours): one Svg, labels in a row under it. */
function VBarChart({ bars, width = 500, height = 90 }: { bars: Bar[]; width?: number; height?: number }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = width / bars.length;
  return (
    <View wrap={false}>
      <Svg width={width} height={height}>
        <Rect x={0} y={height - 0.5} width={width} height={0.5} fill="#333" />
        {bars.map((b, i) => {
          const h = (b.value / max) * (height - 4);
          return <Rect key={b.label} x={i * slot + slot * 0.15} y={height - 0.5 - h} width={slot * 0.7} height={h} fill={BAR} />;
        })}
      </Svg>
      <View style={s.colLabels}>
        {bars.map((b) => (
          <Text key={b.label} style={[s.colLabel, { width: slot }]}>
            {b.label}
          </Text>
        ))}
      </View>
    </View>
  );
}

function Table({ head, rows, labelWidth = 150 }: { head: string[]; rows: string[][]; labelWidth?: number }) {
  return (
    <View>
      <View style={[s.tr, s.th]} wrap={false}>
        {head.map((h, i) => (
          <Text key={h} style={i === 0 ? [s.cellLabel, { width: labelWidth }] : s.cell}>
            {h}
          </Text>
        ))}
      </View>
      {rows.map((r, ri) => (
        // Static rows whose labels may repeat (one type at two fees): the index is the identity.
        <View key={ri} style={s.tr} wrap={false}>
          {r.map((c, i) => (
            <Text key={i} style={i === 0 ? [s.cellLabel, { width: labelWidth }] : s.cell}>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

export function MonthlyReportDocument({ d }: { d: ReportData }) {
  const st = d.stats;
  const se = d.settlement;
  const title = `${d.municipality.name} コンビニ交付 月次報告`;
  // Three sections, one <Page> each (a section that overflows still wraps onto further pages), not one <Page>
  // with page breaks: react-pdf lays out everything after a break again at every split, and the page-number
  // footer once more. Same pages and text, ≈ 20 % less CPU a report.
  const footer = (
    <View style={s.footer} fixed>
      <Text>{`${d.municipality.name}（${d.municipality.code}） ${monthLabel(d.month)}分`}</Text>
      <Text render={({ pageNumber, totalPages }) => `${pageNumber}/${totalPages}`} />
    </View>
  );
  return (
    <Document title={`${title}（${monthLabel(d.month)}分）`} author={d.municipality.name} subject={`monthly-report:${d.municipality.code}:${d.month}`} language="ja">
      <Page size="A4" style={s.page}>
        {footer}
        <Text style={s.title}>{title}</Text>
        <Text style={s.sub}>{`${monthLabel(d.month)}分　作成 ${formatWareki(d.generatedAt)}　作成者 ${d.generatedByName}`}</Text>

        <Text style={s.h2}>発行の概要（印刷完了分）</Text>
        <Table
          head={["", "発行件数", "発行通数", "手数料（円）"]}
          rows={[
            [`当月（${monthLabel(d.month)}）`, fmt(st.totals.count), fmt(st.totals.copies), fmt(st.totals.feeTotal)],
            [`前月（${monthLabel(addMonths(d.month, -1))}）`, fmt(st.previousMonth.count), fmt(st.previousMonth.copies), fmt(st.previousMonth.feeTotal)],
            [`前年同月（${monthLabel(addMonths(d.month, -12))}）`, fmt(st.sameMonthLastYear.count), fmt(st.sameMonthLastYear.copies), fmt(st.sameMonthLastYear.feeTotal)],
            ["前月比", pct(st.totals.count, st.previousMonth.count), pct(st.totals.copies, st.previousMonth.copies), pct(st.totals.feeTotal, st.previousMonth.feeTotal)],
            ["前年同月比", pct(st.totals.count, st.sameMonthLastYear.count), pct(st.totals.copies, st.sameMonthLastYear.copies), pct(st.totals.feeTotal, st.sameMonthLastYear.feeTotal)],
          ]}
        />

        <Text style={s.h2}>証明書の種類別 発行件数</Text>
        <HBarChart bars={st.byType.map((r) => ({ label: r.label, value: r.count }))} unit="件" />
        <Text style={s.h2}>コンビニチェーン別 発行件数</Text>
        <HBarChart bars={st.byChain.map((r) => ({ label: r.label, value: r.count }))} unit="件" />
        <Text style={s.h2}>住民・市区町村外の利用</Text>
        <HBarChart bars={st.byResidence.map((r) => ({ label: r.label, value: r.count }))} unit="件" />
      </Page>
      <Page size="A4" style={s.page}>
        {footer}
        <Text style={s.h2}>日別 発行件数</Text>
        <VBarChart bars={st.byDay.map((r) => ({ label: r.key.slice(8).replace(/^0/, ""), value: r.count }))} />
        <Text style={s.h2}>時間帯別 発行件数（時）</Text>
        <VBarChart bars={st.byHour.map((r) => ({ label: r.key, value: r.count }))} />
        <Text style={s.h2}>曜日別 発行件数</Text>
        <HBarChart bars={st.byWeekday.map((r) => ({ label: r.label, value: r.count }))} unit="件" />
        <Text style={s.h2}>手数料単価別</Text>
        <Table head={["証明書の種類", "単価（円）", "発行件数", "発行通数", "手数料（円）"]} rows={st.byFee.map((r) => [r.label, fmt(r.feePerCopy), fmt(r.count), fmt(r.copies), fmt(r.feeTotal)])} />
      </Page>
      <Page size="A4" style={s.page}>
        {footer}
        <Text style={s.h2}>精算（委託手数料）</Text>
        <Table
          labelWidth={100}
          head={["コンビニチェーン", "発行通数", "手数料（円）", "単価（円/通）", "委託手数料（円）", "差引（円）"]}
          rows={[
            ...se.chains.map((c) => [storeChainName(c.storeChain), fmt(c.copies), fmt(c.feeTotal), c.rates.map(fmt).join("・"), fmt(c.commission), fmt(c.net)]),
            ["合計", fmt(se.totals.copies), fmt(se.totals.feeTotal), "", fmt(se.totals.commission), fmt(se.totals.net)],
          ]}
        />
        <Text style={s.h2}>コンビニ交付率</Text>
        <Table
          head={["", "通数"]}
          rows={[
            ["コンビニ交付", fmt(se.totals.copies)],
            ["窓口交付", se.counterCopies === null ? "未入力" : fmt(se.counterCopies)],
            ["コンビニ交付率", se.kioskShare === null ? "—" : `${(se.kioskShare * 100).toFixed(1)}%`],
          ]}
        />
      </Page>
    </Document>
  );
}

export async function renderMonthlyReportPdf(d: ReportData): Promise<Uint8Array> {
  // Names come from configuration (municipality, store chains): refuse rather than print garbage glyphs.
  const missing = unprintableCharacters([d.municipality.name, d.generatedByName, ...d.settlement.chains.map((c) => storeChainName(c.storeChain))].join(""));
  if (missing.length) throw new UnprintableReportError(missing);
  registerPdfFonts();
  return new Uint8Array(await renderToBuffer(<MonthlyReportDocument d={d} />));
}
