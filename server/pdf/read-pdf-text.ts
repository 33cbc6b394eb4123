// The post-render read-back (DOMAIN.md §6) without pdf.js: the text of every page, read from the produced bytes
// through each font's ToUnicode map, and the document's Keywords. It parses what the bytes say — the object
// table, the page tree, each page's content streams and fonts — and never looks at the document that was
// drawn, so the checks in server/issuance/ compare what is printed with what was meant, as with pdf.js, at a
// fraction of the cost (a one-page certificate: ≈ 2.5 ms against pdf.js's ≈ 42 ms, same machine and moment;
// docs/benchmarks.md, "HTTP").
// Anything it cannot read (a missing object, an unknown filter, text drawn by a font without a ToUnicode map)
// is an error or text that is not there: a check that finds less text refuses the issuance, never the reverse.
// pdf.js remains the independent reader of the kiosk client's and the tests' checks (scripts/kiosk/pdf-checks.ts).
// No "server-only": runs inside the PDF worker threads.
import { inflateSync } from "node:zlib";

export class PdfReadError extends Error {}

type Ref = { ref: number };
type Name = { name: string };
/** Strings are kept as their raw bytes in a latin1 string (one char per byte). */
type PdfString = { bytes: string };
type PdfValue = number | boolean | null | Name | PdfString | Ref | PdfValue[] | PdfDict | Operator;
type PdfDict = { dict: Map<string, PdfValue> };
type Operator = { op: string };

const isWhite = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelim = (c: number) => c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;

/** A tokenizer/parser over a latin1 string (one char per byte) for both object syntax and content streams. */
class Lexer {
  constructor(
    readonly s: string,
    public i = 0,
  ) {}

  skip(): void {
    const s = this.s;
    for (;;) {
      while (this.i < s.length && isWhite(s.charCodeAt(this.i))) this.i++;
      if (s.charCodeAt(this.i) !== 0x25) return; // %
      while (this.i < s.length && s[this.i] !== "\n" && s[this.i] !== "\r") this.i++;
    }
  }

  private word(): string {
    const start = this.i;
    while (this.i < this.s.length && !isWhite(this.s.charCodeAt(this.i)) && !isDelim(this.s.charCodeAt(this.i))) this.i++;
    return this.s.slice(start, this.i);
  }

