// Fonts for certificates: a fallback chain, tried glyph by glyph.
//   1. Noto Sans JP, shipped by npm (@embedpdf/fonts-jp), regular and bold;
//   2. the font files listed in PDF_FALLBACK_FONTS (colon-separated paths), in order; when the variable is
//      unset, IPAmj明朝 from Debian's fonts-ipamj-mincho (MJ characters of 戸籍 names) if it is installed.
// A character no font of the chain can draw is refused before anything is rendered (react-pdf would draw it
// in Helvetica as garbage). Loaded once per process / worker thread.
// No "server-only": used inside the PDF worker threads.
import { openSync, type Font as FontkitFont } from "fontkit";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { getEnv } from "../env";

const require = createRequire(import.meta.url);

/**
 * The package's fonts/ directory. Inside a Next.js server bundle (the monthly report renders in process),
 * Turbopack turns require.resolve into a module id, not a path: fall back to the package as installed
 * under the app's node_modules (Next runs with the project directory as cwd).
 */
function fontsJpDir(): string {
  const resolved: unknown = require.resolve("@embedpdf/fonts-jp");
  if (typeof resolved === "string") return path.join(path.dirname(resolved), "..", "fonts");
  return path.join(process.cwd(), "node_modules", "@embedpdf", "fonts-jp", "fonts");
}
const fontDir = fontsJpDir();

export const PRIMARY_FONT_FAMILY = "NotoSansJP";
export const FONT_FILES = {
  regular: path.join(fontDir, "NotoSansJP-Regular.otf"),
  bold: path.join(fontDir, "NotoSansJP-Bold.otf"),
};

/** IPAmj明朝 as Debian's fonts-ipamj-mincho installs it. */
export const DEFAULT_FALLBACK_FONT = "/usr/share/fonts/truetype/ipamj/ipamjm.ttf";

export type ChainFont = {
  /** Family name registered with react-pdf. */
  family: string;
  regular: string;
  /** Fallback fonts usually have one weight: bold text then falls back to the regular face. */
  bold: string | null;
};

/** The fallback files: PDF_FALLBACK_FONTS when set (empty means none), else IPAmj明朝 when installed. */
export function fallbackFontFiles(env: { PDF_FALLBACK_FONTS?: string } = getEnv()): string[] {
  const configured = env.PDF_FALLBACK_FONTS;
  if (configured === undefined) return existsSync(DEFAULT_FALLBACK_FONT) ? [DEFAULT_FALLBACK_FONT] : [];
  const files = configured
    .split(":")
    .map((f) => f.trim())
    .filter(Boolean);
  // A configured font that is not there is a deployment error, not a reason to print less: say so loudly.
  const absent = files.filter((f) => !existsSync(f));
  if (absent.length) throw new Error(`PDF_FALLBACK_FONTS lists font files that do not exist: ${absent.join(", ")}`);
  return files;
}

function buildChain(): ChainFont[] {
  return [
    { family: PRIMARY_FONT_FAMILY, regular: FONT_FILES.regular, bold: FONT_FILES.bold },
    ...fallbackFontFiles().map((file, i) => ({ family: `Fallback${i + 1}-${path.basename(file).replace(/\.[^.]+$/, "")}`, regular: file, bold: null })),
  ];
}

/** The chain, fixed when the module loads (env read once per process / worker). */
export const FONT_CHAIN: readonly ChainFont[] = buildChain();

/**
 * The families for a `fontFamily` style: react-pdf picks, for every character, the first family of the list
 * that has a glyph for it (textkit fontSubstitution).
 */
export const FONT_FAMILY: string[] = FONT_CHAIN.map((f) => f.family);

type Coverage = Pick<FontkitFont, "hasGlyphForCodePoint">;
const coverage: Array<Coverage | null> = FONT_CHAIN.map(() => null);

/** Fonts are opened only when needed: the fallbacks (IPAmj明朝 is 46 MB) only for a character Noto lacks. */
function coverageOf(i: number): Coverage {
  let c = coverage[i];
  if (!c) {
    const opened = openSync(FONT_CHAIN[i].regular);
    if ("fonts" in opened) throw new Error(`font collections are not supported by the PDF renderer: ${FONT_CHAIN[i].regular}`);
    c = coverage[i] = opened;
  }
  return c;
}

const isVariationSelector = (cp: number) => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

/** The index in the chain of the first font that draws `cp`, or -1. */
function drawingFont(cp: number): number {
  for (let i = 0; i < FONT_CHAIN.length; i++) if (coverageOf(i).hasGlyphForCodePoint(cp)) return i;
  return -1;
}

/** Whether some font of the chain draws `cp`. */
export function printableCodePoint(cp: number): boolean {
  return drawingFont(cp) >= 0;
}

/**
 * One pass over `text` for the renderer: the characters no font of the chain can draw (`missing`; a missing
 * glyph would print as garbage), and the families the text needs in chain order (`families`: the primary
 * always, a fallback only when it draws a character no earlier font can — react-pdf loads every family it is
 * given, and IPAmj明朝 alone is 46 MB per render thread).
 * An ideographic variation sequence (base + variation selector, how MJ glyph variants are often encoded) is
 * reported as one unprintable item: react-pdf chooses fonts code point by code point, so the selector would
 * be split from its base and drawn in Helvetica.
 */
export function fontPlan(text: string): { missing: string[]; families: string[] } {
  const missing = new Set<string>();
  const needed = new Set<number>([0]);
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || ch === "\u3000") continue;
    const next = chars[i + 1]?.codePointAt(0);
    if (next !== undefined && isVariationSelector(next)) {
      missing.add(ch + chars[i + 1]);
      i++;
      continue;
    }
    const font = isVariationSelector(cp) ? -1 : drawingFont(cp);
    if (font < 0) missing.add(ch);
    else needed.add(font);
  }
  return { missing: [...missing], families: FONT_CHAIN.filter((_, i) => needed.has(i)).map((f) => f.family) };
}

/** Characters of `text` that no font of the chain can draw (fontPlan's `missing`). */
export function unprintableCharacters(text: string): string[] {
  return fontPlan(text).missing;
}
