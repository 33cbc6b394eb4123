// Fuzzing every import feed through runImport against the real database: CSV in UTF-8 and Shift_JIS (header
// and rows near a feed's layout, wrong column counts, quotes), random bytes, records over the 1,048,576-character
// limit, JSON Lines garbage. Every file is either accepted (status succeeded, no errors) or refused with
// line-numbered Japanese errors and nothing changed; runImport never throws.
import iconv from "iconv-lite";
import fc from "fast-check";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { beforeAll, describe, it } from "vitest";
import { FEED_MODES, IMPORT_FEEDS, type ImportFeedName } from "@/lib/import-feeds";
import { systemContext } from "@/server/context";
import { FEEDS, OP_COLUMN } from "@/server/imports/feeds";
import { runImport, type ImportResult } from "@/server/imports/run-import";
import { ownerDb } from "@/tests/setup/owner-db";
import { createMunicipality } from "../../factories";
import { importText, RESIDENT_KEYS, residentRow, toCsv } from "../../factories/imports";
import { fuzzRuns, fuzzTimeout, runTarget } from "../fuzz-run";

// runImport opens its own connection, stages, audits and closes the job: about 0.2 s a run, so fewer in CI
// (FUZZ_IMPORT_RUNS sets these targets alone: 10,000 runs take about 30 minutes per target).
const runs = Number(process.env.FUZZ_IMPORT_RUNS) || fuzzRuns(40);
const MAX_RECORD_CHARS = 1024 * 1024;

/** Every table an import writes (data, not the job row or its audit event). */
const DATA_TABLES = ["Household", "Resident", "SupportMeasure", "IssuanceBlock", "SealRegistration", "TaxRecord", "KosekiRecord", "KosekiMember", "KosekiEvent", "FuhyoEntry", "CardCertificate", "KosekiRegistration"];

/** A digest of every row of the data tables: equal before and after means nothing was written. */
async function dataFingerprint(): Promise<string> {
  const sql = DATA_TABLES.map((t) => `SELECT '${t}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`).join(" UNION ALL ");
  const rows = await ownerDb().$queryRawUnsafe<{ t: string; n: number; h: string }[]>(sql);
  return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join(",");
}

let municipalityId: string;
let residentNos: string[] = [];

beforeAll(async () => {
  const m = await createMunicipality();
  municipalityId = m.id;
  const rows = Array.from({ length: 5 }, () => residentRow());
  const r = await importText({ municipalityId, feed: "residents", text: toCsv(RESIDENT_KEYS, rows) });
  if (r.status !== "succeeded") throw new Error(`seeding residents failed: ${JSON.stringify(r.errors)}`);
  residentNos = rows.map((x) => x.residentNo);
});

type FileSpec = { feed: ImportFeedName; mode: "full" | "delta"; format: "csv" | "jsonl"; encoding: "utf-8" | "shift_jis"; bytes: Buffer; lines: number };

