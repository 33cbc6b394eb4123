import iconv from "iconv-lite";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseDate, parseInstant } from "./columns";
import { MAX_RECORD_CHARS, readRecords, type ReadItem } from "./read-records";
import type { ColumnDef } from "./types";

const COLUMNS: ColumnDef[] = [
  { key: "no", label: "番号", required: true },
  { key: "name", label: "氏名", required: true },
  { key: "note", label: "備考", required: false },
];

async function read(bytes: Buffer | string, opts: { format?: "csv" | "jsonl"; encoding?: "utf-8" | "shift_jis"; chunk?: number } = {}): Promise<ReadItem[]> {
  const buf = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  const size = opts.chunk ?? 3; // tiny chunks: multi-byte characters and CRLF split across reads
  const chunks = Array.from({ length: Math.ceil(buf.length / size) }, (_, i) => buf.subarray(i * size, (i + 1) * size));
  const out: ReadItem[] = [];
  for await (const item of readRecords(Readable.from(chunks), { format: opts.format ?? "csv", encoding: opts.encoding ?? "utf-8", columns: COLUMNS, requiredKeys: ["no", "name"] })) out.push(item);
  return out;
}

describe("readRecords (CSV)", () => {
  it("maps Japanese or key headers, strips a BOM, trims values and numbers physical lines", async () => {
    const items = await read('\uFEFF番号,name,備考\r\n1, 山川 一郎 ,\r\n\r\n2,"川村\r\n花子","a,""b"""\r\n3,髙橋,\r\n');
    expect(items).toEqual([
      { line: 2, values: { no: "1", name: "山川 一郎", note: "" } },
      { line: 4, values: { no: "2", name: "川村\r\n花子", note: 'a,"b"' } },
      { line: 6, values: { no: "3", name: "髙橋", note: "" } },
    ]);
  });

  it("decodes Shift_JIS as CP932 (NEC and IBM extensions included)", async () => {
    const items = await read(iconv.encode("番号,氏名\r\n1,髙﨑①\r\n", "cp932"), { encoding: "shift_jis" });
    expect(items).toEqual([{ line: 2, values: { no: "1", name: "髙﨑①", note: "" } }]);
  });

  it("reports bytes that are not text in the declared encoding", async () => {
    const items = await read(Buffer.concat([Buffer.from("番号,氏名\r\n1,"), Buffer.from([0xff, 0xfe]), Buffer.from("\r\n")]));
    expect(items).toEqual([{ line: 2, error: { line: 2, column: null, message: "UTF-8として読めない文字があります。文字コードの指定を確認してください。" } }]);
  });

  it("refuses unknown and missing header columns at line 1", async () => {
    const items = await read("番号,謎\r\n1,x\r\n");
    expect(items.map((i) => ("error" in i ? i.error : i))).toEqual([
      { line: 1, column: "謎", message: "列「謎」はこのデータの定義にありません。列名と文字コードの指定を確認してください。" },
      { line: 1, column: "氏名", message: "必須の列「氏名」がありません。" },
    ]);
  });

  it("reports a row with the wrong number of columns and continues", async () => {
    const items = await read("番号,氏名\r\n1,a,b,c\r\n2,b\r\n");
    expect(items).toEqual([
      { line: 2, error: { line: 2, column: null, message: "列の数（4）がヘッダーの列の数（2）と一致しません。" } },
      { line: 3, values: { no: "2", name: "b", note: "" } },
    ]);
  });

  it("stops at an unclosed quote, naming a line at or before it", async () => {
    const items = await read('番号,氏名\r\n1,a\r\n2,"b\r\n3,c\r\n', { chunk: 4096 });
    const last = items[items.length - 1] as { line: number; error: { message: string } };
    expect(last.line).toBeLessThanOrEqual(3);
    expect(last.error.message).toMatch(/閉じられていない引用符/);
    expect(items.filter((i) => "values" in i && i.line > 3)).toEqual([]);
  });
});

describe("readRecords (record and line limits)", () => {
  const long = "あ".repeat(MAX_RECORD_CHARS + 10);
  const stopped = (items: ReadItem[]) => items[items.length - 1] as { line: number; error: { message: string } };

  it("accepts a record just under the limit (a 印影 in base64 fits)", async () => {
    const items = await read(`番号,氏名\r\n1,${"x".repeat(MAX_RECORD_CHARS - 10)}\r\n`, { chunk: 65536 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ line: 2 });
  });

  it("stops a CSV record over the limit at its line, and reads nothing after it", async () => {
    for (const body of [`番号,氏名\r\n1,a\r\n2,${long}\r\n3,c\r\n`, `番号,氏名\r\n1,a\r\n2,"${long}`]) {
      const items = await read(body, { chunk: 65536 });
      expect(stopped(items).line).toBeLessThanOrEqual(3);
      expect(stopped(items).error.message).toMatch(/長すぎるデータ/);
      expect(items.filter((i) => "values" in i && i.line >= 3)).toEqual([]);
    }
  });

  it("stops a JSON line over the limit, even one without any line break", async () => {
    for (const body of [`{"no":1,"name":"a"}\n{"no":2,"name":"${long}"}\n{"no":3,"name":"c"}\n`, `{"no":1,"name":"a"}\n${long}`]) {
      const items = await read(body, { format: "jsonl", chunk: 65536 });
      expect(stopped(items).line).toBe(2);
      expect(stopped(items).error.message).toMatch(/長すぎるデータ/);
      expect(items.filter((i) => "values" in i).map((i) => i.line)).toEqual([1]);
    }
  });
});

describe("readRecords (JSON Lines)", () => {
  it("reads one object per line with keys or labels; numbers, booleans and nested JSON become text", async () => {
    const items = await read('{"no":1,"氏名":"山川","note":{"a":[1]}}\n\n{"no":"2","name":"川村","note":true}\nnot json\n[1]\n{"zzz":1}\n', { format: "jsonl" });
    expect(items).toEqual([
      { line: 1, values: { no: "1", name: "山川", note: '{"a":[1]}' } },
      { line: 3, values: { no: "2", name: "川村", note: "1" } },
      { line: 4, error: { line: 4, column: null, message: "JSONとして読めません。" } },
      { line: 5, error: { line: 5, column: null, message: "1行に1つのJSONオブジェクトを書いてください。" } },
      { line: 6, error: { line: 6, column: "zzz", message: "項目「zzz」はこのデータの定義にありません。" } },
    ]);
  });
});

describe("column parsers", () => {
  it("accepts real calendar days in three spellings", () => {
    expect(parseDate("2024-02-29")).toBe("2024-02-29");
    expect(parseDate("2024/02/29")).toBe("2024-02-29");
    expect(parseDate("20240229")).toBe("2024-02-29");
    expect(parseDate("2023-02-29")).toBeNull();
    expect(parseDate("2023-13-01")).toBeNull();
    expect(parseDate("令和5年1月1日")).toBeNull();
  });

  it("reads instants with an offset, and a date alone as 00:00 JST", () => {
    expect(parseInstant("2029-01-01")).toBe("2028-12-31T15:00:00.000Z");
    expect(parseInstant("2029-01-01T09:00:00+09:00")).toBe("2029-01-01T00:00:00.000Z");
    expect(parseInstant("2029-01-01T09:00:00")).toBeNull();
  });
});
