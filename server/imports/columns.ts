import "server-only";
import { z } from "zod";
import { jstMidnight } from "@/lib/jst";
import { isValidMyNumber } from "@/lib/my-number";

// Field parsers for feed rows. Every value arrives as a trimmed string ("" when empty or absent); these turn
// it into the staged value or a Japanese message. Dates stay "YYYY-MM-DD" strings (PostgreSQL casts them).

const REQUIRED = "必須項目です。";

// Text PostgreSQL cannot store: text and jsonb refuse NUL, jsonb refuses a UTF-16 surrogate without its pair
// (the driver would turn one into U+FFFD in a text column: silently replaced). Neither comes out of decoding
// UTF-8 or CP932 as such, but a NUL byte can be in a file and JSON escapes (\u0000, \ud800) make both.

/** A value with a NUL: a line-numbered error, checked before any other rule of its column. */
export const NUL_MESSAGE = "使用できない文字（NUL）が含まれています。";
const LONE_SURROGATE_MESSAGE = "使用できない文字（対になっていないサロゲート）が含まれています。";
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNPRINTABLE = new RegExp(`[\\u0000-\\u001f\\u007f]|${LONE_SURROGATE.source}`, "g");

/** Why a value (a cell, or JSON contents with their keys) cannot be stored, or null when it can. */
export function unstorable(value: unknown): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? NUL_MESSAGE : LONE_SURROGATE.test(value) ? LONE_SURROGATE_MESSAGE : null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const m = unstorable(v);
      if (m) return m;
    }
    return null;
  }
  if (value && typeof value === "object" && !(value instanceof Uint8Array)) {
    for (const [k, v] of Object.entries(value)) {
      const m = unstorable(k) ?? unstorable(v);
      if (m) return m;
    }
  }
  return null;
}

/**
 * Input quoted in a message or kept on the job (a header name, a JSON key, the file name): control characters
 * and unpaired surrogates become visible escapes (\u0000), so the text can be stored and shown.
 */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const TYPE_NAMES: Record<string, string> = { string: "文字列", number: "数値", int: "整数", boolean: "true・false", array: "配列（[…]）", object: "オブジェクト（{…}）" };

/**
 * Japanese text for zod's own issues, which are English: a rule without a message of its own (inside JSON
 * columns: types, lengths, enums, unions). Passed as the parse's error map; a rule's own message wins.
 */
export const japaneseIssue: z.core.$ZodErrorMap = (issue) => {
  const n = (v: unknown) => (typeof v === "number" || typeof v === "bigint" ? v.toLocaleString("ja-JP") : String(v));
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? REQUIRED : `${TYPE_NAMES[issue.expected] ?? issue.expected}で書いてください。`;
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? REQUIRED : `${n(issue.minimum)}文字以上で書いてください。`;
      if (issue.origin === "array") return `${n(issue.minimum)}件以上書いてください。`;
      return `${n(issue.minimum)}${issue.inclusive ? "以上" : "より大きい値"}にしてください。`;
    case "too_big":
      if (issue.origin === "string") return `${n(issue.maximum)}文字以内で書いてください。`;
      if (issue.origin === "array") return `${n(issue.maximum)}件以内で書いてください。`;
      return `${n(issue.maximum)}${issue.inclusive ? "以下" : "より小さい値"}にしてください。`;
    case "invalid_value":
      return `${issue.values.map((v) => JSON.stringify(v)).join("・")} のいずれかを書いてください。`;
    default:
      return "値が正しくありません。";
  }
};

/** A required text of at most `max` characters (code points). */
export const text = (max: number) =>
  z
    .string()
    .min(1, { message: REQUIRED, abort: true })
    .refine((s) => Array.from(s).length <= max, `${max}文字以内で入力してください。`);

/** An optional text: "" becomes null. */
export const optText = (max: number) =>
  z
    .string()
    .refine((s) => Array.from(s).length <= max, `${max}文字以内で入力してください。`)
    .transform((s) => (s === "" ? null : s));

