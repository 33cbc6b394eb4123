// The incident report as PDF (A4, Japanese, the fonts of the monthly report): what a municipality sends its
// prefecture — the incident, its timeline, the affected issuances and which items each printed. Rendered in a
// PDF worker thread (server/pdf/render-pool.ts renderIncidentReportInWorker). No "server-only": the worker
// threads load it.
import { Document, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import { unprintableCharacters } from "../pdf/fonts";
import { registerPdfFonts } from "../pdf/render-certificate";
import { REPORT_STYLES } from "../reports/report-styles";
import type { IncidentReportData } from "./incident-report-data";

const s = { ...REPORT_STYLES, ...StyleSheet.create({ note: { fontSize: 8, color: "#333", marginTop: 4 } }) };

/** Free text staff typed may hold a character the fonts lack: print 〓 (the customary mark) rather than refuse the report. */
const printable = (text: string) => {
  const missing = new Set(unprintableCharacters(text));
  return missing.size ? Array.from(text, (c) => (missing.has(c) ? "〓" : c)).join("") : text;
};

function Rows({ widths, head, rows }: { widths: number[]; head: string[]; rows: string[][] }) {
  return (
    <View>
      <View style={[s.tr, s.th]} wrap={false} fixed>
        {head.map((h, i) => (
          <Text key={h} style={{ width: widths[i] }}>
            {h}
          </Text>
        ))}
      </View>
      {rows.map((r, ri) => (
        <View key={ri} style={s.tr} wrap={false}>
          {r.map((c, i) => (
            <Text key={i} style={{ width: widths[i], paddingRight: 4 }}>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

export function IncidentReportDocument({ d }: { d: IncidentReportData }) {
  const who = d.municipality ? `${d.municipality.name}（${d.municipality.code}）` : "運用事業者（自治体に属さない）";
  const i = d.incident;
  return (
    <Document title={`インシデント報告書 ${i.id}`} author={d.municipality?.name ?? "運用事業者"} subject={`incident-report:${i.id}`} language="ja">
      <Page size="A4" style={s.page}>
        <View style={s.footer} fixed>
          <Text>{`${who} インシデント ${i.id}`}</Text>
          <Text render={({ pageNumber, totalPages }) => `${pageNumber}/${totalPages}`} />
        </View>
        <Text style={s.title}>コンビニ交付 インシデント報告書</Text>
        <Text style={s.sub}>{`報告団体 ${who}　作成 ${d.generatedAt}`}</Text>

        <Text style={s.h2}>1. 概要</Text>
        <Rows
          widths={[110, 405]}
          head={["項目", "内容"]}
          rows={[
            ["インシデント番号", i.id],
            ["概要", printable(i.summary)],
            ["種別", i.kind],
            ["重要度", i.severity],
            ["状態", i.status],
            ["発生（記録）日時", i.openedAt],
            ["対応開始日時", i.acknowledgedAt ?? "—"],
            ["クローズ日時", i.closedAt ?? "—"],
            ["対応の内容（クローズの理由）", i.closeReason ? printable(i.closeReason) : "—"],
            ["影響を受けた発行記録", `${d.affected.length}件（${d.affected.reduce((n, a) => n + a.copies, 0)}通）`],
          ]}
        />

        <Text style={s.h2}>2. 経過</Text>
        {d.timeline.length ? <Rows widths={[110, 290, 115]} head={["日時", "内容", "操作者"]} rows={d.timeline.map((t) => [t.at, t.event, t.actor])} /> : <Text>記録はありません。</Text>}

        <Text style={s.h2}>3. 影響を受けた発行記録と記載された事項</Text>
        {d.affected.length ? (
          <Rows
            widths={[110, 75, 70, 55, 205]}
            head={["発行番号", "証明書の種類", "作成日時", "状態", "記載された事項（対象者）"]}
            rows={d.affected.map((a) => [a.issuanceNo, a.certificateName, a.renderedAt, `${a.status}${a.voided ? ` ${a.voided}` : ""}`, `${a.exposed.items.join("、")}（${a.exposed.persons}）`])}
          />
        ) : (
          <Text>影響を受けた発行記録はありません。</Text>
        )}
        <Text style={s.note}>
          記載された事項は、証明書の種類と請求時の選択（個人番号・本籍の記載など）から求めたものです。個人の情報そのものは、この報告書に記載していません。
        </Text>
      </Page>
    </Document>
  );
}

export async function renderIncidentReportPdf(d: IncidentReportData): Promise<Uint8Array> {
  registerPdfFonts();
  return new Uint8Array(await renderToBuffer(<IncidentReportDocument d={d} />));
}
