// The frame every certificate shares: A4, title, 発行番号 and page n/m, the 照合番号 and the QR code of the
// page's verification address on every page (fixed header, docs/verify.md), the body,
// 以下余白, the 認証文 with the 和暦 date and the mayor's title and name under the 公印; a staff preview
// (doc.sample) adds a 「見本」 watermark and is otherwise identical.
import { Document, Image, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { imageSource } from "./image-source";
import type { ReactNode } from "react";
import { bindingKeywords, type CertificateDocument } from "../document-model";
import { FONT_FAMILY } from "../fonts";
import { QR_SIZE_PT, qrPath, VerificationQr } from "./verification-qr";

/** The verification page's address without the query, printed for a reader who types it. */
const verifyPageOf = (url: string) => url.split("?")[0];

export const styles = StyleSheet.create({
  // The header holds the QR code: the body starts below it on every page.
  page: { fontFamily: FONT_FAMILY, fontSize: 10, paddingTop: 28 + QR_SIZE_PT, paddingBottom: 48, paddingHorizontal: 48, lineHeight: 1.5 },
  header: { position: "absolute", top: 24, left: 48, right: 48 + QR_SIZE_PT + 6, flexDirection: "row", justifyContent: "space-between", fontSize: 8 },
  headerVerification: { position: "absolute", top: 36, right: 48 + QR_SIZE_PT + 6, width: 280, fontSize: 8, textAlign: "right" },
  headerHint: { fontSize: 6.5, color: "#333" },
  qr: { position: "absolute", top: 18, right: 48 - 4 },
  title: { fontSize: 18, fontWeight: "bold", textAlign: "center", marginBottom: 16, letterSpacing: 4 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#555", paddingVertical: 3 },
  label: { width: 110, color: "#222" },
  value: { flex: 1 },
  block: { borderWidth: 0.75, borderColor: "#333", padding: 8, marginBottom: 8 },
  blockTitle: { fontWeight: "bold", marginBottom: 2 },
  blank: { textAlign: "right", marginTop: 6, marginBottom: 18 },
  certification: { marginTop: 8 },
  signature: { flexDirection: "row", justifyContent: "space-between", alignItems: "center", marginTop: 18 },
  mayor: { fontSize: 12, paddingRight: 40 },
  seal: { position: "absolute", right: 0, top: -22, width: 64, height: 64, opacity: 0.9 },
  sealPlaceholder: {
    position: "absolute", right: 0, top: -22, width: 64, height: 64, borderWidth: 1, borderStyle: "dashed", borderColor: "#c00000",
    color: "#c00000", fontSize: 8, alignItems: "center", justifyContent: "center",
  },
  // The whole page, rotated about its centre (rotating the Text itself pivots it off-centre in react-pdf).
  watermark: { position: "absolute", top: 0, left: 0, right: 0, bottom: 0, alignItems: "center", justifyContent: "center", transform: "rotate(-35deg)" },
  watermarkText: { fontSize: 180, lineHeight: 1, color: "#808080", opacity: 0.22, letterSpacing: 24 },
});

/** 「見本」 across every page of a staff preview, drawn first so the certificate's content stays on top. */
function SampleWatermark() {
  return (
    <View style={styles.watermark} fixed>
      <Text style={styles.watermarkText}>見本</Text>
    </View>
  );
}

/** Printed in place of the 公印 on a staff preview of a municipality that has not registered one yet. */
export const SEAL_PLACEHOLDER_TEXT = "公印未登録";

/**
 * The 公印 over the mayor's name. Never silently left out: a certificate without the image is an error
 * (renderCertificate refuses it first); only a staff preview (doc.sample) shows a marked placeholder.
 */
function OfficialSeal({ doc }: { doc: CertificateDocument }) {
  const image = doc.municipality.sealImage;
  if (image?.byteLength) {
    // eslint-disable-next-line jsx-a11y/alt-text -- react-pdf Image, not an HTML img
    return <Image style={styles.seal} src={imageSource(image)} />;
  }
  if (!doc.sample) throw new Error("a certificate is never drawn without its official seal image");
  return (
    <View style={styles.sealPlaceholder}>
      <Text>{SEAL_PLACEHOLDER_TEXT}</Text>
    </View>
  );
}

export function Field({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.row} wrap={false}>
      <Text style={styles.label}>{label}</Text>
      <Text style={styles.value}>{value}</Text>
    </View>
  );
}

export function CertificateFrame({ doc, children }: { doc: CertificateDocument; children: ReactNode }) {
  const qr = qrPath(doc.verification.url);
  return (
    <Document
      title={doc.title}
      subject={`${doc.title} ${doc.issuanceNo}`}
      keywords={bindingKeywords(doc)}
      author={doc.municipality.name}
      creator="konbini-shomei"
      producer="konbini-shomei"
      language="ja"
    >
      <Page size="A4" style={[styles.page, { fontFamily: doc.fontFamily ?? FONT_FAMILY }]}>
        {doc.sample ? <SampleWatermark /> : null}
        {/* react-pdf drops fixed elements placed in the bottom padding, so 発行番号, page n/m, 照合番号 and the QR code live in the header. */}
        {/* Three fixed blocks side by side: a render() text (page n/m) is only drawn as a direct child of a fixed element. */}
        <View style={styles.header} fixed>
          <Text>{doc.municipality.name}</Text>
          <Text render={({ pageNumber, totalPages }) => `発行番号 ${doc.issuanceNo}　${pageNumber} / ${totalPages}`} />
        </View>
        <View style={styles.headerVerification} fixed>
          <Text>照合番号 {doc.verification.code}</Text>
          <Text style={styles.headerHint}>この証明書の発行は {verifyPageOf(doc.verification.url)} で確認できます</Text>
        </View>
        <View style={styles.qr} fixed>
          <VerificationQr qr={qr} />
        </View>
        <Text style={styles.title}>{doc.title}</Text>
        {children}
        <Text style={styles.blank}>以下余白</Text>
        <View style={styles.certification} wrap={false}>
          <Text>{doc.certificationText}</Text>
          <View style={styles.signature}>
            <Text>{doc.issuedOn}</Text>
            <View>
              <Text style={styles.mayor}>
                {doc.municipality.mayorTitle}　{doc.municipality.mayorName}
              </Text>
              <OfficialSeal doc={doc} />
            </View>
          </View>
        </View>
      </Page>
    </Document>
  );
}
