// 印鑑登録証明書: the 印影 in a box beside the holder's particulars.
import { Image, Text, View } from "@react-pdf/renderer";
import { imageSource } from "./image-source";
import type { CertificateDocument, SealBody } from "../document-model";
import { CertificateFrame, Field } from "./certificate-frame";

export function SealTemplate({ doc, body }: { doc: CertificateDocument; body: SealBody }) {
  return (
    <CertificateFrame doc={doc}>
      <View style={{ flexDirection: "row", marginBottom: 12 }} wrap={false}>
        <View style={{ width: 120, height: 120, borderWidth: 1, borderColor: "#333", alignItems: "center", justifyContent: "center", marginRight: 16 }}>
          {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf Image, not an HTML img */}
          <Image style={{ width: 100, height: 100, objectFit: "contain" }} src={imageSource(body.sealImage)} />
        </View>
        <View style={{ flex: 1 }}>
          <Text style={{ fontWeight: "bold", marginBottom: 4 }}>氏名　{body.person.name}</Text>
          {body.person.fields.map(([label, value], j) => (
            <Field key={j} label={label} value={value} />
          ))}
        </View>
      </View>
    </CertificateFrame>
  );
}
