import { z } from "zod";
import { RECEIPT_ALPHABET } from "./koseki-registration";
import { ISSUANCE_NO_FULL } from "./logs";

// Public verification of an issued certificate (docs/verify.md): the 発行番号 and the 照合番号 printed on every
// page. One schema for the /verify form and the server verb. Messages are Japanese.

/** 照合番号: 12 characters of Crockford base32 (60 random bits) in groups of four, e.g. 7QKM-2PA9-TRBX. */
export const VERIFICATION_CODE_ALPHABET = RECEIPT_ALPHABET;
export const VERIFICATION_CODE_LENGTH = 12;
export const VERIFICATION_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/**
 * What a reader may type for a 照合番号: any case, full-width, spaces and hyphens anywhere, and the letters
 * Crockford base32 reads as digits (O → 0, I and L → 1). The result is XXXX-XXXX-XXXX when 12 characters remain.
 */
export function normalizeVerificationCode(raw: string): string {
  const compact = raw
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐－ー―]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  return compact.length === VERIFICATION_CODE_LENGTH ? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}` : compact;
}

/** 発行番号 as typed: full-width digits and hyphens, spaces around. */
export function normalizeIssuanceNo(raw: string): string {
  return raw.normalize("NFKC").replace(/[\s]/g, "").replace(/[‐－ー―]/g, "-");
}

export const ZVerificationLookup = z.object({
  issuanceNo: z
    .string({ error: "発行番号を入力してください。" })
    .transform(normalizeIssuanceNo)
    .pipe(z.string().regex(ISSUANCE_NO_FULL, "発行番号は「123456-2026-00000001」の形（数字6桁-4桁-8桁）で入力してください。")),
  code: z
    .string({ error: "照合番号を入力してください。" })
    .transform(normalizeVerificationCode)
    .pipe(z.string().regex(VERIFICATION_CODE_PATTERN, "照合番号は「XXXX-XXXX-XXXX」の形（英数字12文字）で入力してください。")),
});
export type VerificationLookupInput = z.input<typeof ZVerificationLookup>;

/** The page's address a certificate page's QR code carries: `<base>/verify?no=<発行番号>&code=<照合番号>`. */
export function verificationUrl(base: string, issuanceNo: string, code: string): string {
  const url = new URL("verify", base.endsWith("/") ? base : `${base}/`);
  url.searchParams.set("no", issuanceNo);
  url.searchParams.set("code", code);
  return url.toString();
}

/**
 * The answer of a lookup that found a printed issuance, the only thing the page shows: no name, address or
 * other personal data. A wrong pair and an unknown number are both `verification_not_found`.
 */
export type VerificationResult = {
  status: "valid" | "void";
  issuanceNo: string;
  /** Japanese name of the certificate type. */
  certificateName: string;
  /** 都道府県 + 市区町村 */
  municipalityName: string;
  /** 和暦 date and JST time, e.g. 令和8年12月7日 14:05 */
  issuedAt: string;
  pageCount: number;
  pdfSha256: string;
};
