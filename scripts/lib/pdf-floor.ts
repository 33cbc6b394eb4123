// The "PDF floor" of a certificate (issue 21): how much of an issuance's time is the PDF itself, measured in
// this process, single-threaded, one document at a time, so it can be put beside the HTTP issuance benchmark.
// Four ways of producing (or checking) the SAME one-page 住民票の写し (two persons, QR code, 公印 PNG):
//
//   pdfkit        the least work a one-page certificate can cost: the production layout (boxes, lines, text
//                 positions; not pixel-identical) written directly with pdfkit, ONE font (NotoSansJP-Regular,
//                 parsed once by fontkit and reused by every document; subset embedded, pdfkit's default),
//                 the QR code as the same vector path, the 公印 PNG as an image;
//   react-pdf     the production template alone: renderToBuffer(renderElement(doc)) after registerPdfFonts()
//                 (Noto Regular + Bold and production's fallback chain), no read-back;
//   production    renderCertificate(doc), what a PDF worker thread runs: glyph coverage check, react-pdf,
//                 then its read-back (server/pdf/read-pdf-text.ts since issue 21; pdf.js before);
//   read-back     extractPdf (pdf.js) alone, on a react-pdf PDF of the document (the bytes of a warm-up render):
//                 what every issuance paid before issue 21.
//
// Per document: wall ms (performance.now) and CPU ms (process.cpuUsage delta: user + system of the whole
// process, so V8's GC helper threads count too and CPU can exceed wall), and the PDF's size. Warm-up
// iterations (the first of which pays module, font and JIT start-up, reported as "cold") are not measured.
// The measured iterations interleave the variants, starting with a different one each round, so background
// load on the machine falls on all of them alike. Before measuring, the pdfkit and react-pdf PDFs are read
// back once and must both pass the issuance's post-render check and print the same characters.
import crypto from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { openSync, type Font as FontkitFont } from "fontkit";
import PDFDocument from "pdfkit";
import { CERTIFICATE_NAMES } from "../../lib/certificate-types";
import { renderOfficialSeal } from "../../prisma/seed-data/seal-images";
import { verifyRenderedPdf } from "../../server/issuance/verify-rendered-pdf";
import { bindingKeywords, type CertificateDocument, type ResidenceBody } from "../../server/pdf/document-model";
import { FONT_CHAIN, FONT_FILES } from "../../server/pdf/fonts";
import { extractPdf, registerPdfFonts, renderCertificate, renderElement } from "../../server/pdf/render-certificate";
import { QR_SIZE_PT, qrPath } from "../../server/pdf/templates/verification-qr";
import { renderToBuffer } from "@react-pdf/renderer";
import { round, summarize } from "./bench-stats";

export const VARIANTS = ["pdfkit", "react-pdf", "production", "read-back"] as const;
export type Variant = (typeof VARIANTS)[number];

export const VARIANT_LABELS: Record<Variant, string> = {
  pdfkit: "(a) pdfkit, one font (floor)",
  "react-pdf": "(b) react-pdf template alone",
  production: "(c) renderCertificate (render + its read-back)",
  "read-back": "(d) pdf.js read-back alone",
};

type Summary = ReturnType<typeof summarize>;

export type VariantResult = {
  variant: Variant;
  label: string;
  /** Wall time of the first warm-up iteration, ms: module loading, font parsing, JIT that the variants run before it (in VARIANTS order) left undone. */
  coldMs: number;
  wallMs: Summary;
  cpuMs: Summary;
  /** Size of the PDF produced (for read-back: of the PDF read). Varies by a few bytes (dates, ids). */
  pdfBytes: { min: number; p50: number; max: number };
};

