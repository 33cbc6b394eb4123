import "server-only";
import crypto from "node:crypto";
import { bindingKeywords, namesIn, type CertificateDocument } from "../pdf/document-model";

export type PdfCheck = { ok: true; sha256: string } | { ok: false; failure: "binding_mismatch" | "page_missing_issuance_no" | "page_missing_verification_code" | "name_missing" | "no_pages" };

const squash = (s: string) => s.replace(/\s+/g, "");

/**
 * The post-render check (DOMAIN.md §6): the bytes carry this request's issuance id, 発行番号 and subject
 * digest in their metadata, every page shows the 発行番号 and the 照合番号, and every name meant to be printed
 * is there.
 * `readBack` is what pdf.js extracted from the produced bytes.
 */
export function verifyRenderedPdf(doc: CertificateDocument, pdf: Uint8Array, readBack: { pageCount: number; pageTexts: string[]; keywords: string }): PdfCheck {
  if (readBack.pageCount < 1 || readBack.pageTexts.length !== readBack.pageCount) return { ok: false, failure: "no_pages" };
  if (readBack.keywords !== bindingKeywords(doc)) return { ok: false, failure: "binding_mismatch" };
  const no = squash(doc.issuanceNo);
  if (!readBack.pageTexts.every((t) => t.includes(no))) return { ok: false, failure: "page_missing_issuance_no" };
  const code = `照合番号${squash(doc.verification.code)}`;
  if (!readBack.pageTexts.every((t) => t.includes(code))) return { ok: false, failure: "page_missing_verification_code" };
  const all = readBack.pageTexts.join("");
  if (!namesIn(doc).every((n) => all.includes(squash(n)))) return { ok: false, failure: "name_missing" };
  return { ok: true, sha256: crypto.createHash("sha256").update(pdf).digest("hex") };
}
