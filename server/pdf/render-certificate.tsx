// Renders a CertificateDocument to PDF bytes and reads the bytes back (text of every page and the
// metadata, server/pdf/read-pdf-text.ts), so the caller can check the output belongs to its request. Runs inside worker threads
// (render-worker.ts) and directly in tests. No "server-only" (worker threads load it outside Next).
import { Font, renderToBuffer } from "@react-pdf/renderer";
import type { CertificateDocument } from "./document-model";
import { namesIn } from "./document-model";
import { FONT_CHAIN, fontPlan } from "./fonts";
import { PdfReadError, readPdfText } from "./read-pdf-text";
import { SEAL_PLACEHOLDER_TEXT } from "./templates/certificate-frame";
import { FuhyoTemplate } from "./templates/fuhyo-template";
import { KosekiTemplate } from "./templates/koseki-template";
import { ResidenceTemplate } from "./templates/residence-template";
import { SealTemplate } from "./templates/seal-template";
import { TaxTemplate } from "./templates/tax-template";

let registered = false;
export function registerPdfFonts() {
  if (registered) return;
  // Every font of the fallback chain; react-pdf opens a file on the first render that uses it (once per worker).
  for (const f of FONT_CHAIN) {
    Font.register({ family: f.family, fonts: [{ src: f.regular }, ...(f.bold ? [{ src: f.bold, fontWeight: "bold" as const }] : [])] });
  }
  // Japanese has no spaces: allow a break between any two characters.
  Font.registerHyphenationCallback((word) => Array.from(word).flatMap((c) => [c, ""]));
  registered = true;
}

export class UnprintableCharactersError extends Error {
  constructor(readonly characters: string[]) {
    super(`characters the certificate fonts cannot draw: ${characters.length}`);
  }
}

/**
 * A document for issuance whose municipality has no 公印 image. Every certificate carries the 公印 (DOMAIN.md
 * §7): it is refused rather than printed without one. Only a staff preview (doc.sample) draws a placeholder.
 */
export class MissingOfficialSealError extends Error {
  constructor() {
    super("the municipality has no official seal image; a certificate is never printed without it");
  }
}

/** Whether the document may be drawn: a real certificate needs its 公印 image; a sample may show the placeholder. */
export function hasRequiredOfficialSeal(doc: CertificateDocument): boolean {
  return !!doc.sample || !!doc.municipality.sealImage?.byteLength;
}

/** All printed text of a document, to check glyph coverage before anything is drawn. */
export function printedText(doc: CertificateDocument): string {
  const parts = [doc.title, doc.certificationText, doc.issuedOn, doc.issuanceNo, doc.municipality.name, doc.municipality.mayorTitle, doc.municipality.mayorName];
  if (!doc.municipality.sealImage?.byteLength) parts.push(SEAL_PLACEHOLDER_TEXT);
  const person = (p: { name: string; fields: Array<[string, string]> }) => parts.push(p.name, ...p.fields.flat());
  const b = doc.body;
  switch (b.kind) {
    case "residence":
    case "residence-entry":
      parts.push(b.address, b.householdHead ?? "");
      b.persons.forEach(person);
      break;
    case "seal":
      person(b.person);
      break;
    case "tax":
      parts.push(b.fiscalYearLabel, b.incomeYearLabel, b.totalIncome, b.totalDeductions, b.dependents, b.taxableIncome);
      person(b.person);
      for (const r of b.income) parts.push(r.label, r.revenue, r.amount);
      for (const r of b.deductions) parts.push(r.label, r.amount);
      if (b.taxes) {
        for (const l of [b.taxes.municipal, b.taxes.prefectural]) parts.push(l.incomeLevy, l.perCapita, l.total);
        parts.push(b.taxes.annualTotal);
      }
      break;
    case "koseki":
      parts.push(b.honseki, b.headName);
      for (const e of b.recordEvents) parts.push(e.kind, ...e.fields.flat());
      for (const m of b.members) {
        person(m);
        for (const e of m.events) parts.push(e.kind, ...e.fields.flat());
      }
      break;
    case "fuhyo":
      parts.push(b.honseki, b.headName);
      for (const m of b.members) {
        person(m);
        for (const l of m.lines) parts.push(l.address, l.addressSetOn);
      }
      break;
    default:
      b satisfies never;
  }
  return parts.join("");
}

export function renderElement(doc: CertificateDocument) {
  const b = doc.body;
  switch (b.kind) {
    case "seal":
      return <SealTemplate doc={doc} body={b} />;
    case "tax":
      return <TaxTemplate doc={doc} body={b} />;
    case "koseki":
      return <KosekiTemplate doc={doc} body={b} />;
    case "fuhyo":
      return <FuhyoTemplate doc={doc} body={b} />;
    default:
      return <ResidenceTemplate doc={doc} body={b} />;
  }
}

export type RenderedCertificate = {
  pdf: Uint8Array;
  pageCount: number;
  /** Text of each page as extracted from the produced bytes, whitespace removed. */
  pageTexts: string[];
  keywords: string;
};

export async function renderCertificate(doc: CertificateDocument): Promise<RenderedCertificate> {
  if (!hasRequiredOfficialSeal(doc)) throw new MissingOfficialSealError();
  const { missing, families } = fontPlan(printedText(doc));
  if (missing.length) throw new UnprintableCharactersError(missing);
  registerPdfFonts();
  const pdf = new Uint8Array(await renderToBuffer(renderElement({ ...doc, fontFamily: families })));
  // Read back from the bytes (server/pdf/read-pdf-text.ts). Bytes it cannot read have no pages to show: the
  // self-checks then fail (no_pages) and nothing is issued.
  let readBack: ReturnType<typeof readPdfText>;
  try {
    readBack = readPdfText(pdf);
  } catch (e) {
    if (!(e instanceof PdfReadError)) throw e;
    readBack = { pageCount: 0, pageTexts: [], keywords: "" };
  }
  return { pdf, ...readBack };
}

/**
 * Reads the page texts and metadata back from PDF bytes with pdf.js, independent of how they were produced: the
 * second reader, against which read-pdf-text.test.ts holds the issuance's own read-back.
 */
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