  /** The next value, or an operator (a bare word) in a content stream; undefined at the end. */
  next(): PdfValue | undefined {
    this.skip();
    const s = this.s;
    if (this.i >= s.length) return undefined;
    const c = s[this.i];
    if (c === "/") {
      this.i++;
      return { name: this.word().replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
    }
    if (c === "<" && s[this.i + 1] === "<") {
      this.i += 2;
      const dict = new Map<string, PdfValue>();
      for (;;) {
        this.skip();
        if (s.startsWith(">>", this.i)) {
          this.i += 2;
          return { dict };
        }
        const key = this.next();
        if (!key || typeof key !== "object" || !("name" in key)) throw new PdfReadError("a dictionary key is not a name");
        dict.set(key.name, this.value());
      }
    }
    if (c === "<") {
      const end = s.indexOf(">", this.i);
      if (end < 0) throw new PdfReadError("unterminated hex string");
      let hex = s.slice(this.i + 1, end).replace(/\s+/g, "");
      if (hex.length % 2) hex += "0";
      this.i = end + 1;
      return { bytes: Buffer.from(hex, "hex").toString("latin1") };
    }
    if (c === "(") return { bytes: this.literal() };
    if (c === "[") {
      this.i++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (s[this.i] === "]") {
          this.i++;
          return arr;
        }
        if (this.i >= s.length) throw new PdfReadError("unterminated array");
        arr.push(this.value());
      }
    }
    if (c === "]" || c === ">" || c === ")" || c === "{" || c === "}") {
      this.i++;
      return { op: c };
    }
    const w = this.word();
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) {
      // "n g R": an indirect reference
      const save = this.i;
      const m = /^\s+(\d+)\s+R(?=[\s/<>[\]()%]|$)/.exec(s.slice(save, save + 24));
      if (m && /^\d+$/.test(w)) {
        this.i = save + m[0].length;
        return { ref: Number(w) };
      }
      return Number(w);
    }
    if (w === "true") return true;
    if (w === "false") return false;
    if (w === "null") return null;
    if (!w) throw new PdfReadError(`unexpected byte 0x${s.charCodeAt(this.i).toString(16)} at ${this.i}`);
    return { op: w };
  }

  /** A value inside a dictionary or array: operators are not allowed there. */
  value(): PdfValue {
    const v = this.next();
    if (v === undefined) throw new PdfReadError("unexpected end of data");
    if (v !== null && typeof v === "object" && "op" in v) throw new PdfReadError(`unexpected ${v.op}`);
    return v;
  }

  private literal(): string {
    const s = this.s;
    let depth = 0;
    let out = "";
    this.i++; // (
    for (; this.i < s.length; this.i++) {
      const c = s[this.i];
      if (c === "\\") {
        const n = s[++this.i];
        const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", "(": "(", ")": ")", "\\": "\\" };
        if (n in simple) out += simple[n];
        else if (n >= "0" && n <= "7") {
          let oct = n;
          while (oct.length < 3 && s[this.i + 1] >= "0" && s[this.i + 1] <= "7") oct += s[++this.i];
          out += String.fromCharCode(parseInt(oct, 8) & 0xff);
        } else if (n === "\r") {
          if (s[this.i + 1] === "\n") this.i++;
        } else if (n !== "\n") out += n;
        continue;
      }
      if (c === "(") depth++;
      if (c === ")") {
        if (depth === 0) {
          this.i++;
          return out;
        }
        depth--;
      }
      out += c;
    }
    throw new PdfReadError("unterminated string");
  }
}

type PdfObject = { value: PdfValue; stream: { start: number; dict: PdfDict } | null };

/** The indirect objects of the file, by number (the last definition wins, as after an incremental update). */
function indexObjects(s: string): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+(\d+)\s+obj\b/g;
  let at = 0;
  for (;;) {
    header.lastIndex = at;
    const m = header.exec(s);
    if (!m) break;
    const lex = new Lexer(s, m.index + m[0].length);
    let value: PdfValue;
    try {
      value = lex.value();
    } catch {
      at = m.index + m[0].length;
      continue;
    }
    lex.skip();
    let stream: PdfObject["stream"] = null;
    if (s.startsWith("stream", lex.i) && value && typeof value === "object" && "dict" in value) {
      let start = lex.i + 6;
      if (s[start] === "\r") start++;
      if (s[start] === "\n") start++;
      stream = { start, dict: value };
      const length = value.dict.get("Length");
      // A direct /Length lets the scan jump over binary data that could look like an object header.
      const end = typeof length === "number" ? start + length : s.indexOf("endstream", start);
      at = end > start ? end : start;
    } else {
      at = lex.i;
    }
    objects.set(Number(m[1]), { value, stream });
  }
  return objects;
}

/** Objects kept inside object streams (/Type /ObjStm, PDF 1.5), as pdf-lib and many editors write them. */
function unpackObjectStreams(file: PdfFile, objects: Map<number, PdfObject>): void {
  for (const [num, o] of [...objects]) {
    if (!o.stream || (o.stream.dict.dict.get("Type") as Name | undefined)?.name !== "ObjStm") continue;
    const data = file.streamData({ ref: num }).toString("latin1");
    const n = file.resolve(o.stream.dict.dict.get("N"));
    const first = file.resolve(o.stream.dict.dict.get("First"));
    if (typeof n !== "number" || typeof first !== "number") throw new PdfReadError("object stream without N or First");
    const head = new Lexer(data.slice(0, first));
    for (let k = 0; k < n; k++) {
      const objNum = head.value();
      const offset = head.value();
      if (typeof objNum !== "number" || typeof offset !== "number") throw new PdfReadError("bad object stream header");
      // An object defined directly in the file (a later update) wins over the packed one.
      if (!objects.has(objNum)) objects.set(objNum, { value: new Lexer(data, first + offset).value(), stream: null });
    }
  }
}

