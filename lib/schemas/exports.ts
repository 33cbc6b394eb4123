import { z } from "zod";
import { RECALL_ENCODINGS, ZDay } from "./issuance-void";
import { SYSTEM_CHAIN_KEY } from "./logs";

// Schemas of the auditors' exports (the audit log and the issuance log as CSV over a period, an incident
// report as PDF or CSV), shared by the download forms, the routes and the verbs. Client-safe.

export const EXPORT_ENCODINGS = RECALL_ENCODINGS;
export type ExportEncoding = (typeof EXPORT_ENCODINGS)[number];
export const EXPORT_ENCODING_OPTIONS: ReadonlyArray<{ value: ExportEncoding; label: string }> = [
  { value: "utf8", label: "UTF-8（BOM付き）" },
  { value: "sjis", label: "Shift_JIS" },
];

/** Longest period of one export (a year of a large city is ~100k issuances: the CSV is streamed page by page). */
export const EXPORT_MAX_DAYS = 366;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const period = {
  from: ZDay,
  to: ZDay,
  encoding: z.enum(EXPORT_ENCODINGS, { error: "文字コードを選んでください。" }).default("utf8"),
};

const periodChecks = <T extends z.ZodType<{ from: string; to: string }>>(schema: T) =>
  schema
    .refine((v) => v.from <= v.to, { path: ["to"], message: "終了日は開始日以降の日付を入力してください。" })
    .refine((v) => Date.parse(v.to) - Date.parse(v.from) < EXPORT_MAX_DAYS * 86_400_000, { path: ["to"], message: "期間は1年以内にしてください。" });

/** The audit log of a period (JST days, inclusive). `chain`: the operator's choice, as on the audit screen. */
export const ZAuditLogExport = periodChecks(
  z.object({
    ...period,
    chain: z.preprocess(blankToUndefined, z.union([z.literal(SYSTEM_CHAIN_KEY), z.string().trim().regex(/^\d{6}$/, "団体コードは6桁の数字で入力してください。")]).optional()),
  }),
);
export type AuditLogExportInput = z.input<typeof ZAuditLogExport>;

/** The issuance log of a period (作成日, JST days, inclusive). `municipality`: the operator's filter, as on the log screen. */
export const ZIssuanceLogExport = periodChecks(
  z.object({
    ...period,
    municipality: z.preprocess(blankToUndefined, z.string().trim().regex(/^\d{6}$/, "団体コードは6桁の数字で入力してください。").optional()),
  }),
);
export type IssuanceLogExportInput = z.input<typeof ZIssuanceLogExport>;

export const INCIDENT_REPORT_FORMATS = ["pdf", "csv-utf8", "csv-sjis"] as const;
export type IncidentReportFormat = (typeof INCIDENT_REPORT_FORMATS)[number];
export const ZIncidentReportExport = z.object({
  incidentId: z.uuid("インシデントが見つかりません。"),
  format: z.enum(INCIDENT_REPORT_FORMATS, { error: "形式を選んでください。" }),
});
export type IncidentReportExportInput = z.input<typeof ZIncidentReportExport>;
