// Seal images for the demo: the municipality's 公印 (a red square with the 「…長之印」 text in columns) and
// residents' 印影 (a red circle with the family name written vertically). SVG rendered to PNG by resvg with
// NotoSansJP from @embedpdf/fonts-jp, so no system font and no network is needed. Transparent background,
// so the 公印 can overlap the mayor's name on a certificate.
import { Resvg } from "@resvg/resvg-js";
import { createRequire } from "node:module";
import path from "node:path";

const RED = "#c8161d";
const FONT_FAMILY = "Noto Sans Japanese"; // the family name inside NotoSansJP-*.otf

function fontPath(weight: "Bold" | "Medium"): string {
  const entry = createRequire(import.meta.url).resolve("@embedpdf/fonts-jp");
  return path.join(path.dirname(entry), "..", "fonts", `NotoSansJP-${weight}.otf`);
}

function render(svg: string, weight: "Bold" | "Medium"): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [fontPath(weight)], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  });
  return Buffer.from(resvg.render().asPng());
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * One glyph centred on (cx, cy), `width` wide and stretched to `height`. The CJK em box of Noto Sans sits
 * from 0.88 em above to 0.12 em below the baseline, so its centre is 0.38 em above the baseline.
 */
function glyph(ch: string, cx: number, cy: number, width: number, height: number): string {
  const size = width;
  const sy = height / size;
  return (
    `<text transform="translate(${cx.toFixed(2)} ${cy.toFixed(2)}) scale(1 ${sy.toFixed(4)})" x="0" y="${(size * 0.38).toFixed(2)}" ` +
    `font-family="${FONT_FAMILY}" font-size="${size.toFixed(2)}" fill="${RED}" text-anchor="middle">${esc(ch)}</text>`
  );
}

/** Characters per column, read right to left and top to bottom; the extra characters go to the right. */
export function sealColumns(text: string): string[][] {
  const chars = Array.from(text);
  const columns = chars.length <= 4 ? 2 : 3;
  const base = Math.floor(chars.length / columns);
  const extra = chars.length % columns;
  const out: string[][] = [];
  let i = 0;
  for (let c = 0; c < columns; c++) {
    const n = base + (c < extra ? 1 : 0);
    out.push(chars.slice(i, i + n));
    i += n;
  }
  return out;
}

export function officialSealSvg(text: string, size = 300): string {
  const outer = size * 0.04;
  const stroke = size * 0.045;
  const inner = outer + stroke + size * 0.03;
  const area = size - 2 * inner;
  const columns = sealColumns(text);
  const colWidth = area / columns.length;
  const parts: string[] = [];
  columns.forEach((col, c) => {
    const cx = size - inner - colWidth * (c + 0.5); // rightmost column first
    const cellHeight = area / col.length;
    col.forEach((ch, r) => {
      const cy = inner + cellHeight * (r + 0.5);
      parts.push(glyph(ch, cx, cy, colWidth * 0.94, cellHeight * 0.94));
    });
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<rect x="${outer + stroke / 2}" y="${outer + stroke / 2}" width="${size - 2 * outer - stroke}" height="${size - 2 * outer - stroke}" ` +
    `fill="none" stroke="${RED}" stroke-width="${stroke}" rx="${size * 0.01}"/>` +
    parts.join("") +
    `</svg>`
  );
}

export function personalSealSvg(familyName: string, size = 200): string {
  const chars = Array.from(familyName);
  const stroke = size * 0.04;
  const r = size / 2 - stroke / 2 - size * 0.02;
  const c = size / 2;
  // The column of characters fits inside the circle: narrower for longer names.
  const k = chars.length;
  const width = k === 1 ? size * 0.55 : k === 2 ? size * 0.42 : size * 0.3;
  const total = k === 1 ? size * 0.55 : size * 0.74;
  const cell = total / k;
  const parts = chars.map((ch, i) => glyph(ch, c, c - total / 2 + cell * (i + 0.5), width, cell * 0.96));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<circle cx="${c}" cy="${c}" r="${r.toFixed(2)}" fill="none" stroke="${RED}" stroke-width="${stroke}"/>` +
    parts.join("") +
    `</svg>`
  );
}

export function renderOfficialSeal(text: string): Buffer {
  return render(officialSealSvg(text), "Bold");
}

/** Renders one 印影 per distinct family name (rendering is the slow part of the seed), `size` pixels square. */
export function createPersonalSealRenderer(size = 200): (familyName: string) => Buffer {
  const cache = new Map<string, Buffer>();
  return (familyName) => {
    let png = cache.get(familyName);
    if (!png) {
      png = render(personalSealSvg(familyName, size), "Medium");
      cache.set(familyName, png);
    }
    return png;
  };
}