class PdfFile {
  private readonly s: string;
  private readonly objects: Map<number, PdfObject>;
  private readonly cmaps = new Map<number, ToUnicode>();

  constructor(readonly bytes: Uint8Array) {
    this.s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    if (!this.s.startsWith("%PDF-")) throw new PdfReadError("not a PDF");
    this.objects = indexObjects(this.s);
    unpackObjectStreams(this, this.objects);
  }

  resolve(v: PdfValue | undefined): PdfValue | undefined {
    for (let hops = 0; v && typeof v === "object" && "ref" in v; hops++) {
      if (hops > 32) throw new PdfReadError("reference loop");
      const o = this.objects.get(v.ref);
      if (!o) throw new PdfReadError(`object ${v.ref} is missing`);
      v = o.value;
    }
    return v;
  }

  dict(v: PdfValue | undefined): Map<string, PdfValue> | null {
    const r = this.resolve(v);
    return r && typeof r === "object" && "dict" in r ? r.dict : null;
  }

  /** The dictionary of a stream object, or null when `v` is not one (an image is a stream too). */
  streamDict(v: PdfValue | undefined): Map<string, PdfValue> | null {
    if (!v || typeof v !== "object" || !("ref" in v)) return null;
    return this.objects.get(v.ref)?.stream?.dict.dict ?? null;
  }

  /** The decoded data of a stream object (FlateDecode or none). */
  streamData(v: PdfValue | undefined): Buffer {
    if (!v || typeof v !== "object" || !("ref" in v)) throw new PdfReadError("a stream must be an indirect object");
    const o = this.objects.get(v.ref);
    if (!o?.stream) throw new PdfReadError(`object ${v.ref} is not a stream`);
    const d = o.stream.dict.dict;
    const length = this.resolve(d.get("Length"));
    if (typeof length !== "number") throw new PdfReadError("stream without a length");
    const raw = Buffer.from(this.s.slice(o.stream.start, o.stream.start + length), "latin1");
    const filter = this.resolve(d.get("Filter"));
    const filters = filter === undefined || filter === null ? [] : Array.isArray(filter) ? filter.map((f) => this.resolve(f)) : [filter];
    let data = raw;
    for (const f of filters) {
      if (!f || typeof f !== "object" || !("name" in f)) throw new PdfReadError("unreadable stream filter");
      if (f.name !== "FlateDecode") throw new PdfReadError(`unsupported stream filter ${f.name}`);
      data = inflateSync(data);
    }
    return data;
  }

  /** The pages in order, each with its resources (inherited through the page tree). */
  pages(): Array<{ page: Map<string, PdfValue>; resources: Map<string, PdfValue> | null }> {
    const catalog = [...this.objects.values()].map((o) => this.dict(o.value)).find((d) => (d?.get("Type") as Name | undefined)?.name === "Catalog");
    if (!catalog) throw new PdfReadError("no document catalog");
    const out: Array<{ page: Map<string, PdfValue>; resources: Map<string, PdfValue> | null }> = [];
    const walk = (node: PdfValue | undefined, inherited: Map<string, PdfValue> | null, depth: number) => {
      if (depth > 32) throw new PdfReadError("page tree too deep");
      const d = this.dict(node);
      if (!d) throw new PdfReadError("a page tree node is not a dictionary");
      const resources = this.dict(d.get("Resources")) ?? inherited;
      const type = (d.get("Type") as Name | undefined)?.name;
      if (type === "Page") out.push({ page: d, resources });
      else {
        const kids = this.resolve(d.get("Kids"));
        if (!Array.isArray(kids)) throw new PdfReadError("a page tree node without kids");
        for (const k of kids) walk(k, resources, depth + 1);
      }
    };
    walk(catalog.get("Pages"), null, 0);
    return out;
  }