/** A code of ASCII letters, digits and - _ . / (back-office numbers). */
export const code = (max: number) =>
  z
    .string()
    .min(1, { message: REQUIRED, abort: true })
    .max(max, `${max}文字以内で入力してください。`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "半角英数字（および - _ . /）で入力してください。");

const DATE_RE = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})$/;

/** YYYY-MM-DD (also YYYY/MM/DD and YYYYMMDD) for a real calendar day, normalized to YYYY-MM-DD. */
export function parseDate(s: string): string | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1800 || y > 2200 || mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

const DATE_MESSAGE = "日付は YYYY-MM-DD 形式の実在する日付で入力してください。";

export const date = () =>
  z
    .string()
    .min(1, { message: REQUIRED, abort: true })
    .transform((s, ctx) => {
      const v = parseDate(s);
      if (!v) {
        ctx.addIssue({ code: "custom", message: DATE_MESSAGE });
        return z.NEVER;
      }
      return v;
    });

export const optDate = () =>
  z.string().transform((s, ctx) => {
    if (s === "") return null;
    const v = parseDate(s);
    if (!v) {
      ctx.addIssue({ code: "custom", message: DATE_MESSAGE });
      return z.NEVER;
    }
    return v;
  });

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = "日時は 2026-04-01T00:00:00+09:00 の形式（または日付のみ、日本時間0時）で入力してください。";