/** How a failing file is shown in the report: its options, size, digest and head (a 1 MB record would flood it). */
function described(spec: FileSpec): FileSpec {
  return Object.assign(spec, {
    [fc.toStringMethod]: () => `{${spec.feed}/${spec.mode}/${spec.format}/${spec.encoding}, ${spec.bytes.length} bytes, sha256 ${createHash("sha256").update(spec.bytes).digest("hex").slice(0, 16)}, head ${JSON.stringify(spec.bytes.subarray(0, 300).toString(spec.encoding === "shift_jis" ? "latin1" : "utf8"))}}`,
  });
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** zod's own (English) messages, e.g. "Invalid input" from a union, "Too small: …" inside a JSON column. */
const ZOD_ENGLISH = /Invalid input|Too (small|big)|expected .+, received|Unrecognized key/;

/** The data fingerprint as of the last check (recomputed after every accepted import). */
let lastFingerprint: string | null = null;

/** Runs the import and checks: no throw; accepted cleanly, or refused with line-numbered errors and nothing written. */
async function importAndCheck(spec: FileSpec): Promise<ImportResult> {
  const before = (lastFingerprint ??= await dataFingerprint());
  let result: ImportResult;
  try {
    result = await runImport({ ctx: systemContext("fuzz-import", municipalityId), municipalityId, feed: spec.feed, mode: spec.mode, format: spec.format, encoding: spec.encoding, source: "cli", input: Readable.from([spec.bytes]), fileName: "fuzz" });
  } catch (e) {
    throw new Error(`runImport threw for ${spec.feed}/${spec.mode}/${spec.format}/${spec.encoding} (${spec.bytes.length} bytes): ${e instanceof Error ? `${e.name}: ${e.message} ${JSON.stringify((e as { details?: unknown }).details ?? null)}` : String(e)}`);
  }
  if (result.status === "succeeded") {
    if (result.errorCount !== 0 || result.errors.length) throw new Error(`succeeded with errors: ${JSON.stringify(result.errors)}`);
    lastFingerprint = await dataFingerprint();
    return result;
  }
  if (result.status !== "failed") throw new Error(`unexpected status ${result.status}`);
  if (!result.errors.length || result.errorCount < result.errors.length) throw new Error(`refused without errors: ${JSON.stringify(result)}`);
  for (const e of result.errors) {
    if (e.line !== null && (!Number.isInteger(e.line) || e.line < 1 || e.line > spec.lines + 1)) throw new Error(`error line ${e.line} outside the file's ${spec.lines} lines: ${JSON.stringify(e)}`);
    if (typeof e.message !== "string" || !JAPANESE.test(e.message) || ZOD_ENGLISH.test(e.message)) throw new Error(`error without a Japanese message: ${JSON.stringify(e)}`);
  }
  const after = await dataFingerprint();
  if (after !== before) throw new Error(`a refused import changed data: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return result;
}

const physicalLines = (text: string) => text.split(/\r\n|\r|\n/).length;

// ───────────── arbitraries ─────────────

const feedArb = fc.constantFrom(...IMPORT_FEEDS);
const modeOf = (feed: ImportFeedName) => fc.constantFrom(...FEED_MODES[feed]);
const encodingArb = fc.constantFrom("utf-8" as const, "shift_jis" as const);

/** Cell values: plausible (dates, flags, numbers, known resident numbers, kana) and garbage. */
const cell = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("", "add", "update", "remove", "追加", "削除", "A", "D", "1", "0", "男", "女", "世帯主", "妻", "子", "active", "deceased", "abolished", "2020-04-01", "1980-02-29", "2026-13-01", "令和8年11月27日", "2025", "-1", "12345678901234567890", "ヤマダ", "山田", "JPKI", "{}", "[]", '{"a":1}', "=cmd|' /C calc'!A0", "123456789012", "\u0000") },
  { weight: 2, arbitrary: fc.constant(null).map(() => "") },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
);

const csvQuote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function encode(text: string, encoding: "utf-8" | "shift_jis", bom: boolean): Buffer {
  const body = encoding === "shift_jis" ? iconv.encode(text, "cp932") : Buffer.from(text, "utf8");
  return bom && encoding === "utf-8" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** A CSV file near a feed's layout: a header of its columns (labels or keys, some missing, maybe an unknown one), rows of cells. */
const csvFile: fc.Arbitrary<FileSpec> = feedArb.chain((feed) => {
  const def = FEEDS[feed];
  const names = [...(def.noOpColumn ? [] : [OP_COLUMN]), ...def.columns].flatMap((c) => [c.key, c.label]);
  return fc.record({
    feed: fc.constant(feed),
    mode: modeOf(feed),
    encoding: encodingArb,
    header: fc.oneof(fc.shuffledSubarray(names, { minLength: 1 }), fc.array(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), { maxLength: 8 })),
    rows: fc.array(fc.array(fc.oneof({ weight: 6, arbitrary: cell }, fc.constantFrom(...residentNos)), { maxLength: 30 }), { maxLength: 8 }),
    // Rows sized to the header, or as generated (wrong column counts).
    fit: fc.boolean(),
    eol: fc.constantFrom("\r\n", "\n", "\r"),
    bom: fc.boolean(),
    brokenQuote: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, fc.constant(true)),
  }).map((r) => {
    const rows = r.fit ? r.rows.map((row) => r.header.map((_, i) => row[i] ?? "")) : r.rows;
    let text = [r.header.map(csvQuote).join(","), ...rows.map((row) => row.map(csvQuote).join(","))].join(r.eol) + r.eol;
    if (r.brokenQuote) text += `"unclosed,${r.eol}x`;
    return { feed, mode: r.mode, format: "csv" as const, encoding: r.encoding, bytes: encode(text, r.encoding, r.bom), lines: physicalLines(text) };
  });
});

/** Valid resident rows with some cells changed: many are accepted, the rest refused on their line. */
const residentFile: fc.Arbitrary<FileSpec> = fc
  .record({
    count: fc.integer({ min: 1, max: 4 }),
    changes: fc.array(fc.record({ row: fc.nat(), col: fc.constantFrom("op", ...RESIDENT_KEYS), value: cell }), { maxLength: 3 }),
    encoding: encodingArb,
    useExisting: fc.boolean(),
  })
  .map((r) => {
    // A delta file: 異動区分 "add" (an update for an existing resident number) on every row, unless changed.
    const rows = Array.from({ length: r.count }, (_, i) => ({ op: "add", ...residentRow(r.useExisting && residentNos[i] ? { residentNo: residentNos[i] } : {}) }));
    for (const c of r.changes) (rows[c.row % rows.length] as Record<string, string>)[c.col] = c.value;
    const text = toCsv(["op", ...RESIDENT_KEYS], rows);
    return { feed: "residents" as const, mode: "delta" as const, format: "csv" as const, encoding: r.encoding, bytes: encode(text, r.encoding, false), lines: physicalLines(text) };
  });

