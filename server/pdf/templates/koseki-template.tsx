// 戸籍全部事項証明 / 個人事項証明 in the layout of the computerised register (DOMAIN.md §9): 本籍 and 氏名, the
// 戸籍事項, then one block per 戸籍に記録されている者 with its 身分事項. The document flows over as many pages
// as it needs: a member block may break across pages, a single 戸籍事項 / 身分事項 block never does. The frame
// keeps 発行番号 and page n/m on every page.
import { StyleSheet, Text, View } from "@react-pdf/renderer";
import type { CertificateDocument, Field, KosekiBody, KosekiEventBlock, KosekiMemberBlock } from "../document-model";
import { CertificateFrame } from "./certificate-frame";

const SECTION_WIDTH = 112;
const KIND_WIDTH = 76;

const k = StyleSheet.create({
  head: { borderTopWidth: 1.5, borderBottomWidth: 0.75, borderColor: "#222", marginBottom: 0 },
  headRow: { flexDirection: "row", paddingVertical: 3 },
  headLabel: { width: SECTION_WIDTH, letterSpacing: 8 },
  headValue: { flex: 1 },
  section: { borderBottomWidth: 0.75, borderColor: "#222" },
  member: { borderBottomWidth: 1.5, borderColor: "#222" },
  sectionCell: { width: SECTION_WIDTH, paddingRight: 4 },
  kindCell: { width: KIND_WIDTH, paddingRight: 4 },
  fieldsCell: { flex: 1 },
  memberHead: { flexDirection: "row", paddingVertical: 4, borderBottomWidth: 0.5, borderColor: "#777", borderStyle: "dashed" },
  memberLabel: { fontSize: 9 },
  memberName: { fontWeight: "bold", marginTop: 2 },
  removed: { marginTop: 4, width: 44, borderWidth: 1, borderColor: "#222", textAlign: "center", fontWeight: "bold", letterSpacing: 2 },
  eventRow: { flexDirection: "row", paddingVertical: 2 },
});

/** Two-character kinds are spread as on the register (出　生); the ideographic space is whitespace to pdf.js. */
const spread = (kind: string) => (Array.from(kind).length === 2 ? Array.from(kind).join("\u3000") : kind);

function Fields({ fields }: { fields: Field[] }) {
  return (
    <View style={k.fieldsCell}>
      {fields.map(([label, value], i) => (
        <Text key={i}>
          【{label}】{value}
        </Text>
      ))}
    </View>
  );
}

/** One 戸籍事項 / 身分事項 block, kept on one page. The section label is printed on the first block only. */
function EventRow({ section, event }: { section: string; event: KosekiEventBlock }) {
  return (
    <View style={k.eventRow} wrap={false}>
      <Text style={k.sectionCell}>{section}</Text>
      <Text style={k.kindCell}>{spread(event.kind)}</Text>
      <Fields fields={event.fields} />
    </View>
  );
}

function Member({ member }: { member: KosekiMemberBlock }) {
  const [first, ...rest] = member.events;
  return (
    <View style={k.member}>
      {/* The member's particulars and the first 身分事項 stay together: a header never ends a page alone. */}
      <View wrap={false}>
        <View style={k.memberHead}>
          <View style={k.sectionCell}>
            <Text style={k.memberLabel}>戸籍に記録されている者</Text>
            <Text style={k.memberName}>{member.name}</Text>
            {member.removed ? <Text style={k.removed}>除籍</Text> : null}
          </View>
          <View style={{ width: KIND_WIDTH }} />
          <Fields fields={member.fields} />
        </View>
        {first ? <EventRow section="身分事項" event={first} /> : null}
      </View>
      {rest.map((e, i) => (
        <EventRow key={i} section="" event={e} />
      ))}
    </View>
  );
}

export function KosekiTemplate({ doc, body }: { doc: CertificateDocument; body: KosekiBody }) {
  return (
    <CertificateFrame doc={doc}>
      <View style={k.head} wrap={false}>
        <View style={k.headRow}>
          <Text style={k.headLabel}>本籍</Text>
          <Text style={k.headValue}>{body.honseki}</Text>
        </View>
        <View style={k.headRow}>
          <Text style={k.headLabel}>氏名</Text>
          <Text style={k.headValue}>{body.headName}</Text>
        </View>
      </View>
      <View style={k.section}>
        {body.recordEvents.map((e, i) => (
          <EventRow key={i} section={i === 0 ? "戸籍事項" : ""} event={e} />
        ))}
      </View>
      {body.members.map((m, i) => (
        <Member key={i} member={m} />
      ))}
    </CertificateFrame>
  );
}
