import "server-only";
import { CsvError, parse } from "csv-parse";
import iconv from "iconv-lite";
import { pipeline, type Readable } from "node:stream";
import type { ImportEncoding, ImportFormat } from "@/lib/import-feeds";
import type { ColumnDef, ImportLineError, RawRecord } from "./types";

// Streaming reader for feed files: bytes → text (iconv-lite: UTF-8 with or without BOM, or Shift_JIS read as
// CP932, the Windows superset back-office systems actually write) → CSV records (csv-parse) or JSON Lines →
// { line, values } keyed by the feed's column keys. Memory stays bounded: records are pulled one at a time
// and the parser applies backpressure to the input.

export type ReadItem = RawRecord | { line: number | null; error: ImportLineError };

export type ReaderOptions = {
  format: ImportFormat;
  encoding: ImportEncoding;
  /** The feed's columns, including the 異動区分 (op) column when the feed has one. */
  columns: readonly ColumnDef[];
  /** Columns the header must have (a delta file of remove rows may carry only the key columns). */
  requiredKeys: readonly string[];
};

const REPLACEMENT = "\uFFFD";

/**
 * The longest record (CSV, quoted line breaks included) and the longest line (JSON Lines) a reader accepts,
 * in characters: the largest legitimate record is a 印鑑登録 row with its 512 KB 印影 in base64 (≈ 700,000
 * characters). A longer one stops the read with an error at its line, before it is held in memory whole —
 * a file without line breaks cannot make the server buffer the entire upload.
 */
export const MAX_RECORD_CHARS = 1024 * 1024;

function tooLong(line: number): ReadItem {
  return {
    line,
    error: { line, column: null, message: `この行以降に長すぎるデータがあります（1件${MAX_RECORD_CHARS.toLocaleString("ja-JP")}文字まで）。改行や引用符「"」の閉じ忘れがないか確認してください。ここから後は読み込んでいません。` },
  };
}

function decoderFor(encoding: ImportEncoding) {
  // CP932 decodes every Shift_JIS file plus the NEC/IBM extensions (①, ㈱, 髙 …) used in real data.
  return iconv.decodeStream(encoding === "shift_jis" ? "cp932" : "utf8", { stripBOM: true });
}

function badCharacters(encoding: ImportEncoding): ImportLineError {
  const name = encoding === "shift_jis" ? "Shift_JIS" : "UTF-8";
  return { line: null, column: null, message: `${name}として読めない文字があります。文字コードの指定を確認してください。` };
}

/** Maps header names (column key or Japanese label) to column keys; reports unknown, duplicate and missing columns. */
export function mapHeader(header: readonly string[], columns: readonly ColumnDef[], requiredKeys: readonly string[]): { keys: string[]; errors: ImportLineError[] } {
  const byName = new Map<string, string>();
  for (const c of columns) {
    byName.set(c.key, c.key);
    byName.set(c.key.toLowerCase(), c.key);
    byName.set(c.label, c.key);
  }
  const errors: ImportLineError[] = [];
  const seen = new Set<string>();
  const keys = header.map((raw) => {
    const name = raw.trim();
    const key = byName.get(name) ?? byName.get(name.toLowerCase());
    if (!key) {
      errors.push({ line: 1, column: name || null, message: `列「${name}」はこのデータの定義にありません。列名と文字コードの指定を確認してください。` });
      return "";
    }
    if (seen.has(key)) errors.push({ line: 1, column: name, message: "同じ列が2回以上あります。" });
    seen.add(key);
    return key;
  });
  for (const c of columns) {
    if (requiredKeys.includes(c.key) && !seen.has(c.key)) errors.push({ line: 1, column: c.label, message: `必須の列「${c.label}」がありません。` });
  }
  return { keys, errors };
}

function emptyValues(columns: readonly ColumnDef[]): Record<string, string> {
  const v: Record<string, string> = {};
  for (const c of columns) v[c.key] = "";
  return v;
}

export async function* readRecords(input: Readable, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  if (opts.format === "jsonl") yield* readJsonLines(input, opts);
  else yield* readCsv(input, opts);
}

/** Line breaks inside a record's (quoted) fields, CRLF counted once: how many physical lines it spans beyond one. */
function innerLineBreaks(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.indexOf("\n") < 0 && f.indexOf("\r") < 0) continue;
    n += f.split(/\r\n|\r|\n/).length - 1;
  }
  return n;
}