export type FloorResult = {
  iterations: number;
  warmup: number;
  node: string;
  cpus: { count: number; model: string };
  /** os.loadavg() before and after the run (1, 5, 15 minutes). */
  loadAvg: { start: number[]; end: number[] };
  seconds: number;
  document: { title: string; persons: number; fields: number; qrModules: number; sealPngBytes: number; fontChain: string[] };
  /** Both PDFs read back (pdf.js) once before measuring. */
  check: {
    pdfkit: string;
    reactPdf: string;
    /** The same multiset of printed characters (whitespace removed) in both. */
    sameCharacters: boolean;
    printedCharacters: { pdfkit: number; reactPdf: number };
  };
  results: VariantResult[];
};

// ───────────────────────────── the document ─────────────────────────────

/**
 * A realistic 住民票の写し as build-residence-document.ts produces it (世帯全員, 世帯主・続柄 shown): two persons
 * with their usual fields, the 照合番号 with its verification URL, and the 公印 of the demo seed (a 300 px RGBA
 * PNG drawn by prisma/seed-data/seal-images.ts). Fictional people and place.
 */
export function floorDocument(): CertificateDocument {
  const issuanceNo = "999997-2026-00001234";
  const code = "7QKM-2PA9-TRBX";
  const issuanceId = "00000000-0000-7000-8000-00000000f001";
  const body: ResidenceBody = {
    kind: "residence",
    address: "見本県中央市桜町一丁目2番3号",
    householdHead: "山川 一郎",
    persons: [
      {
        name: "山川 一郎",
        fields: [
          ["フリガナ", "ヤマカワ イチロウ"],
          ["生年月日", "昭和55年4月1日"],
          ["性別", "男"],
          ["続柄", "世帯主"],
          ["住民となった日", "平成18年6月1日"],
          ["住所を定めた日", "令和2年3月1日（転入）"],
          ["届出日", "令和2年3月10日"],
          ["前住所", "見本県西市見本町二丁目2番2号"],
        ],
      },
      {
        name: "山川 桜子",
        fields: [
          ["フリガナ", "ヤマカワ サクラコ"],
          ["生年月日", "昭和57年7月15日"],
          ["性別", "女"],
          ["続柄", "妻"],
          ["住民となった日", "平成18年6月1日"],
          ["住所を定めた日", "令和2年3月1日（転入）"],
          ["届出日", "令和2年3月10日"],
          ["前住所", "見本県西市見本町二丁目2番2号"],
        ],
      },
    ],
  };
  return {
    title: CERTIFICATE_NAMES.residence,
    issuanceId,
    issuanceNo,
    verification: { code, url: `https://shomei.example.jp/verify?no=${issuanceNo}&code=${code}` },
    subjectDigest: crypto.createHash("sha256").update(`floor:${issuanceId}`).digest("hex"),
    issuedOn: "令和8年11月27日",
    certificationText: "この写しは、世帯全員の住民票の原本と相違ないことを証明する。",
    municipality: { name: "中央市", mayorTitle: "中央市長", mayorName: "北村 次郎", sealImage: new Uint8Array(renderOfficialSeal("中央市長之印")) },
    body,
  };
}

// ───────────────────────────── (a) pdfkit ─────────────────────────────

const PAGE_WIDTH = 595.28; // A4
const MARGIN_X = 48;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const CONTENT_TOP = 28 + QR_SIZE_PT;
const LABEL_WIDTH = 110;
const FONT = "NotoSansJP";

let notoRegular: FontkitFont | null = null;
/** NotoSansJP-Regular, parsed once per process and handed to every document. */
function floorFont(): FontkitFont {
  if (!notoRegular) {
    const opened = openSync(FONT_FILES.regular);
    if ("fonts" in opened) throw new Error("expected a single font, not a collection");
    notoRegular = opened;
  }
  return notoRegular;
}

/**
 * The production layout (templates/certificate-frame.tsx and residence-template.tsx) drawn with pdfkit:
 * header (municipality, 発行番号 and page 1 / 1; 照合番号 and the verification address; the QR code as
 * vector), title, 住所 and 世帯主 rows, one framed block per person, 以下余白, 認証文, date, mayor and the 公印.
 * Bold text (title, 氏名) is drawn in the regular face: one font only. Layout is computed as it is drawn
 * (pdfkit's doc.y after each text), never measured twice.
 */
