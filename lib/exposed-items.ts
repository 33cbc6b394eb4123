import type { CertificateTypeId } from "./certificate-types";
import { ENTRY_ITEM_LABELS } from "./schemas/kiosk";

// Which items of personal data a certificate of a given type printed, derived from the type and the options
// the issuance recorded (the request's `options`, lib/schemas/kiosk.ts) — never from the data itself. The
// incident report names them, per affected issuance, in the form a municipality reports a leak to its
// prefecture ("which items were exposed"). The labels follow the certificate templates (server/certificates/,
// server/pdf/templates/). Client-safe.

export type ExposedItems = {
  /** The printed items, in the order the certificate prints them. */
  items: string[];
  /** Whose data: 世帯全員, the number of chosen people, or the requester. */
  persons: string;
  /** 個人番号 printed. */
  myNumber: boolean;
  /** 本籍 printed. */
  honseki: boolean;
};

const REGISTER_LABELS: Record<string, string> = { current: "", joseki: "（除籍）", kaisei_genkoseki: "（改製原戸籍）" };

const KOSEKI_ITEMS = ["本籍", "筆頭者氏名", "氏名", "生年月日", "配偶者区分", "父母の氏名", "続柄", "身分事項（出生・婚姻等）"];
const TAX_PERSON = ["氏名", "住所", "生年月日"];
const TAX_INCOME = ["所得の内訳", "総所得金額", "所得控除", "扶養人数"];
const TAX_ASSESSMENT = ["課税標準額", "市町村民税・道府県民税（所得割・均等割）", "年税額（または非課税）"];

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const whom = (members: unknown, fallback: string) => (members === "all" ? "世帯全員" : Array.isArray(members) ? `選択した${members.length}人` : fallback);
const register = (o: Record<string, unknown>) => REGISTER_LABELS[String(o.register ?? "current")] ?? "";

/** The items a certificate of `type` printed with `options` (the issuance's stored options; unknown keys are ignored). */
export function exposedItems(type: CertificateTypeId, options: unknown): ExposedItems {
  const o = record(options);
  switch (type) {
    case "residence": {
      const items = ["氏名", "フリガナ", "住所", "生年月日", "性別"];
      if (o.includeHouseholdHeadAndRelationship === true) items.push("世帯主", "続柄");
      items.push("住民となった日", "住所を定めた日", "届出日", "前住所");
      const honseki = o.includeHonseki === true;
      const myNumber = o.includeMyNumber === true;
      if (honseki) items.push("本籍", "筆頭者");
      if (myNumber) items.push("個人番号");
      if (o.includeForeignResidentItems === true) items.push("国籍・地域", "在留資格", "在留期間等の満了の日", "在留カード等の番号");
      return { items, persons: whom(o.members ?? "all", "世帯全員"), myNumber, honseki };
    }
    case "residence-entry": {
      const chosen = Array.isArray(o.items) ? o.items.map(String) : [];
      const items = chosen.map((k) => (ENTRY_ITEM_LABELS as Record<string, string>)[k]).filter((x): x is string => !!x);
      return { items, persons: whom(o.members ?? "all", "世帯全員"), myNumber: false, honseki: chosen.includes("honseki") };
    }
    case "seal":
      return { items: ["氏名", "生年月日", "住所", "印鑑登録番号", "印影"], persons: "本人", myNumber: false, honseki: false };
    case "tax-income":
      return { items: [...TAX_PERSON, "年度", ...TAX_INCOME], persons: "本人", myNumber: false, honseki: false };
    case "tax-assessment":
      return { items: [...TAX_PERSON, "年度", ...TAX_ASSESSMENT], persons: "本人", myNumber: false, honseki: false };
    case "tax-income-assessment":
      return { items: [...TAX_PERSON, "年度", ...TAX_INCOME, ...TAX_ASSESSMENT], persons: "本人", myNumber: false, honseki: false };
    case "koseki-full":
      return { items: KOSEKI_ITEMS.map((i, n) => (n === 0 ? `${i}${register(o)}` : i)), persons: "戸籍に記録されている全員", myNumber: false, honseki: true };
    case "koseki-individual":
      return { items: KOSEKI_ITEMS.map((i, n) => (n === 0 ? `${i}${register(o)}` : i)), persons: whom(o.members, "本人"), myNumber: false, honseki: true };
    case "koseki-fuhyo":
      return { items: [`本籍${register(o)}`, "筆頭者氏名", "氏名", "生年月日", "住所の履歴", "住所を定めた日"], persons: whom(o.members ?? "all", "全員"), myNumber: false, honseki: true };
  }
}
