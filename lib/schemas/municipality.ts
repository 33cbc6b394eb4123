import { z } from "zod";
import { ZMunicipalityCode } from "./identifiers";

// Municipality forms (operator screens), shared by the react-hook-form resolvers and the server verbs.

export const MUNICIPALITY_KINDS = ["ward", "city", "town", "village"] as const;
export type MunicipalityKindName = (typeof MUNICIPALITY_KINDS)[number];
export const MUNICIPALITY_KIND_LABELS: Record<MunicipalityKindName, string> = { ward: "区", city: "市", town: "町", village: "村" };

export const MUNICIPALITY_STATUSES = ["preparing", "active", "suspended"] as const;
export type MunicipalityStatusName = (typeof MUNICIPALITY_STATUSES)[number];
export const MUNICIPALITY_STATUS_LABELS: Record<MunicipalityStatusName, string> = { preparing: "準備中", active: "稼働中", suspended: "停止中" };

export const PREFECTURES = [
  "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県",
  "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
  "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
  "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
] as const;

/** 公印 image limit: a PNG of at most 1 MB (checked again on the server by signature and dimensions). */
export const SEAL_MAX_BYTES = 1024 * 1024;
export const SEAL_MIN_PIXELS = 32;
export const SEAL_MAX_PIXELS = 2000;

const requiredText = (label: string, max: number) =>
  z.string().trim().min(1, `${label}を入力してください。`).max(max, `${label}は${max}文字以内で入力してください。`);

// Full-width katakana, the prolonged sound mark and the middle dot (e.g. セタガヤク, オブセマチ).
const KATAKANA = /^[\u30A1-\u30F6\u30FB\u30FC]+$/;

/** The editable fields; the 団体コード is fixed once created (it keys the kiosk API and every record). */
export const ZMunicipalityFields = z.object({
  name: requiredText("自治体名", 40),
  nameKana: requiredText("自治体名（カナ）", 80).regex(KATAKANA, "自治体名（カナ）は全角カタカナで入力してください。"),
  prefecture: z.enum(PREFECTURES, { message: "都道府県を選択してください。" }),
  kind: z.enum(MUNICIPALITY_KINDS, { message: "区分を選択してください。" }),
  mayorTitle: requiredText("市区町村長の職名", 40),
  mayorName: requiredText("市区町村長の氏名", 40),
});

export const ZMunicipalityForm = ZMunicipalityFields.extend({ code: ZMunicipalityCode });
export type MunicipalityFormInput = z.infer<typeof ZMunicipalityForm>;

/**
 * The update verb: the municipality (by code) and its new fields. Not the mayor: a new mayor is recorded with the
 * day it takes effect (lib/schemas/mayor-and-seal.ts, docs/decisions/0015); the form's mayor fields are dropped.
 */
export const ZMunicipalityUpdate = ZMunicipalityForm.omit({ mayorTitle: true, mayorName: true });
export type MunicipalityFieldsInput = z.infer<typeof ZMunicipalityFields>;

export const ZMunicipalityStatusChange = z.object({
  code: ZMunicipalityCode,
  status: z.enum(MUNICIPALITY_STATUSES, { message: "状態を選択してください。" }),
});
export type MunicipalityStatusChangeInput = z.infer<typeof ZMunicipalityStatusChange>;
