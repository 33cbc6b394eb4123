// The images a PDF actually draws, decoded to RGBA by pdf.js (the page's operator list and its image
// XObjects), and PNG files decoded to RGBA here, independently of the PDF producer, so a test can tell which
// stored image (公印, 印影) a certificate carries by comparing pixels, not file bytes.
import crypto from "node:crypto";
import zlib from "node:zlib";

export type RgbaImage = { width: number; height: number; rgba: Uint8Array };

/** SHA-256 over the dimensions and the RGBA pixels: equal for equal pictures, whatever the encoding. */
export function rgbaDigest(img: RgbaImage): string {
  return crypto.createHash("sha256").update(`${img.width}x${img.height}:`).update(img.rgba).digest("hex");
}

/** Every image painted on each page (page order, then drawing order), as RGBA. */
export async function pdfImages(pdf: Uint8Array): Promise<RgbaImage[][]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  // No OffscreenCanvas: pdf.js then hands out the decoded pixel data instead of an ImageBitmap.
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), isOffscreenCanvasSupported: false, isEvalSupported: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: RgbaImage[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      const images: RgbaImage[] = [];
      for (let i = 0; i < ops.fnArray.length; i++) {
        if (ops.fnArray[i] !== pdfjs.OPS.paintImageXObject) continue;
        const id = ops.argsArray[i][0] as string;
        // Images used on several pages live in the document-wide store ("g_" ids).
        const store = id.startsWith("g_") ? page.commonObjs : page.objs;
        const obj = await new Promise<PdfJsImage>((resolve) => store.get(id, resolve));
        images.push(toRgba(obj, pdfjs.ImageKind));
      }
      pages.push(images);
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

type PdfJsImage = { width: number; height: number; kind: number; data?: Uint8Array | Uint8ClampedArray; bitmap?: unknown };

function toRgba(img: PdfJsImage, kinds: { RGB_24BPP: number; RGBA_32BPP: number }): RgbaImage {
  const { width, height, kind, data } = img;
  if (!data) throw new Error("pdf.js returned no pixel data (an ImageBitmap?)");
  if (kind === kinds.RGBA_32BPP) return { width, height, rgba: new Uint8Array(data) };
  if (kind !== kinds.RGB_24BPP) throw new Error(`unsupported pdf.js image kind ${kind}`);
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0, q = 0; p < data.length; p += 3, q += 4) {
    rgba[q] = data[p];
    rgba[q + 1] = data[p + 1];
    rgba[q + 2] = data[p + 2];
    rgba[q + 3] = 255;
  }
  return { width, height, rgba };
}

/** Decodes an 8-bit, non-interlaced grey, grey+alpha, RGB or RGBA PNG to RGBA (what the test factories make). */
export function decodePng(png: Uint8Array): RgbaImage {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (b.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  for (let at = 8; at < b.length; ) {
    const len = b.readUInt32BE(at);
    const type = b.toString("latin1", at + 4, at + 8);
    const body = b.subarray(at + 8, at + 8 + len);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colorType = body[9];
      if (body[8] !== 8 || body[12] !== 0) throw new Error("only 8-bit, non-interlaced PNGs are supported");
    } else if (type === "IDAT") idat.push(body);
    at += 12 + len;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[x - channels] : 0;
      const up = prev[x];
      const c = x >= channels ? prev[x - channels] : 0;
      const predictor = [0, a, up, (a + up) >> 1, paeth(a, up, c)][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`);
      out[x] = (line[x] + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const grey = channels <= 2;
    rgba[p * 4] = pixels[s];
    rgba[p * 4 + 1] = grey ? pixels[s] : pixels[s + 1];
    rgba[p * 4 + 2] = grey ? pixels[s] : pixels[s + 2];
    rgba[p * 4 + 3] = channels === 2 ? pixels[s + 1] : channels === 4 ? pixels[s + 3] : 255;
  }
  return { width, height, rgba };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