/** Random bytes under any feed and format. */
const randomBytesFile: fc.Arbitrary<FileSpec> = feedArb.chain((feed) =>
  fc.record({ mode: modeOf(feed), format: fc.constantFrom("csv" as const, "jsonl" as const), encoding: encodingArb, bytes: fc.uint8Array({ maxLength: 4096 }) }).map((r) => {
    const bytes = Buffer.from(r.bytes);
    return { feed, mode: r.mode, format: r.format, encoding: r.format === "jsonl" ? "utf-8" : r.encoding, bytes, lines: bytes.toString("latin1").split(/\r\n|\r|\n/).length };
  }),
);

/** A record longer than the limit after some short lines, unquoted or inside an unclosed quote, or one JSON line. */
const overlongFile: fc.Arbitrary<FileSpec> = feedArb.chain((feed) =>
  fc
    .record({
      mode: modeOf(feed),
      format: fc.constantFrom("csv" as const, "jsonl" as const),
      encoding: encodingArb,
      before: fc.integer({ min: 0, max: 3 }),
      extra: fc.integer({ min: 1, max: 64 * 1024 }),
      char: fc.constantFrom("a", "あ", ",", " ", "\""),
      newlineAfter: fc.boolean(),
    })
    .map((r) => {
      const def = FEEDS[feed];
      const header = def.columns.map((c) => c.key).join(",");
      const long = r.char.repeat(MAX_RECORD_CHARS + r.extra);
      const text =
        r.format === "csv"
          ? [header, ...Array.from({ length: r.before }, () => def.columns.map(() => "x").join(",")), long].join("\n") + (r.newlineAfter ? "\n" : "")
          : [...Array.from({ length: r.before }, () => "{}"), `{"${def.columns[0].key}":"${long.replace(/"/g, "'")}"}`].join("\n") + (r.newlineAfter ? "\n" : "");
      const encoding = r.format === "jsonl" ? "utf-8" : r.encoding;
      return { feed, mode: r.mode, format: r.format, encoding, bytes: encode(text, encoding, false), lines: r.before + 2 };
    }),
);

/** JSON Lines: objects with a feed's keys (values of any JSON type), arrays, scalars, broken JSON, blank lines. */
const jsonlFile: fc.Arbitrary<FileSpec> = feedArb.chain((feed) => {
  const def = FEEDS[feed];
  const keys = [...(def.noOpColumn ? [] : [OP_COLUMN]), ...def.columns].flatMap((c) => [c.key, c.label]);
  const line = fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...keys) }, fc.string({ maxLength: 6 })), fc.oneof(cell, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 12 }).map((o) => JSON.stringify(o)) },
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.constantFrom("", "   ", "{", "}", "[1,2]", "null", '{"a":', "\uFEFF{}", "{}"),
    fc.string({ unit: "grapheme", maxLength: 40 }),
  );
  return fc.record({ mode: modeOf(feed), bom: fc.boolean(), lines: fc.array(line, { maxLength: 10 }), eol: fc.constantFrom("\n", "\r\n") }).map((r) => {
    const text = r.lines.join(r.eol) + r.eol;
    return { feed, mode: r.mode, format: "jsonl" as const, encoding: "utf-8" as const, bytes: encode(text, "utf-8", r.bom), lines: physicalLines(text) };
  });
});

const accepted = { n: 0 };
const check = (spec: FileSpec) =>
  importAndCheck(spec).then((r) => {
    if (r.status === "succeeded") accepted.n++;
  });

describe("fuzz: import feeds through runImport", () => {
  it.each([
    ["csv", csvFile],
    ["residents-near-valid", residentFile],
    ["random-bytes", randomBytesFile],
    ["overlong-record", overlongFile],
    ["jsonl", jsonlFile],
  ] as const)(
    "%s: accepted cleanly, or refused with line-numbered errors and nothing written",
    async (name, arb) => {
      accepted.n = 0;
      await runTarget(`imports/${name}`, fc.asyncProperty(arb.map(described), check), { runs });
      console.log(`[fuzz] imports/${name}: ${accepted.n} accepted`);
    },
    fuzzTimeout(runs, 80),
  );
});
