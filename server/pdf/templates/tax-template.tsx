// 所得証明書 / 課税(非課税)証明書 / 所得・課税証明書 of one fiscal year (DOMAIN.md §9): the taxpayer, then the
// income section (所得の内訳, 所得控除, 扶養人数) and/or the assessment section (課税標準額, 市町村民税 and
// 道府県民税 所得割・均等割, 年税額 — or 「非課税」), as the variant says.
import { StyleSheet, Text, View } from "@react-pdf/renderer";
import type { CertificateDocument, TaxBody } from "../document-model";
import { CertificateFrame, Field } from "./certificate-frame";

const t = StyleSheet.create({
  incomeYear: { textAlign: "right", marginTop: -10, marginBottom: 8 },
  section: { marginBottom: 12 },
  heading: { fontWeight: "bold", marginBottom: 3 },
  table: { borderTopWidth: 0.75, borderLeftWidth: 0.75, borderColor: "#333" },
  tr: { flexDirection: "row" },
  th: { backgroundColor: "#eee", fontWeight: "bold" },
  cell: { flex: 1, borderRightWidth: 0.75, borderBottomWidth: 0.75, borderColor: "#333", paddingVertical: 2, paddingHorizontal: 4 },
  labelCell: { flex: 1.4 },
  num: { textAlign: "right" },
  total: { fontWeight: "bold" },
  nonTaxable: { flex: 3, textAlign: "center", fontWeight: "bold", letterSpacing: 6 },
});

function Row({ cells, head, total }: { cells: string[]; head?: boolean; total?: boolean }) {
  return (
    <View style={[t.tr, ...(head ? [t.th] : [])]} wrap={false}>
      {cells.map((c, i) => (
        <Text key={i} style={[t.cell, ...(i === 0 ? [t.labelCell] : head ? [] : [t.num]), ...(total ? [t.total] : [])]}>
          {c}
        </Text>
      ))}
    </View>
  );
}

function IncomeSection({ body }: { body: TaxBody }) {
  return (
    <>
      <View style={t.section} wrap={false}>
        <Text style={t.heading}>所得の内訳</Text>
        <View style={t.table}>
          <Row head cells={["所得の種類", "収入金額（円）", "所得金額（円）"]} />
          {body.income.map((r, i) => (
            <Row key={i} cells={[r.label, r.revenue, r.amount]} />
          ))}
          <Row total cells={["合計所得金額", "", body.totalIncome]} />
        </View>
      </View>
      <View style={t.section} wrap={false}>
        <Text style={t.heading}>所得控除の内訳</Text>
        <View style={t.table}>
          <Row head cells={["控除の種類", "金額（円）"]} />
          {body.deductions.map((r, i) => (
            <Row key={i} cells={[r.label, r.amount]} />
          ))}
          <Row total cells={["所得控除合計", body.totalDeductions]} />
          <Row cells={["扶養人数", body.dependents]} />
        </View>
      </View>
    </>
  );
}

function AssessmentSection({ body }: { body: TaxBody }) {
  return (
    <View style={t.section} wrap={false}>
      <Text style={t.heading}>課税の内訳</Text>
      <View style={t.table}>
        <Row cells={["課税標準額（円）", body.taxableIncome]} />
      </View>
      <View style={[t.table, { marginTop: 6 }]}>
        <Row head cells={["税目", "所得割（円）", "均等割（円）", "計（円）"]} />
        {body.taxes ? (
          <>
            <Row cells={["市町村民税", body.taxes.municipal.incomeLevy, body.taxes.municipal.perCapita, body.taxes.municipal.total]} />
            <Row cells={["道府県民税", body.taxes.prefectural.incomeLevy, body.taxes.prefectural.perCapita, body.taxes.prefectural.total]} />
            <Row total cells={["年税額", "", "", body.taxes.annualTotal]} />
          </>
        ) : (
          <View style={t.tr} wrap={false}>
            <Text style={[t.cell, t.labelCell]}>市町村民税・道府県民税</Text>
            <Text style={[t.cell, t.nonTaxable]}>非課税</Text>
          </View>
        )}
      </View>
    </View>
  );
}

export function TaxTemplate({ doc, body }: { doc: CertificateDocument; body: TaxBody }) {
  return (
    <CertificateFrame doc={doc}>
      <Text style={t.incomeYear}>（{body.incomeYearLabel}の所得）</Text>
      <View style={[t.section, { marginBottom: 14 }]} wrap={false}>
        <Field label="氏名" value={body.person.name} />
        {body.person.fields.map(([label, value], j) => (
          <Field key={j} label={label} value={value} />
        ))}
      </View>
      {body.variant !== "assessment" ? <IncomeSection body={body} /> : null}
      {body.variant !== "income" ? <AssessmentSection body={body} /> : null}
    </CertificateFrame>
  );
}
