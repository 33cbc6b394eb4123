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

/** The last cross-reference section's offset and its trailer's /Root, /Info and /Size (an update appends after it). */
function lastTrailer(pdf: Uint8Array): { prev: number; root: string; info: string | undefined; size: number } {
  const text = Buffer.from(pdf).toString("latin1");
  const last = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!last) throw new Error("no startxref");
  const prev = Number(last[1]);
  const tail = text.slice(prev);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(tail)?.[1];
  const info = /\/Info\s+(\d+\s+\d+\s+R)/.exec(tail)?.[1];
  const size = Number(/\/Size\s+(\d+)/.exec(tail)?.[1]);
  if (!root || !size) throw new Error("no trailer");
  return { prev, root, info, size };
}

/** Appends an incremental update whose document information carries `keywords` (ASCII, no parentheses). */
export function withKeywords(pdf: Uint8Array, keywords: string): Uint8Array {
  if (/[()\\]/.test(keywords)) throw new Error("keywords must not need escaping");
  const { prev, root, size } = lastTrailer(pdf);
  const obj = `\n${size} 0 obj\n<< /Keywords (${keywords}) >>\nendobj\n`;
  const objOffset = pdf.length + 1;
  const xrefOffset = pdf.length + obj.length;
  const xref =
    `xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objOffset).padStart(10, "0")} 00000 n \n` +
    `trailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(pdf), Buffer.from(obj + xref, "latin1")]));
}

/**
 * Appends an incremental update that moves page `index`'s content into a form XObject the page draws with Do:
 * the same text, now inside a form, as a tool that places one PDF's page into another would write it.
 */
export function withPageInForm(pdf: Uint8Array, index = 0): Uint8Array {
  const text = Buffer.from(pdf).toString("latin1");
  const { prev, root, info, size } = lastTrailer(pdf);
  // The page objects in file order (react-pdf writes one page tree): take the index-th.
  const pages = [...text.matchAll(/(\d+) 0 obj\s*<<\s*\/Type \/Page\b([\s\S]*?)>>\s*endobj/g)];
  const page = pages[index];
  if (!page) throw new Error("no such page");
  const contents = /\/Contents (\d+) 0 R/.exec(page[2])?.[1];
  const resources = /\/Resources (\d+) 0 R/.exec(page[2])?.[1];
  if (!contents || !resources) throw new Error("the page has no content or resources reference");
  // The form: the page's own content stream bytes, with the page's resources.
  const stream = new RegExp(`\\n${contents} 0 obj\\s*<<([\\s\\S]*?)>>\\s*stream\\r?\\n`).exec(text);
  if (!stream) throw new Error("content stream not found");
  const length = Number(/\/Length (\d+)/.exec(stream[1])![1]);
  const data = text.slice(stream.index + stream[0].length, stream.index + stream[0].length + length);
  const media = /\/MediaBox (\[[^\]]*\])/.exec(page[2])?.[1] ?? "[0 0 595.28 841.89]";
  const formNo = size;
  const drawNo = size + 1;
  const resNo = size + 2;
  const objs = [
    `${formNo} 0 obj\n<< /Type /XObject /Subtype /Form /BBox ${media} /Resources ${resources} 0 R /Filter /FlateDecode /Length ${length} >>\nstream\n${data}\nendstream\nendobj\n`,
    `${drawNo} 0 obj\n<< /Length 8 >>\nstream\n/Fm1 Do\n\nendstream\nendobj\n`,
    `${resNo} 0 obj\n<< /XObject << /Fm1 ${formNo} 0 R >> >>\nendobj\n`,
    `${page[1]} 0 obj\n<< /Type /Page${page[2].replace(/\/Contents \d+ 0 R/, `/Contents ${drawNo} 0 R`).replace(/\/Resources \d+ 0 R/, `/Resources ${resNo} 0 R`)}>>\nendobj\n`,
  ];
  let offset = pdf.length + 1;
  const entries: Array<[number, number]> = [];
  for (const [i, o] of objs.entries()) {
    entries.push([i < 3 ? size + i : Number(page[1]), offset]);
    offset += o.length;
  }
  const body = "\n" + objs.join("");
  const xrefOffset = pdf.length + body.length;
  const xref =
    "xref\n0 1\n0000000000 65535 f \n" +
    entries.map(([n, at]) => `${n} 1\n${String(at).padStart(10, "0")} 00000 n \n`).join("") +
    `trailer\n<< /Size ${size + 3} /Root ${root}${info ? ` /Info ${info}` : ""} /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(pdf), Buffer.from(body + xref, "latin1")]));
}
