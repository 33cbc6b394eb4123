// Structure checks on a returned certificate PDF, independent of the server's own post-render check:
// a valid PDF, fonts embedded, text extractable, the page count, the 発行番号 on every page, the hash.
import crypto from "node:crypto";

export type PdfReport = { ok: boolean; failures: string[]; pageCount: number; pageTexts: string[] };

export async function checkPdf(pdf: Buffer, expect: { issuanceNo: string; pageCount: number; sha256: string; names?: string[]; notNames?: string[] }): Promise<PdfReport> {
  const failures: string[] = [];
  if (pdf.subarray(0, 5).toString("latin1") !== "%PDF-") failures.push("no %PDF- header");
  if (!pdf.subarray(-32).toString("latin1").includes("%%EOF")) failures.push("no %%EOF trailer");
  if (crypto.createHash("sha256").update(pdf).digest("hex") !== expect.sha256) failures.push("SHA-256 differs from pdfSha256");
  const latin = pdf.toString("latin1");
  if (!/\/FontFile[23]?\b/.test(latin)) failures.push("no embedded font program");
  if (/\/BaseFont\s*\/(Helvetica|Times|Courier)/.test(latin)) failures.push("a non-embedded standard font is used (glyphs would be substituted)");
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 });
  const pageTexts: string[] = [];
  let pageCount = 0;
  try {
    const doc = await task.promise;
    pageCount = doc.numPages;
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pageTexts.push(content.items.map((it) => ("str" in it ? it.str : "")).join("").replace(/\s+/g, ""));
    }
  } catch (e) {
    failures.push(`pdf.js could not parse it: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await task.destroy();
  }
  if (pageCount !== expect.pageCount) failures.push(`page count ${pageCount}, response said ${expect.pageCount}`);
  if (pageTexts.some((t) => t.length === 0)) failures.push("a page has no extractable text");
  pageTexts.forEach((t, i) => {
    if (!t.includes(expect.issuanceNo)) failures.push(`page ${i + 1} lacks the 発行番号`);
  });
  const all = pageTexts.join("");
  for (const n of expect.names ?? []) if (!all.includes(n.replace(/\s+/g, ""))) failures.push("the requester's name is missing");
  const foreign = (expect.notNames ?? []).filter((n) => all.includes(n.replace(/\s+/g, "")));
  if (foreign.length) failures.push(`CROSS-DELIVERY: ${foreign.length} other person(s) named`);
  return { ok: failures.length === 0, failures, pageCount, pageTexts };
}
