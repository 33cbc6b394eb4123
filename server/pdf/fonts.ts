// Fonts for certificates, shipped by npm (@embedpdf/fonts-jp: Noto Sans JP). Loaded once per worker.
// No "server-only": used inside the PDF worker threads.
import { openSync } from "fontkit";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve("@embedpdf/fonts-jp")), "..", "fonts");

export const FONT_FAMILY = "NotoSansJP";
export const FONT_FILES = {
  regular: path.join(fontDir, "NotoSansJP-Regular.otf"),
  bold: path.join(fontDir, "NotoSansJP-Bold.otf"),
};

type Coverage = { hasGlyphForCodePoint(cp: number): boolean };
let coverage: Coverage | null = null;

/** Characters of `text` the certificate font cannot draw (a missing glyph would print as garbage). */
export function unprintableCharacters(text: string): string[] {
  coverage ??= openSync(FONT_FILES.regular) as unknown as Coverage;
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || ch === "\u3000") continue;
    if (!coverage.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}
