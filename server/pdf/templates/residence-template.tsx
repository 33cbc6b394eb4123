// 住民票の写し and 住民票記載事項証明書: one block per person (個票式), never split across pages.
import { Text, View } from "@react-pdf/renderer";
import type { CertificateDocument, ResidenceBody } from "../document-model";
import { CertificateFrame, Field, styles } from "./certificate-frame";

export function ResidenceTemplate({ doc, body }: { doc: CertificateDocument; body: ResidenceBody }) {
  return (
    <CertificateFrame doc={doc}>
      <View style={{ marginBottom: 10 }}>
        <Field label="住所" value={body.address} />
        {body.householdHead ? <Field label="世帯主" value={body.householdHead} /> : null}
      </View>
      {body.persons.map((p, i) => (
        <View key={i} style={styles.block} wrap={false}>
          <Text style={styles.blockTitle}>氏名　{p.name}</Text>
          {p.fields.map(([label, value], j) => (
            <Field key={j} label={label} value={value} />
          ))}
        </View>
      ))}
    </CertificateFrame>
  );
}
