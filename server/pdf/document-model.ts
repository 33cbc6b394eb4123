// The document model handed to the PDF worker: plain, serialisable data that says exactly what is printed.
// Built by server/certificates/* from the database (the same builders serve issuance and the staff preview).
// No "server-only": the worker thread loads this file outside Next.

export type MunicipalityBlock = {
  name: string;
  mayorTitle: string;
  mayorName: string;
  /**
   * 公印 image (PNG bytes), drawn over the mayor's name. Null only for a municipality that has none yet:
   * rendering then refuses a certificate, and a staff preview (`sample`) prints a marked placeholder.
   */
  sealImage: Uint8Array | null;
};

/** One labelled line of a person block, e.g. ["生年月日", "昭和55年4月1日"]. */
export type Field = [label: string, value: string];

export type PersonBlock = {
  /** Name as printed, e.g. "山川 一郎". Used by the post-render check. */
  name: string;
  fields: Field[];
};

export type ResidenceBody = {
  kind: "residence" | "residence-entry";
  address: string;
  householdHead: string | null;
  persons: PersonBlock[];
};

export type SealBody = {
  kind: "seal";
  sealImage: Uint8Array;
  person: PersonBlock;
};

/** A table row of amounts as printed (numbers already formatted, e.g. "4,500,000"). */
export type TaxIncomeRow = { label: string; revenue: string; amount: string };
export type TaxDeductionRow = { label: string; amount: string };
export type TaxLevy = { incomeLevy: string; perCapita: string; total: string };

/**
 * 所得証明書 (variant "income": income and deductions), 課税(非課税)証明書 ("assessment": 課税標準額 and the
 * taxes, or 「非課税」) and 所得・課税証明書 ("income-assessment": both) of one fiscal year.
 */
export type TaxBody = {
  kind: "tax";
  variant: "income" | "assessment" | "income-assessment";
  /** 令和8年度 */
  fiscalYearLabel: string;
  /** 令和7年中 (the calendar year whose income the fiscal year taxes). */
  incomeYearLabel: string;
  /** The taxpayer: name, 住所 and 生年月日. */
  person: PersonBlock;
  income: TaxIncomeRow[];
  /** 合計所得金額 */
  totalIncome: string;
  deductions: TaxDeductionRow[];
  /** 所得控除合計 */
  totalDeductions: string;
  /** 扶養人数, e.g. "2人" */
  dependents: string;
  /** 課税標準額 */
  taxableIncome: string;
  nonTaxable: boolean;
  /** 市町村民税 and 道府県民税 (所得割・均等割・計) and 年税額; null when 非課税. */
  taxes: { municipal: TaxLevy; prefectural: TaxLevy; annualTotal: string } | null;
};

/** One 戸籍事項 or 身分事項 block: its kind (出生, 婚姻, 戸籍編製 …) and labelled items printed as 【label】value. */
export type KosekiEventBlock = { kind: string; fields: Field[] };

/** 戸籍に記録されている者: full name (printed beside the block), 【名】【生年月日】… and 身分事項. */
export type KosekiMemberBlock = {
  name: string;
  /** Removed from the register (除籍 by marriage, death …): printed with the 「除籍」 mark. */
  removed: boolean;
  fields: Field[];
  events: KosekiEventBlock[];
};

export type KosekiRecordKind = "current" | "joseki" | "kaisei_genkoseki";

/** 戸籍全部事項証明 ("full": every member) or 個人事項証明 ("individual": only the chosen members). */
export type KosekiBody = {
  kind: "koseki";
  variant: "full" | "individual";
  recordKind: KosekiRecordKind;
  honseki: string;
  /** 筆頭者 as printed under 氏名. */
  headName: string;
  /** 戸籍事項 */
  recordEvents: KosekiEventBlock[];
  members: KosekiMemberBlock[];
};

/** 戸籍の附票の写し: the address history of each member. */
export type FuhyoBody = {
  kind: "fuhyo";
  honseki: string;
  headName: string;
  members: Array<{
    name: string;
    /** 【名】, 【生年月日】 … */
    fields: Field[];
    /** Oldest first; the last is the current address. addressSetOn in 和暦. */
    lines: Array<{ address: string; addressSetOn: string }>;
  }>;
};

/**
 * The issuance a document is drawn for, as the builders receive it: its id, 発行番号 and the 照合番号 with the
 * public verification address its QR code carries (docs/verify.md).
 */
export type PrintedIssuance = { id: string; no: string; verification: Verification };

/** 照合番号 (XXXX-XXXX-XXXX) and `<base>/verify?no=…&code=…`, printed with a QR code on every page. */
export type Verification = { code: string; url: string };

export type CertificateBody = ResidenceBody | SealBody | TaxBody | KosekiBody | FuhyoBody;

export type CertificateDocument = {
  title: string;
  issuanceId: string;
  issuanceNo: string;
  /**
   * 照合番号 and its verification URL, printed in the header of every page (text and QR code). Only on the
   * paper and in the (encrypted) PDF: the database keeps its hash. A staff preview prints a sample.
   */
  verification: Verification;
  /** SHA-256 (hex) over the canonical subject; written into the PDF metadata and read back after rendering. */
  subjectDigest: string;
  /** 和暦 date printed with the 認証文. */
  issuedOn: string;
  certificationText: string;
  municipality: MunicipalityBlock;
  body: CertificateBody;
  /** A staff preview with fictional data: every page carries a large 「見本」 watermark. Never set on issuance. */
  sample?: boolean;
  /**
   * The font families to draw with, set by the renderer (renderCertificate): the primary font, plus a fallback of
   * the chain only when the text has a character the primary cannot draw. react-pdf loads every family of the
   * list, and IPAmj明朝 alone is 46 MB in each render thread (docs/benchmarks.md, "HTTP").
   */
  fontFamily?: string[];
};

/** Every name that must appear in the rendered text (the post-render check looks for each). */
export function namesIn(doc: CertificateDocument): string[] {
  const b = doc.body;
  switch (b.kind) {
    case "seal":
    case "tax":
      return [b.person.name];
    case "koseki":
    case "fuhyo":
      // Every member printed, removed (除籍) ones included.
      return b.members.map((m) => m.name);
    default:
      return b.persons.map((p) => p.name);
  }
}

/** PDF Keywords: machine-readable binding of the bytes to the request. ASCII only. */
export function bindingKeywords(doc: Pick<CertificateDocument, "issuanceId" | "issuanceNo" | "subjectDigest">): string {
  return `issuance-id:${doc.issuanceId} issuance-no:${doc.issuanceNo} subject:${doc.subjectDigest}`;
}
