import { z } from "zod";
import { isCalendarDate } from "../jst";
import { SEAL_MAX_BYTES } from "./municipality";

// The mayor and 公印 history (docs/decisions/0015): each entry is in force from a JST day on; the forms of the
// history page and the verbs share these schemas. Size limits of the image: lib/schemas/municipality.ts.

/** The day the migration's backfill (and an entry recorded for a municipality without history) starts from. */
export const HISTORY_START_DAY = "1900-01-01";

const municipalityId = z.string().uuid("自治体の指定が正しくありません。").optional();
const effectiveFrom = z
  .string()
  .trim()
  .min(1, "適用開始日を入力してください。")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "適用開始日は「2026-12-01」の形式で入力してください。")
  .refine(isCalendarDate, "適用開始日が正しい日付ではありません。");
const text = (label: string) => z.string().trim().min(1, `${label}を入力してください。`).max(40, `${label}は40文字以内で入力してください。`);

/** A new mayor (職名・氏名 as printed), in force from `effectiveFrom` (today or later, JST). */
export const ZMayorTermForm = z.object({
  /** The operator names the municipality; municipal staff omit it (their own). */
  municipalityId,
  effectiveFrom,
  mayorTitle: text("市区町村長の職名"),
  mayorName: text("市区町村長の氏名"),
});
export type MayorTermFormInput = z.infer<typeof ZMayorTermForm>;

/** The 公印 upload's query string (the PNG is the request body). */
export const ZOfficialSealUpload = z.object({ municipalityId, effectiveFrom });
export type OfficialSealUploadInput = z.infer<typeof ZOfficialSealUpload>;

/** The upload form: the day and the chosen file (checked by the browser for presence and size, by the server for all). */
export const ZOfficialSealForm = z.object({
  effectiveFrom,
  file: z
    .custom<FileList>((v) => typeof FileList !== "undefined" && v instanceof FileList && v.length === 1, "画像ファイルを選択してください。")
    .refine((files) => files[0].size <= SEAL_MAX_BYTES, "公印の画像は1MB以下のPNGファイルにしてください。"),
});