export function renderWithPdfkit(doc: CertificateDocument): Promise<Uint8Array> {
  if (doc.body.kind !== "residence" && doc.body.kind !== "residence-entry") throw new Error("the floor draws a 住民票 only");
  const body = doc.body;
  const seal = doc.municipality.sealImage;
  if (!seal?.byteLength) throw new Error("a certificate is never drawn without its official seal image");

  const pdf = new PDFDocument({
    size: "A4",
    margins: { top: CONTENT_TOP, bottom: 48, left: MARGIN_X, right: MARGIN_X },
    // No default Helvetica: the one font is registered below.
    font: null as unknown as string,
    lang: "ja",
    info: {
      Title: doc.title,
      Subject: `${doc.title} ${doc.issuanceNo}`,
      Keywords: bindingKeywords(doc),
      Author: doc.municipality.name,
      Creator: "konbini-shomei",
      Producer: "konbini-shomei",
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on("data", (c: Buffer) => chunks.push(c));
    pdf.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on("error", reject);
  });

  // A fontkit Font is accepted by pdfkit (it checks for .layout) though @types/pdfkit only lists paths and bytes.
  pdf.registerFont(FONT, floorFont() as unknown as Buffer);
  pdf.font(FONT);
  /** Sets the size and returns the line gap that makes a line 1.5 × the size (the template's lineHeight). */
  const size = (pt: number) => {
    pdf.fontSize(pt);
    return Math.max(0, 1.5 * pt - pdf.currentLineHeight(true));
  };

  // Header: municipality and 発行番号 n/m in one row; 照合番号 and the address under it; the QR code at the right.
  const headerWidth = PAGE_WIDTH - MARGIN_X - (MARGIN_X + QR_SIZE_PT + 6);
  let gap = size(8);
  pdf.fillColor("#000000");
  pdf.text(doc.municipality.name, MARGIN_X, 24, { width: headerWidth, lineGap: gap });
  pdf.text(`発行番号 ${doc.issuanceNo}　1 / 1`, MARGIN_X, 24, { width: headerWidth, align: "right", lineGap: gap });
  const verificationX = PAGE_WIDTH - (MARGIN_X + QR_SIZE_PT + 6) - 280;
  pdf.text(`照合番号 ${doc.verification.code}`, verificationX, 36, { width: 280, align: "right", lineGap: gap });
  gap = size(6.5);
  pdf.fillColor("#333333").text(`この証明書の発行は ${doc.verification.url.split("?")[0]} で確認できます`, verificationX, pdf.y, { width: 280, align: "right", lineGap: gap });
  const qr = qrPath(doc.verification.url);
  pdf.save();
  pdf.translate(PAGE_WIDTH - (MARGIN_X - 4) - QR_SIZE_PT, 18).scale(QR_SIZE_PT / qr.modules);
  pdf.rect(0, 0, qr.modules, qr.modules).fill("#ffffff");
  pdf.path(qr.path).fill("#000000");
  pdf.restore();

  // Title.
  gap = size(18);
  pdf.fillColor("#000000").text(doc.title, MARGIN_X, CONTENT_TOP, { width: CONTENT_WIDTH, align: "center", characterSpacing: 4, lineGap: gap });
  let y = pdf.y + 16;

  gap = size(10);
  /** One labelled row with its bottom rule; returns the y under it. */
  const field = (x: number, top: number, width: number, label: string, value: string) => {
    pdf.fillColor("#222222").text(label, x, top + 3, { width: LABEL_WIDTH, lineGap: gap });
    const labelBottom = pdf.y;
    pdf.fillColor("#000000").text(value, x + LABEL_WIDTH, top + 3, { width: width - LABEL_WIDTH, lineGap: gap });
    const bottom = Math.max(labelBottom, pdf.y) + 3;
    pdf.moveTo(x, bottom).lineTo(x + width, bottom).lineWidth(0.5).strokeColor("#555555").stroke();
    return bottom;
  };

  y = field(MARGIN_X, y, CONTENT_WIDTH, "住所", body.address);
  if (body.householdHead) y = field(MARGIN_X, y, CONTENT_WIDTH, "世帯主", body.householdHead);
  y += 10;

  // One framed block per person: border 0.75, padding 8.
  for (const p of body.persons) {
    const top = y;
    const inner = MARGIN_X + 0.75 + 8;
    const innerWidth = CONTENT_WIDTH - 2 * (0.75 + 8);
    pdf.fillColor("#000000").text(`氏名　${p.name}`, inner, top + 0.75 + 8, { width: innerWidth, lineGap: gap });
    let by = pdf.y + 2;
    for (const [label, value] of p.fields) by = field(inner, by, innerWidth, label, value);
    const bottom = by + 8 + 0.75;
    pdf.rect(MARGIN_X + 0.375, top + 0.375, CONTENT_WIDTH - 0.75, bottom - top - 0.75).lineWidth(0.75).strokeColor("#333333").stroke();
    y = bottom + 8;
  }

  // 以下余白, the 認証文, the date and the mayor under the 公印.
  pdf.fillColor("#000000").text("以下余白", MARGIN_X, y + 6, { width: CONTENT_WIDTH, align: "right", lineGap: gap });
  y = pdf.y + 18 + 8;
  pdf.text(doc.certificationText, MARGIN_X, y, { width: CONTENT_WIDTH, lineGap: gap });
  const signatureTop = pdf.y + 18;
  const mayorLine = 1.5 * 12;
  pdf.text(doc.issuedOn, MARGIN_X, signatureTop + (mayorLine - 15) / 2, { width: CONTENT_WIDTH / 2, lineGap: gap });
  gap = size(12);
  pdf.text(`${doc.municipality.mayorTitle}　${doc.municipality.mayorName}`, MARGIN_X + CONTENT_WIDTH / 2, signatureTop, { width: CONTENT_WIDTH / 2 - 40, align: "right", lineGap: gap });
  pdf.save();
  pdf.opacity(0.9);
  pdf.image(Buffer.from(seal), MARGIN_X + CONTENT_WIDTH - 64, signatureTop - 22, { width: 64, height: 64 });
  pdf.restore();

  pdf.end();
  return done;
}

// ───────────────────────────── measuring ─────────────────────────────

type Sample = { wallMs: number; cpuMs: number; bytes: number };

async function timed(fn: () => Promise<number>): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const bytes = await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, bytes };
}

