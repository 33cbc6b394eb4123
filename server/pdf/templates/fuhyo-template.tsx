// 戸籍の附票の写し (DOMAIN.md §9): 本籍 and 氏名 (筆頭者), then for each member of the register their name and
// address history (住所, 住所を定めた年月日), oldest first. A member's block may break across pages between
// address lines; the frame keeps 発行番号 and page n/m on every page.
import { StyleSheet, Text, View } from "@react-pdf/renderer";
import type { CertificateDocument, FuhyoBody } from "../document-model";
import { CertificateFrame } from "./certificate-frame";

const SECTION_WIDTH = 112;
const DATE_WIDTH = 120;

const f = StyleSheet.create({
  head: { borderTopWidth: 1.5, borderBottomWidth: 1.5, borderColor: "#222" },
  headRow: { flexDirection: "row", paddingVertical: 3 },
  headLabel: { width: SECTION_WIDTH, letterSpacing: 8 },
  headValue: { flex: 1 },
  member: { borderBottomWidth: 1.5, borderColor: "#222", paddingBottom: 4 },
  memberHead: { flexDirection: "row", paddingVertical: 4 },
  sectionCell: { width: SECTION_WIDTH, paddingRight: 4 },
  memberLabel: { fontSize: 9 },
  memberName: { fontWeight: "bold", marginTop: 2 },
  fields: { flex: 1 },
  lines: { marginLeft: SECTION_WIDTH },
  lineRow: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: "#777", paddingVertical: 2 },
  th: { fontSize: 9, color: "#333" },
  address: { flex: 1, paddingRight: 6 },
  date: { width: DATE_WIDTH },
});

function Line({ line }: { line: FuhyoBody["members"][number]["lines"][number] }) {
  return (
    <View style={f.lineRow} wrap={false}>
      <Text style={f.address}>{line.address}</Text>
      <Text style={f.date}>{line.addressSetOn}</Text>
    </View>
  );
}

export function FuhyoTemplate({ doc, body }: { doc: CertificateDocument; body: FuhyoBody }) {
  return (
    <CertificateFrame doc={doc}>
      <View style={f.head} wrap={false}>
        <View style={f.headRow}>
          <Text style={f.headLabel}>本籍</Text>
          <Text style={f.headValue}>{body.honseki}</Text>
        </View>
        <View style={f.headRow}>
          <Text style={f.headLabel}>氏名</Text>
          <Text style={f.headValue}>{body.headName}</Text>
        </View>
      </View>
      {body.members.map((m, i) => {
        const [first, ...rest] = m.lines;
        return (
          <View key={i} style={f.member}>
            {/* The member's name, the column heads and the first line stay together. */}
            <View wrap={false}>
              <View style={f.memberHead}>
                <View style={f.sectionCell}>
                  <Text style={f.memberLabel}>附票に記録されている者</Text>
                  <Text style={f.memberName}>{m.name}</Text>
                </View>
                <View style={f.fields}>
                  {m.fields.map(([label, value], j) => (
                    <Text key={j}>
                      【{label}】{value}
                    </Text>
                  ))}
                </View>
              </View>
              <View style={f.lines}>
                <View style={f.lineRow}>
                  <Text style={[f.address, f.th]}>住所</Text>
                  <Text style={[f.date, f.th]}>住所を定めた年月日</Text>
                </View>
                {first ? <Line line={first} /> : null}
              </View>
            </View>
            <View style={f.lines}>
              {rest.map((l, j) => (
                <Line key={j} line={l} />
              ))}
            </View>
          </View>
        );
      })}
    </CertificateFrame>
  );
}
