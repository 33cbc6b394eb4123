// Helpers for import tests: build CSV / JSON Lines files in memory and run them through runImport.
import iconv from "iconv-lite";
import { Readable } from "node:stream";
import { systemContext, type RequestContext } from "@/server/context";
import { runImport, type RunImportArgs } from "@/server/imports/run-import";
import { fakeMyNumber } from "./index";

export type Row = Record<string, string>;

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV text with a header of the given columns (labels or keys), CRLF line ends as back-office systems write them. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  return [columns.join(","), ...rows.map((r) => columns.map((c) => quote(r[c] ?? "")).join(","))].join("\r\n") + "\r\n";
}

export function toJsonLines(rows: readonly Row[]): string {
  return rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
}

let n = 0;

/** A resident row (keys as JSON Lines keys) in household `householdNo`. */
export function residentRow(overrides: Row = {}): Row {
  const i = ++n;
  return {
    residentNo: `R${String(i).padStart(7, "0")}`,
    householdNo: `H${String(i).padStart(7, "0")}`,
    householdAddress: `テスト県テスト市本町${i}番地`,
    familyName: "山川",
    givenName: `一郎${i}`,
    familyNameKana: "ヤマカワ",
    givenNameKana: "イチロウ",
    dateOfBirth: "1980-04-01",
    sex: "男",
    isHouseholdHead: "1",
    relationship: "世帯主",
    becameResidentOn: "2008-05-10",
    addressSetOn: "2020-03-01",
    myNumber: fakeMyNumber(100_000 + i),
    ...overrides,
  };
}

export const RESIDENT_KEYS = [
  "residentNo", "householdNo", "householdAddress", "familyName", "givenName", "familyNameKana", "givenNameKana", "dateOfBirth", "sex",
  "isHouseholdHead", "relationship", "becameResidentOn", "addressSetOn", "myNumber", "status", "movedOutOn", "moveOutPlannedOn", "deceasedOn",
] as const;

type ImportArgs = Omit<Partial<RunImportArgs>, "input"> & {
  municipalityId: string;
  feed: string;
  text: string | Buffer;
  encoding?: "utf-8" | "shift_jis";
  ctx?: RequestContext;
};

/** Runs an import of an in-memory file (Shift_JIS files are encoded here with iconv-lite, as a back office would). */
export function importText(a: ImportArgs) {
  const { text, encoding = "utf-8", ctx, ...rest } = a;
  const bytes = typeof text === "string" ? (encoding === "shift_jis" ? iconv.encode(text, "cp932") : Buffer.from(text, "utf8")) : text;
  return runImport({
    ctx: ctx ?? systemContext("test-import", a.municipalityId),
    mode: "full",
    source: "cli",
    encoding,
    ...rest,
    input: Readable.from([bytes]),
  });
}
