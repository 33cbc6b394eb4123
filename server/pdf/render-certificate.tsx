// Renders a CertificateDocument to PDF bytes and reads the bytes back (text of every page and the
// metadata), so the caller can check the output belongs to its request. Runs inside worker threads
// (render-worker.ts) and directly in tests. No "server-only" (worker threads load it outside Next).
import { Font, renderToBuffer } from "@react-pdf/renderer";
import type { CertificateDocument } from "./document-model";
import { namesIn } from "./document-model";
import { FONT_FAMILY, FONT_FILES, unprintableCharacters } from "./fonts";
import { ResidenceTemplate } from "./templates/residence-template";
import { SealTemplate } from "./templates/seal-template";

let registered = false;
function registerFonts() {
  if (registered) return;
  Font.register({ family: FONT_FAMILY, fonts: [{ src: FONT_FILES.regular }, { src: FONT_FILES.bold, fontWeight: "bold" }] });
  // Japanese has no spaces: allow a break between any two characters.
  Font.registerHyphenationCallback((word) => Array.from(word).flatMap((c) => [c, ""]));
  registered = true;
}

export class UnprintableCharactersError extends Error {
  constructor(readonly characters: string[]) {
    super(`characters the certificate fonts cannot draw: ${characters.length}`);
  }
}

/** All printed text of a document, to check glyph coverage before anything is drawn. */
function printedText(doc: CertificateDocument): string {
  const parts = [doc.title, doc.certificationText, doc.issuedOn, doc.municipality.name, doc.municipality.mayorTitle, doc.municipality.mayorName];
  const b = doc.body;
  const persons = b.kind === "seal" ? [b.person] : b.persons;
  if (b.kind !== "seal") parts.push(b.address, b.householdHead ?? "");
  for (const p of persons) parts.push(p.name, ...p.fields.flat());
  return parts.join("");
}

export function renderElement(doc: CertificateDocument) {
  const b = doc.body;
  return b.kind === "seal" ? <SealTemplate doc={doc} body={b} /> : <ResidenceTemplate doc={doc} body={b} />;
}

export type RenderedCertificate = {
  pdf: Uint8Array;
  pageCount: number;
  /** Text of each page as extracted from the produced bytes, whitespace removed. */
  pageTexts: string[];
  keywords: string;
};

export async function renderCertificate(doc: CertificateDocument): Promise<RenderedCertificate> {
  const missing = unprintableCharacters(printedText(doc));
  if (missing.length) throw new UnprintableCharactersError(missing);
  registerFonts();
  const pdf = new Uint8Array(await renderToBuffer(renderElement(doc)));
  const readBack = await extractPdf(pdf);
  return { pdf, ...readBack };
}

/** Reads the page texts and metadata back from PDF bytes (pdf.js), independent of how they were produced. */
export async function extractPdf(pdf: Uint8Array): Promise<{ pageCount: number; pageTexts: string[]; keywords: string }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 });
  const parsed = await task.promise;
  try {
    const meta = await parsed.getMetadata();
    const pageTexts: string[] = [];
    for (let i = 1; i <= parsed.numPages; i++) {
      const page = await parsed.getPage(i);
      const content = await page.getTextContent();
      pageTexts.push(content.items.map((it) => ("str" in it ? it.str : "")).join("").replace(/\s+/g, ""));
      page.cleanup();
    }
    return { pageCount: parsed.numPages, pageTexts, keywords: String((meta.info as Record<string, unknown>).Keywords ?? "") };
  } finally {
    await task.destroy();
  }
}

export { namesIn };
