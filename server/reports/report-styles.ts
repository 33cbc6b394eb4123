// The page, heading and table styles the staff reports share (the monthly report, the incident report): A4,
// the certificate font chain, 9 pt. No "server-only": the PDF worker threads load it.
import { StyleSheet } from "@react-pdf/renderer";
import { FONT_FAMILY } from "../pdf/fonts";

export const REPORT_STYLES = StyleSheet.create({
  page: { fontFamily: FONT_FAMILY, fontSize: 9, padding: 40, lineHeight: 1.4 },
  footer: { position: "absolute", bottom: 20, left: 40, right: 40, flexDirection: "row", justifyContent: "space-between", fontSize: 7, color: "#555" },
  title: { fontSize: 16, fontWeight: "bold", marginBottom: 4 },
  sub: { fontSize: 9, color: "#333", marginBottom: 12 },
  h2: { fontSize: 11, fontWeight: "bold", marginTop: 12, marginBottom: 4, borderBottomWidth: 1, borderBottomColor: "#333", paddingBottom: 2 },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#999", paddingVertical: 2 },
  th: { fontWeight: "bold" },
});