  toUnicode(fontRef: PdfValue | undefined): ToUnicode | null {
    const key = fontRef && typeof fontRef === "object" && "ref" in fontRef ? fontRef.ref : null;
    if (key !== null && this.cmaps.has(key)) return this.cmaps.get(key)!;
    const font = this.dict(fontRef);
    const tu = font?.get("ToUnicode");
    if (!font || !tu) return null;
    const cmap = parseToUnicode(this.streamData(tu).toString("latin1"), (font.get("Subtype") as Name | undefined)?.name === "Type0" ? 2 : 1);
    if (key !== null) this.cmaps.set(key, cmap);
    return cmap;
  }

  /** The Info dictionary's Keywords as text ("" when absent). */
  keywords(): string {
    const trailer = /trailer\s*<</g;
    let info: Map<string, PdfValue> | null = null;
    for (let m = trailer.exec(this.s); m; m = trailer.exec(this.s)) {
      const t = new Lexer(this.s, m.index + m[0].length - 2).value();
      const ref = t && typeof t === "object" && "dict" in t ? t.dict.get("Info") : undefined;
      if (ref) info = this.dict(ref);
    }
    if (!info) {
      for (const o of this.objects.values()) {
        const ref = o.stream && (o.stream.dict.dict.get("Type") as Name | undefined)?.name === "XRef" ? o.stream.dict.dict.get("Info") : undefined;
        if (ref) info = this.dict(ref);
      }
    }
    const kw = this.resolve(info?.get("Keywords"));
    return kw && typeof kw === "object" && "bytes" in kw ? decodeTextString(kw.bytes) : "";
  }
}

/** A PDF text string: UTF-16BE with a byte-order mark, or PDFDocEncoding (ASCII for what is read here). */
function decodeTextString(bytes: string): string {
  if (bytes.startsWith("\xfe\xff")) return Buffer.from(bytes.slice(2), "latin1").swap16().toString("utf16le");
  return bytes;
}

type ToUnicode = { codeBytes: number; map: Map<number, string> };

const utf16be = (hex: string) => {
  const b = Buffer.from(hex, "hex");
  return b.length % 2 ? "" : Buffer.from(b).swap16().toString("utf16le");
};

/** bfchar and bfrange of a ToUnicode CMap. */
function parseToUnicode(text: string, defaultBytes: number): ToUnicode {
  const map = new Map<number, string>();
  const space = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(text);
  const codeBytes = space ? space[1].length / 2 : defaultBytes;
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(m[1], 16), utf16be(m[2]));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const lex = new Lexer(block[1]);
    for (;;) {
      const lo = lex.next();
      if (lo === undefined) break;
      const hi = lex.value();
      const dst = lex.value();
      if (!lo || typeof lo !== "object" || !("bytes" in lo) || !hi || typeof hi !== "object" || !("bytes" in hi)) throw new PdfReadError("bad bfrange");
      const from = codeOf(lo.bytes);
      const to = codeOf(hi.bytes);
      if (to - from > 0xffff) throw new PdfReadError("bfrange too large");
      if (Array.isArray(dst)) {
        dst.forEach((d, k) => {
          if (d && typeof d === "object" && "bytes" in d) map.set(from + k, Buffer.from(d.bytes, "latin1").swap16().toString("utf16le"));
        });
      } else if (dst && typeof dst === "object" && "bytes" in dst) {
        const base = Buffer.from(dst.bytes, "latin1");
        if (base.length % 2) throw new PdfReadError("odd bfrange target");
        for (let code = from; code <= to; code++) {
          const b = Buffer.from(base);
          b.writeUInt16BE((b.readUInt16BE(b.length - 2) + (code - from)) & 0xffff, b.length - 2);
          map.set(code, b.swap16().toString("utf16le"));
        }
      }
    }
  }
  return { codeBytes, map };
}