async function* readCsv(input: Readable, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  // Blank lines are kept (as one empty field) so that physical line numbers can be counted here: csv-parse's
  // own line counter counts a CRLF inside a quoted field twice.
  const parser = parse({ bom: true, columns: false, relax_column_count: true, skip_empty_lines: false, trim: false, max_record_size: MAX_RECORD_CHARS });
  const records = pipeline(input, decoderFor(opts.encoding), parser, () => {});
  let keys: string[] | null = null;
  let lastLine = 0;
  try {
    for await (const record of records as AsyncIterable<string[]>) {
      const line = lastLine + 1;
      lastLine = line + innerLineBreaks(record);
      if (record.length === 1 && record[0].trim() === "") continue;
      if (!keys) {
        if (record.some((h) => h.includes(REPLACEMENT))) {
          yield { line, error: { ...badCharacters(opts.encoding), line } };
          return;
        }
        const mapped = mapHeader(record, opts.columns, opts.requiredKeys);
        if (mapped.errors.length) {
          for (const error of mapped.errors) yield { line, error: { ...error, line } };
          return;
        }
        keys = mapped.keys;
        continue;
      }
      if (record.length !== keys.length) {
        yield { line, error: { line, column: null, message: `列の数（${record.length}）がヘッダーの列の数（${keys.length}）と一致しません。` } };
        continue;
      }
      const values = emptyValues(opts.columns);
      let bad = false;
      for (let i = 0; i < keys.length; i++) {
        const v = record[i];
        if (v.includes(REPLACEMENT)) bad = true;
        values[keys[i]] = v.trim();
      }
      if (bad) {
        yield { line, error: { ...badCharacters(opts.encoding), line } };
        continue;
      }
      yield { line, values };
    }
  } catch (e) {
    if (e instanceof CsvError && e.code === "CSV_MAX_RECORD_SIZE") {
      // As with an unclosed quote below: records parsed in the same chunk are dropped, so "at or after".
      yield tooLong(lastLine + 1);
      return;
    }
    if (e instanceof CsvError) {
      // An unclosed quote: the broken record starts after the last one read. (csv-parse's own line number
      // counts a CRLF inside quotes twice; records parsed in the same chunk before the error are dropped, so
      // this is "at or after" the line, and the message says so.)
      const at = lastLine + 1;
      yield { line: at, error: { line: at, column: null, message: "CSVとして読めません。この行以降に閉じられていない引用符「\"」などがあります。ここから後は読み込んでいません。" } };
      return;
    }
    throw e;
  }
  if (!keys) yield { line: null, error: { line: null, column: null, message: "ヘッダー行がありません。" } };
}

async function* readJsonLines(input: Readable, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  const decoded = pipeline(input, decoderFor(opts.encoding), () => {});
  const known = new Map<string, string>();
  for (const c of opts.columns) {
    known.set(c.key, c.key);
    known.set(c.label, c.key);
  }
  let line = 0;
  for await (const text of boundedLines(decoded as AsyncIterable<string>, MAX_RECORD_CHARS)) {
    line++;
    if (text === null) {
      yield tooLong(line);
      return;
    }
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
    if (trimmed === "") continue;
    if (trimmed.includes(REPLACEMENT)) {
      yield { line, error: { ...badCharacters(opts.encoding), line } };
      continue;
    }
    let obj: unknown;
    try {
      obj = JSON.parse(trimmed);
    } catch {
      yield { line, error: { line, column: null, message: "JSONとして読めません。" } };
      continue;
    }
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
      yield { line, error: { line, column: null, message: "1行に1つのJSONオブジェクトを書いてください。" } };
      continue;
    }
    const values = emptyValues(opts.columns);
    let unknown: string | null = null;
    for (const [name, v] of Object.entries(obj as Record<string, unknown>)) {
      const key = known.get(name);
      if (!key) {
        unknown = name;
        break;
      }
      values[key] =
        v === null || v === undefined ? "" : typeof v === "string" ? v.trim() : typeof v === "boolean" ? (v ? "1" : "0") : typeof v === "number" ? String(v) : JSON.stringify(v);
    }
    if (unknown !== null) {
      yield { line, error: { line, column: unknown, message: `項目「${unknown}」はこのデータの定義にありません。` } };
      continue;
    }
    yield { line, values };
  }
}

/**
 * The lines of a decoded text stream (LF or CRLF), each at most `maxChars` long: a longer line yields null in
 * its place and ends the stream, having held at most `maxChars` plus one chunk of it.
 */
export async function* boundedLines(text: AsyncIterable<string | Buffer>, maxChars: number): AsyncGenerator<string | null> {
  let pending = "";
  for await (const chunk of text) {
    pending += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    let nl: number;
    while ((nl = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, nl).replace(/\r$/, "");
      pending = pending.slice(nl + 1);
      if (line.length > maxChars) {
        yield null;
        return;
      }
      yield line;
    }
    if (pending.length > maxChars) {
      yield null;
      return;
    }
  }
  if (pending !== "") yield pending.replace(/\r$/, "");
}
