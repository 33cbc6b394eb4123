// The issuance's own read-back (read-pdf-text.ts) against pdf.js, the independent reader: on every template the
// two must read the same page texts and Keywords from the same bytes, including PDFs another writer produced
// (pdf.js's page extraction, object streams) and an incremental update. Bytes it cannot read are refused, and
// text drawn without a ToUnicode map is not "read".
import { renderToBuffer } from "@react-pdf/renderer";
import { describe, expect, it } from "vitest";
import { CERTIFICATE_TYPES } from "@/lib/certificate-types";
import { municipality, NOW } from "@/tests/factories/certificate-rows";
import { splicePages, withKeywords, withPageInForm } from "@/tests/pdf-splice";
import type { Municipality } from "../generated/prisma/client";
import { buildSampleDocument } from "../certificates/preview-certificate";
import { extractPdf, registerPdfFonts, renderCertificate, renderElement } from "./render-certificate";
import { PdfReadError, readPdfText } from "./read-pdf-text";

const SLOW = 120_000;

async function draw(type: (typeof CERTIFICATE_TYPES)[number]): Promise<Uint8Array> {
  registerPdfFonts();
  return new Uint8Array(await renderToBuffer(renderElement(buildSampleDocument(municipality as unknown as Municipality, type, NOW))));
}

describe("readPdfText", () => {
  it(
    "reads what pdf.js reads, on every certificate template",
    async () => {
      const texts = new Set<string>();
      for (const type of CERTIFICATE_TYPES) {
        const pdf = await draw(type);
        const fast = readPdfText(pdf);
        expect(fast, type).toEqual(await extractPdf(pdf));
        expect(fast.pageCount).toBeGreaterThan(0);
        expect(fast.keywords).toContain("issuance-no:");
        texts.add(fast.pageTexts.join(""));
      }
      // Not one text for all: it reads each document's own bytes.
      expect(texts.size).toBe(CERTIFICATE_TYPES.length);
    },
    SLOW,
  );

  it(
    "reads PDFs another writer produced: pages merged by pdf.js, and Keywords written by an incremental update",
    async () => {
      const a = await draw("residence");
      const b = await draw("koseki-full");
      const merged = await splicePages([
        { pdf: a, pages: [0] },
        { pdf: b, pages: [0] },
      ]);
      const updated = withKeywords(merged, "issuance-id:x issuance-no:y subject:z");
      for (const pdf of [merged, updated]) expect(readPdfText(pdf)).toEqual(await extractPdf(pdf));
      expect(readPdfText(updated).keywords).toBe("issuance-id:x issuance-no:y subject:z");
      expect(readPdfText(updated).pageCount).toBe(2);
    },
    SLOW,
  );

  it(
    "reads text drawn inside a form XObject (a page placed whole into another), as pdf.js does",
    async () => {
      const pdf = await draw("residence");
      const inForm = withPageInForm(pdf);
      const read = readPdfText(inForm);
      expect(read).toEqual(await extractPdf(inForm));
      expect(read.pageTexts).toEqual(readPdfText(pdf).pageTexts);
      expect(read.pageTexts[0]).toContain("発行番号");
    },
    SLOW,
  );

  it("text drawn by a font without a ToUnicode map is not read (the self-check then finds it missing)", async () => {
    const pdf = Buffer.from(await draw("seal"));
    // Blank every /ToUnicode entry, keeping the byte offsets.
    const stripped = Buffer.from(pdf.toString("latin1").replace(/\/ToUnicode \d+ 0 R/g, (m) => " ".repeat(m.length)), "latin1");
    const read = readPdfText(new Uint8Array(stripped));
    expect(read.pageCount).toBe(1);
    expect(read.pageTexts).toEqual([""]);
  });

  it("refuses bytes that are not a readable PDF; the render path turns that into a page-less read-back", async () => {
    expect(() => readPdfText(new TextEncoder().encode("not a pdf"))).toThrow(PdfReadError);
    const pdf = Buffer.from(await draw("residence"));
    // Cut the content stream short: its compressed data no longer inflates.
    const text = pdf.toString("latin1");
    const at = text.indexOf("stream", text.indexOf("/Contents")) + 20;
    const broken = Buffer.concat([pdf.subarray(0, at), Buffer.alloc(64, 0x41), pdf.subarray(at + 64)]);
    expect(() => readPdfText(new Uint8Array(broken))).toThrow();
  });

  it(
    "is what the worker's read-back returns",
    async () => {
      const doc = buildSampleDocument(municipality as unknown as Municipality, "seal", NOW);
      const r = await renderCertificate(doc);
      expect({ pageCount: r.pageCount, pageTexts: r.pageTexts, keywords: r.keywords }).toEqual(readPdfText(r.pdf));
    },
    SLOW,
  );
});
