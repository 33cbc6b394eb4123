import { z } from "zod";

// Back-office data linkage (docs/import-formats.md): the feeds, load modes, file formats and encodings the
// import engine accepts, with their Japanese labels. Client-safe: the portal form, the API route, the CLI
// and the server engine share these lists.

export const IMPORT_FEEDS = ["residents", "changes", "seals", "tax", "koseki", "fuhyo", "card_certificates"] as const;
export type ImportFeedName = (typeof IMPORT_FEEDS)[number];

export const IMPORT_MODES = ["full", "delta"] as const;
export type ImportModeName = (typeof IMPORT_MODES)[number];

export const IMPORT_FORMATS = ["csv", "jsonl"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_ENCODINGS = ["utf-8", "shift_jis"] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export const IMPORT_SOURCES = ["portal", "cli", "api"] as const;

export const FEED_LABELS: Record<ImportFeedName, string> = {
  residents: "住民・世帯（住民基本台帳）",
  changes: "異動（転出・死亡・支援措置など）",
  seals: "印鑑登録",
  tax: "税（所得・課税）",
  koseki: "戸籍",
  fuhyo: "戸籍の附票",
  card_certificates: "電子証明書シリアル番号",
};

/** The modes each feed accepts: 異動 rows are events, so that feed is delta only. */
export const FEED_MODES: Record<ImportFeedName, readonly ImportModeName[]> = {
  residents: ["full", "delta"],
  changes: ["delta"],
  seals: ["full", "delta"],
  tax: ["full", "delta"],
  koseki: ["full", "delta"],
  fuhyo: ["full", "delta"],
  card_certificates: ["full", "delta"],
};

export const MODE_LABELS: Record<ImportModeName, string> = { full: "全件（ファイルにない行は削除扱い）", delta: "差分（追加・更新・削除の行のみ）" };
export const FORMAT_LABELS: Record<ImportFormat, string> = { csv: "CSV", jsonl: "JSON Lines" };
export const ENCODING_LABELS: Record<ImportEncoding, string> = { "utf-8": "UTF-8（BOMあり・なし）", shift_jis: "Shift_JIS（CP932）" };
export const SOURCE_LABELS: Record<(typeof IMPORT_SOURCES)[number], string> = { portal: "管理画面", cli: "コマンド", api: "API" };
export const IMPORT_STATUS_LABELS = { pending: "待機中", running: "取込中", succeeded: "成功", failed: "失敗", interrupted: "中断" } as const;
export type ImportStatusName = keyof typeof IMPORT_STATUS_LABELS;

/** Largest file accepted over HTTP (portal upload and API); the CLI reads files of any size. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** Only this many line-numbered errors are kept on a job; the total count is kept too. */
export const MAX_REPORTED_ERRORS = 100;

/** Wire names in URLs and on the command line use hyphens (`card-certificates`). */
export function normalizeFeedName(value: string): string {
  return value.trim().toLowerCase().replace(/-/g, "_");
}

const ENCODING_ALIASES: Record<string, ImportEncoding> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  shift_jis: "shift_jis",
  "shift-jis": "shift_jis",
  sjis: "shift_jis",
  cp932: "shift_jis",
  "windows-31j": "shift_jis",
  ms932: "shift_jis",
};

export function normalizeEncoding(value: string): string {
  return ENCODING_ALIASES[value.trim().toLowerCase()] ?? value;
}

/** Options of one import, as the portal form, the API query string and the CLI give them. */
export const ZImportOptions = z
  .object({
    feed: z.preprocess((v) => (typeof v === "string" ? normalizeFeedName(v) : v), z.enum(IMPORT_FEEDS, { message: "取込データの種類が正しくありません。" })),
    mode: z.enum(IMPORT_MODES, { message: "取込方法は full（全件）または delta（差分）を指定してください。" }),
    format: z.enum(IMPORT_FORMATS, { message: "ファイル形式は csv または jsonl を指定してください。" }).default("csv"),
    encoding: z
      .preprocess((v) => (typeof v === "string" ? normalizeEncoding(v) : v), z.enum(IMPORT_ENCODINGS, { message: "文字コードは utf-8 または shift_jis を指定してください。" }))
      .default("utf-8"),
  })
  .superRefine((o, ctx) => {
    if (!FEED_MODES[o.feed].includes(o.mode)) {
      ctx.addIssue({ code: "custom", path: ["mode"], message: `${FEED_LABELS[o.feed]}は差分取込（delta）のみ受け付けます。` });
    }
    if (o.format === "jsonl" && o.encoding !== "utf-8") {
      ctx.addIssue({ code: "custom", path: ["encoding"], message: "JSON Lines は UTF-8 のみ受け付けます。" });
    }
  });
