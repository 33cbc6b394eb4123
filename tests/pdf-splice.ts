// Builds the wrong PDFs the post-render self-check must stop, from real rendered bytes: pages of several
// PDFs merged into one (pdf.js's own page extraction), and the first file's binding metadata written back
// into the merge (an incremental update), as a merge that kept the first file's document information would.

/** One PDF of the given pages (0-based) of the given PDFs, in this order. */
export async function splicePages(parts: Array<{ pdf: Uint8Array; pages: number[] }>): Promise<Uint8Array> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({ data: new Uint8Array(parts[0].pdf), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    return await doc.extractPages(parts.map((p, i) => ({ document: i === 0 ? null : new Uint8Array(p.pdf), includePages: p.pages })));
  } finally {
    await task.destroy();
  }
}

/** Appends an incremental update whose document information carries `keywords` (ASCII, no parentheses). */
export function withKeywords(pdf: Uint8Array, keywords: string): Uint8Array {
  if (/[()\\]/.test(keywords)) throw new Error("keywords must not need escaping");
  const text = Buffer.from(pdf).toString("latin1");
  const last = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!last) throw new Error("no startxref");
  const prev = Number(last[1]);
  const tail = text.slice(prev);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(tail)?.[1];
  const size = Number(/\/Size\s+(\d+)/.exec(tail)?.[1]);
  if (!root || !size) throw new Error("no trailer");
  const obj = `\n${size} 0 obj\n<< /Keywords (${keywords}) >>\nendobj\n`;
  const objOffset = pdf.length + 1;
  const xrefOffset = pdf.length + obj.length;
  const xref =
    `xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objOffset).padStart(10, "0")} 00000 n \n` +
    `trailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(pdf), Buffer.from(obj + xref, "latin1")]));
}