const codeOf = (bytes: string) => {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) n = n * 256 + bytes.charCodeAt(i);
  return n;
};

/** Nested form XObjects followed at most this deep (a form may draw another form). */
const MAX_FORM_DEPTH = 8;

/**
 * Text shown by one content stream, in drawing order, through the fonts of `resources`, including the text of
 * the form XObjects it draws (Do), where another page's content can be placed whole.
 */
function pageText(file: PdfFile, content: string, resources: Map<string, PdfValue> | null, depth = 0): string {
  if (depth > MAX_FORM_DEPTH) throw new PdfReadError("form XObjects nested too deep");
  const fonts = file.dict(resources?.get("Font"));
  const xobjects = file.dict(resources?.get("XObject"));
  const lex = new Lexer(content);
  const operands: PdfValue[] = [];
  let font: ToUnicode | null = null;
  let out = "";
  const show = (v: PdfValue) => {
    if (!v || typeof v !== "object" || !("bytes" in v)) return;
    // Text drawn by a font without a ToUnicode map cannot be read: it counts as absent.
    if (!font) return;
    const { codeBytes, map } = font;
    for (let i = 0; i + codeBytes <= v.bytes.length; i += codeBytes) out += map.get(codeOf(v.bytes.slice(i, i + codeBytes))) ?? "";
  };
  for (;;) {
    const t = lex.next();
    if (t === undefined) break;
    if (!t || typeof t !== "object" || !("op" in t)) {
      operands.push(t);
      continue;
    }
    switch (t.op) {
      case "Tf": {
        const name = operands[operands.length - 2];
        font = name && typeof name === "object" && "name" in name ? file.toUnicode(fonts?.get(name.name)) : null;
        break;
      }
      case "Tj":
      case "'":
      case '"':
        show(operands[operands.length - 1]);
        break;
      case "TJ": {
        const arr = operands[operands.length - 1];
        if (Array.isArray(arr)) for (const v of arr) show(v);
        break;
      }
      case "Do": {
        const name = operands[operands.length - 1];
        const ref = name && typeof name === "object" && "name" in name ? xobjects?.get(name.name) : undefined;
        const form = ref ? file.streamDict(ref) : null;
        if (form && (form.get("Subtype") as Name | undefined)?.name === "Form") {
          out += pageText(file, file.streamData(ref).toString("latin1"), file.dict(form.get("Resources")) ?? resources, depth + 1);
        }
        break;
      }
      case "BI": {
        // An inline image: its binary data runs from ID to EI.
        const end = content.indexOf("EI", content.indexOf("ID", lex.i));
        if (end < 0) throw new PdfReadError("unterminated inline image");
        lex.i = end + 2;
        break;
      }
      default:
        break;
    }
    operands.length = 0;
  }
  return out;
}

export type PdfText = { pageCount: number; pageTexts: string[]; keywords: string };

/**
 * The page texts (whitespace removed, as the checks compare them) and Keywords of PDF bytes. Throws PdfReadError
 * on bytes it cannot read: the caller treats that as a failed self-check.
 */
export function readPdfText(pdf: Uint8Array): PdfText {
  const file = new PdfFile(pdf);
  const pages = file.pages();
  const pageTexts = pages.map(({ page, resources }) => {
    const contents = page.get("Contents");
    const resolved = file.resolve(contents);
    const parts = Array.isArray(resolved) ? resolved : contents ? [contents] : [];
    const text = parts.map((p) => pageText(file, file.streamData(p).toString("latin1"), resources)).join("");
    return text.replace(/\s+/g, "");
  });
  return { pageCount: pages.length, pageTexts, keywords: file.keywords() };
}