export type ImportOptions = z.infer<typeof ZImportOptions>;

/** The portal's confirmation of a full load refused by the removal guard (re-run with confirmRemovals=1). */
/** The `confirmRemovals` query parameter of an upload (API or portal): `1`/`true` confirms, `0`/`false`/absent does not. */
export const ZConfirmRemovalsParam = z.object({
  confirmRemovals: z
    .enum(["", "0", "false", "1", "true"], { error: "confirmRemovals は 1（削除を承認する）または 0 を指定してください。" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
});

export const ZConfirmRemovals = z.object({
  confirm: z.boolean({ message: "削除を承認する場合は、確認のチェックを入れてください。" }).refine((v) => v === true, { message: "削除を承認する場合は、確認のチェックを入れてください。" }),
});

/** One line-numbered problem in a file (line null: the file as a whole). Messages are Japanese. */
export type ImportLineError = { line: number | null; column: string | null; message: string };

/**
 * The full-load removal guard's figures (docs/import-formats.md §2): the feed's current rows of the
 * municipality, the data rows of the file, how many current rows the load would remove, their share and the
 * municipality's limit (both in percent).
 */
export type RemovalCheck = { current: number; rowsInFile: number; removed: number; sharePercent: number; limitPercent: number };

/** Job-level codes (ImportJob.errorCode): a full load refused by the removal guard, an import whose process died. */
export const REMOVAL_SHARE_EXCEEDED = "removal_share_exceeded";
export const IMPORT_INTERRUPTED = "import_interrupted";

/** What a finished import reports: the job and its counts, plus the first errors. */
export type ImportJobSummary = {
  jobId: string;
  feed: ImportFeedName;
  mode: ImportModeName;
  status: ImportStatusName;
  /** A job-level refusal or end (removal_share_exceeded, import_interrupted); null otherwise. */
  errorCode: string | null;
  /** Set when the removal guard refused the load (errorCode removal_share_exceeded). */
  removalCheck: RemovalCheck | null;
  fileName: string | null;
  rowsTotal: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsRemoved: number;
  errorCount: number;
  errors: ImportLineError[];
  startedAt: string | null;
  finishedAt: string | null;
};

/** What each feed's full load does to a row absent from the file, and what the rows are, for the guard's message. */
export const REMOVAL_WORDS: Record<ImportFeedName, { rows: string; unit: string; removal: string }> = {
  residents: { rows: "住民", unit: "人", removal: "転出扱い" },
  changes: { rows: "異動", unit: "件", removal: "削除" },
  seals: { rows: "印鑑登録", unit: "件", removal: "削除" },
  tax: { rows: "税の記録（ファイルにある年度）", unit: "件", removal: "削除" },
  koseki: { rows: "戸籍", unit: "件", removal: "削除" },
  fuhyo: { rows: "附票の住所", unit: "件", removal: "削除" },
  card_certificates: { rows: "有効な電子証明書", unit: "件", removal: "失効扱い" },
};

const percent = (n: number) => `${n.toLocaleString("ja-JP", { maximumFractionDigits: 2 })}%`;

/** The Japanese refusal of the removal guard, with its counts (stored on the job, shown by the portal and the CLI). */
export function removalShareMessage(feed: ImportFeedName, c: RemovalCheck): string {
  const w = REMOVAL_WORDS[feed];
  const n = (v: number) => v.toLocaleString("ja-JP");
  return (
    `現在の${w.rows}${n(c.current)}${w.unit}のうち${n(c.removed)}${w.unit}（${percent(c.sharePercent)}）が${w.removal}になります` +
    `（ファイルの行数${n(c.rowsInFile)}）。上限の${percent(c.limitPercent)}を超えるため、何も取り込んでいません。` +
    `ファイルが正しいことを確認したうえで、削除を承認して再実行してください。`
  );
}

/** "12行目 生年月日: …" — how an error is shown to staff and printed by the CLI. */
export function formatImportError(e: ImportLineError): string {
  const where = e.line === null ? "ファイル全体" : `${e.line}行目`;
  return `${where}${e.column ? ` ${e.column}` : ""}: ${e.message}`;
}