const printedChars = (pageTexts: string[]) => Array.from(pageTexts.join("").replace(/\s+/g, "")).sort().join("");

/** Measures the four variants on the same document; see the header comment. `log` receives progress lines. */
export async function measurePdfFloor(opts: { iterations: number; warmup: number; log?: (line: string) => void }): Promise<FloorResult> {
  const log = opts.log ?? (() => {});
  if (!Number.isInteger(opts.iterations) || opts.iterations < 1) throw new Error("iterations must be a positive integer");
  if (!Number.isInteger(opts.warmup) || opts.warmup < 1) throw new Error("warmup must be at least 1 (the read-back variant reads a warm-up render)");
  const started = performance.now();
  const loadStart = os.loadavg().map((n) => round(n, 2));

  const doc = floorDocument();
  registerPdfFonts();
  let reactPdfBytes: Uint8Array | null = null;
  const run: Record<Variant, () => Promise<number>> = {
    pdfkit: async () => (await renderWithPdfkit(doc)).byteLength,
    "react-pdf": async () => {
      const pdf = new Uint8Array(await renderToBuffer(renderElement(doc)));
      reactPdfBytes ??= pdf;
      return pdf.byteLength;
    },
    production: async () => (await renderCertificate(doc)).pdf.byteLength,
    "read-back": async () => {
      if (!reactPdfBytes) throw new Error("the read-back needs a react-pdf render first");
      const readBack = await extractPdf(reactPdfBytes);
      if (readBack.pageCount !== 1) throw new Error("read-back: expected one page");
      return reactPdfBytes.byteLength;
    },
  };

  // Warm-up, variant by variant (react-pdf before the read-back, which reads its bytes).
  const coldMs = {} as Record<Variant, number>;
  for (const v of VARIANTS) {
    for (let i = 0; i < opts.warmup; i++) {
      const s = await timed(run[v]);
      if (i === 0) coldMs[v] = s.wallMs;
    }
    log(`warm-up ${v}: ${opts.warmup} × (first ${round(coldMs[v])} ms)`);
  }

  // The honesty check: both PDFs carry the document (post-render check) and print the same characters.
  const kitPdf = await renderWithPdfkit(doc);
  const kitRead = await extractPdf(kitPdf);
  const reactRead = await extractPdf(reactPdfBytes!);
  const kitCheck = verifyRenderedPdf(doc, kitPdf, kitRead);
  const reactCheck = verifyRenderedPdf(doc, reactPdfBytes!, reactRead);
  const kitChars = printedChars(kitRead.pageTexts);
  const reactChars = printedChars(reactRead.pageTexts);
  const check = {
    pdfkit: kitCheck.ok ? "ok" : kitCheck.failure,
    reactPdf: reactCheck.ok ? "ok" : reactCheck.failure,
    sameCharacters: kitChars === reactChars,
    printedCharacters: { pdfkit: kitChars.length, reactPdf: reactChars.length },
  };
  log(`check: pdfkit ${check.pdfkit}, react-pdf ${check.reactPdf}, same printed characters: ${check.sameCharacters}`);

  const samples = Object.fromEntries(VARIANTS.map((v) => [v, [] as Sample[]])) as Record<Variant, Sample[]>;
  for (let i = 0; i < opts.iterations; i++) {
    for (let k = 0; k < VARIANTS.length; k++) {
      const v = VARIANTS[(i + k) % VARIANTS.length];
      samples[v].push(await timed(run[v]));
    }
    if ((i + 1) % 50 === 0 && i + 1 < opts.iterations) log(`measured ${i + 1}/${opts.iterations}`);
  }

  const results: VariantResult[] = VARIANTS.map((v) => {
    const s = samples[v];
    const bytes = summarize(s.map((x) => x.bytes));
    return {
      variant: v,
      label: VARIANT_LABELS[v],
      coldMs: round(coldMs[v]),
      wallMs: summarize(s.map((x) => x.wallMs)),
      cpuMs: summarize(s.map((x) => x.cpuMs)),
      pdfBytes: { min: Math.min(...s.map((x) => x.bytes)), p50: bytes.p50, max: bytes.max },
    };
  });
  const persons = doc.body.kind === "residence" ? doc.body.persons : [];
  return {
    iterations: opts.iterations,
    warmup: opts.warmup,
    node: process.version,
    cpus: { count: os.cpus().length, model: os.cpus()[0]?.model ?? "unknown" },
    loadAvg: { start: loadStart, end: os.loadavg().map((n) => round(n, 2)) },
    seconds: round((performance.now() - started) / 1000),
    document: {
      title: doc.title,
      persons: persons.length,
      fields: persons.reduce((n, p) => n + p.fields.length, 0),
      qrModules: qrPath(doc.verification.url).modules,
      sealPngBytes: doc.municipality.sealImage?.byteLength ?? 0,
      fontChain: FONT_CHAIN.map((f) => f.family),
    },
    check,
    results,
  };
}

/** For a look at the two PDFs (bench-floor.ts --dump DIR). */
export async function floorSamples(): Promise<{ pdfkit: Uint8Array; reactPdf: Uint8Array }> {
  const doc = floorDocument();
  registerPdfFonts();
  return { pdfkit: await renderWithPdfkit(doc), reactPdf: new Uint8Array(await renderToBuffer(renderElement(doc))) };
}