/** An instant: ISO 8601 with an offset, or a date alone meaning 00:00 JST of that day. Staged as ISO UTC. */
export function parseInstant(s: string): string | null {
  const day = parseDate(s);
  if (day) return jstMidnight(day).toISOString();
  if (!INSTANT_RE.test(s) || !parseDate(s.slice(0, 10))) return null;
  const t = new Date(s);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

export const instant = () =>
  z
    .string()
    .min(1, { message: REQUIRED, abort: true })
    .transform((s, ctx) => {
      const v = parseInstant(s);
      if (!v) {
        ctx.addIssue({ code: "custom", message: INSTANT_MESSAGE });
        return z.NEVER;
      }
      return v;
    });

export const optInstant = () =>
  z.string().transform((s, ctx) => {
    if (s === "") return null;
    const v = parseInstant(s);
    if (!v) {
      ctx.addIssue({ code: "custom", message: INSTANT_MESSAGE });
      return z.NEVER;
    }
    return v;
  });

const TRUE = new Set(["1", "true", "TRUE", "True", "はい", "有"]);
const FALSE = new Set(["0", "false", "FALSE", "False", "いいえ", "無", ""]);

/** 1/0 (also true/false, はい/いいえ, 有/無); empty means `fallback` (false unless given). */
export const bool = (fallback = false) =>
  z.string().transform((s, ctx) => {
    if (s === "") return fallback;
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
    ctx.addIssue({ code: "custom", message: "1（はい）または 0（いいえ）で入力してください。" });
    return z.NEVER;
  });

/** An integer between min and max (half-width digits, optional minus sign); `fallback` when empty, if given. */
export const int = (min: number, max: number, fallback?: number) =>
  z
    .string()
    .refine((s) => s !== "" || fallback !== undefined, { message: REQUIRED, abort: true })
    .transform((s, ctx) => {
      if (s === "") return fallback as number;
      if (!/^-?\d{1,12}$/.test(s)) {
        ctx.addIssue({ code: "custom", message: "半角数字の整数で入力してください。" });
        return z.NEVER;
      }
      const n = Number(s);
      if (n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${min.toLocaleString("ja-JP")}〜${max.toLocaleString("ja-JP")}の範囲で入力してください。` });
        return z.NEVER;
      }
      return n;
    });

/**
 * An optional value in `schema`'s format: "" becomes null; anything else gets `schema`'s value or its messages.
 * (Not z.union: under zod 4 a union that fails answers zod's own "Invalid input", not the branch's message.)
 */
export function orNone<T extends z.ZodType<unknown, string>>(schema: T) {
  return z.string().transform((s, ctx): z.output<T> | null => {
    if (s === "") return null;
    const parsed = schema.safeParse(s, { error: japaneseIssue });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    }
    return parsed.data;
  });
}

/** One of a fixed set of codes; `aliases` maps accepted spellings (English and Japanese) to the stored value. */
export function oneOf<T extends string>(aliases: Record<string, T>, allowed: string) {
  return z.string().transform((s, ctx) => {
    if (s === "") {
      ctx.addIssue({ code: "custom", message: REQUIRED });
      return z.NEVER;
    }
    const v = Object.hasOwn(aliases, s) ? aliases[s] : undefined;
    if (v === undefined) {
      ctx.addIssue({ code: "custom", message: `${allowed} のいずれかを入力してください。` });
      return z.NEVER;
    }
    return v;
  });
}

/** Like oneOf, but "" gives `fallback`. */
export function oneOfOr<T extends string>(aliases: Record<string, T>, allowed: string, fallback: T) {
  return z.string().transform((s, ctx) => {
    if (s === "") return fallback;
    const v = Object.hasOwn(aliases, s) ? aliases[s] : undefined;
    if (v === undefined) {
      ctx.addIssue({ code: "custom", message: `${allowed} のいずれかを入力してください。` });
      return z.NEVER;
    }
    return v;
  });
}

export const SEX = oneOf({ male: "male", female: "female", 男: "male", 女: "female", "1": "male", "2": "female" }, "男・女（または 1・2）");

/** 個人番号 (12 digits with a valid check digit); optional: "" becomes null. */
export const optMyNumber = () =>
  z.string().transform((s, ctx) => {
    if (s === "") return null;
    if (!/^\d{12}$/.test(s)) {
      ctx.addIssue({ code: "custom", message: "個人番号は12桁の半角数字で入力してください。" });
      return z.NEVER;
    }
    if (!isValidMyNumber(s)) {
      ctx.addIssue({ code: "custom", message: "個人番号の検査数字が正しくありません。" });
      return z.NEVER;
    }
    return s;
  });

/** A JSON text validated with `schema` (in JSON Lines the value may be the JSON itself). */
export function jsonOf<S extends z.ZodType>(schema: S, what: string) {
  return z.string().transform((s, ctx): z.infer<S> => {
    let value: unknown;
    try {
      value = JSON.parse(s === "" ? "null" : s);
    } catch {
      ctx.addIssue({ code: "custom", message: `${what}がJSONとして読めません。` });
      return z.NEVER;
    }
    const bad = unstorable(value);
    if (bad) {
      ctx.addIssue({ code: "custom", message: bad });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value, { error: japaneseIssue });
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first.path.length ? `（${first.path.join(".")}）` : "";
      ctx.addIssue({ code: "custom", message: `${what}の内容が正しくありません${where}: ${first.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/** An image in base64 (PNG or JPEG, at most `maxBytes`), checked by its magic bytes. */
export const base64Image = (maxBytes: number) =>
  z
    .string()
    .min(1, { message: REQUIRED, abort: true })
    .transform((s, ctx) => {
      const clean = s.replace(/\s+/g, "");
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(clean) || clean.length % 4 !== 0) {
        ctx.addIssue({ code: "custom", message: "画像はBase64で入力してください。" });
        return z.NEVER;
      }
      const bytes = Buffer.from(clean, "base64");
      if (bytes.length > maxBytes) {
        ctx.addIssue({ code: "custom", message: `画像は${Math.floor(maxBytes / 1024)}KB以下にしてください。` });
        return z.NEVER;
      }
      const mime = bytes.subarray(0, 8).equals(PNG) ? "image/png" : bytes.subarray(0, 3).equals(JPEG) ? "image/jpeg" : null;
      if (!mime) {
        ctx.addIssue({ code: "custom", message: "画像はPNGまたはJPEGにしてください。" });
        return z.NEVER;
      }
      return { bytes, mime };
    });
