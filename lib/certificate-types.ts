// Certificate types: the wire identifiers (API, URLs), the database enum values and Japanese names.
export const CERTIFICATE_TYPES = [
  "residence",
  "residence-entry",
  "seal",
  "tax-income",
  "tax-assessment",
  "tax-income-assessment",
  "koseki-full",
  "koseki-individual",
  "koseki-fuhyo",
] as const;

export type CertificateTypeId = (typeof CERTIFICATE_TYPES)[number];
/** The database enum spelling (underscores). */
export type CertificateTypeDb = "residence" | "residence_entry" | "seal" | "tax_income" | "tax_assessment" | "tax_income_assessment" | "koseki_full" | "koseki_individual" | "koseki_fuhyo";

export const toDbCertificateType = (id: CertificateTypeId): CertificateTypeDb => id.replace(/-/g, "_") as CertificateTypeDb;
export const fromDbCertificateType = (db: CertificateTypeDb): CertificateTypeId => db.replace(/_/g, "-") as CertificateTypeId;

export const CERTIFICATE_NAMES: Record<CertificateTypeId, string> = {
  residence: "住民票の写し",
  "residence-entry": "住民票記載事項証明書",
  seal: "印鑑登録証明書",
  "tax-income": "所得証明書",
  "tax-assessment": "課税(非課税)証明書",
  "tax-income-assessment": "所得・課税証明書",
  "koseki-full": "戸籍全部事項証明書",
  "koseki-individual": "戸籍個人事項証明書",
  "koseki-fuhyo": "戸籍の附票の写し",
};

export const KOSEKI_TYPES: readonly CertificateTypeId[] = ["koseki-full", "koseki-individual", "koseki-fuhyo"];
export const TAX_TYPES: readonly CertificateTypeId[] = ["tax-income", "tax-assessment", "tax-income-assessment"];

export const isKosekiType = (t: CertificateTypeId) => KOSEKI_TYPES.includes(t);
export const isTaxType = (t: CertificateTypeId) => TAX_TYPES.includes(t);
