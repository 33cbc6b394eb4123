// Rasterises PDF pages with pdf.js onto @napi-rs/canvas and reads QR codes from them with jsQR: what a phone
// camera does with the printed page, independently of how the PDF drew the code (tests only).
import { createCanvas } from "@napi-rs/canvas";
import jsQR from "jsqr";

export type RasterPage = { width: number; height: number; rgba: Uint8ClampedArray; png: () => Buffer };

/** Every page at `scale` (1 = 72 dpi; 3 ≈ a 216 dpi scan), white background. */
export async function rasterisePdf(pdf: Uint8Array, scale = 3): Promise<RasterPage[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: RasterPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      pages.push({ width: canvas.width, height: canvas.height, rgba: new Uint8ClampedArray(data), png: () => canvas.toBuffer("image/png") });
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** The text of the QR code jsQR finds on the page, or null. */
export function readQr(page: RasterPage): string | null {
  return jsQR(page.rgba, page.width, page.height)?.data ?? null;
}
