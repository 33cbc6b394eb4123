import { z } from "zod";

// Wire schemas of the kiosk API (v1). Shared by the route handlers, the OpenAPI document, the simulator
// and the CLI. The person is never chosen by an id here: the card certificate selects the requester, and
// `members` may only name people the eligibility answer listed for that requester's household.

export const ZTerminal = z
  .object({
    storeChain: z.string().min(1).max(40).describe("Store chain, e.g. seven-eleven"),
    storeCode: z.string().min(1).max(40),
    terminalId: z.string().min(1).max(40),
    municipalityCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional()
      .describe("全国地方公共団体コード of the municipality where the store is; decides out-of-town use in the statistics (when absent: the requester's residence)"),
  })
  .strict();

export const ZCardCertificateRef = z
  .object({
    issuer: z.string().min(1).max(64).describe("Issuer of the JPKI 利用者証明用電子証明書"),
    serial: z.string().min(1).max(128).describe("Serial number of the certificate, already validated by the centre"),
  })
  .strict();

export const ZPurpose = z.enum(["residence", "honseki"]).describe("residence: 住所地 services; honseki: 本籍地 services");

const ZRequestBase = {
  transactionId: z.string().min(1).max(64).describe("The issuance centre's transaction id"),
  terminal: ZTerminal,
  card: ZCardCertificateRef,
  municipalityCode: z.string().regex(/^\d{6}$/).describe("全国地方公共団体コード of the target municipality"),
  purpose: ZPurpose,
};

export const ZEligibilityRequest = z.object(ZRequestBase).strict();
export type EligibilityRequestBody = z.infer<typeof ZEligibilityRequest>;

export const ZMembers = z
  .union([z.literal("all"), z.array(z.string().uuid()).min(1).max(20)])
  .describe('"all" (世帯全員) or memberRef values from the eligibility answer');

export const RESIDENCE_ENTRY_ITEMS = [
  "name",
  "kana",
  "dateOfBirth",
  "sex",
  "address",
  "householdHead",
  "relationship",
  "becameResidentOn",
  "addressSetOn",
  "previousAddress",
  "honseki",
] as const;

export type EntryItem = (typeof RESIDENCE_ENTRY_ITEMS)[number];

/** 住民票記載事項証明書: the items a resident may ask to be certified, in the order of the API (the kiosk's
 * choices and the incident report's exposed items). */
export const ENTRY_ITEM_LABELS: Record<EntryItem, string> = {
  name: "氏名",
  kana: "氏名のフリガナ",
  dateOfBirth: "生年月日",
  sex: "性別",
  address: "住所",
  householdHead: "世帯主",
  relationship: "続柄",
  becameResidentOn: "住民となった日",
  addressSetOn: "住所を定めた日",
  previousAddress: "前住所",
  honseki: "本籍",
};

export const ZResidenceOptions = z
  .object({
    members: ZMembers.default("all"),
    includeHouseholdHeadAndRelationship: z.boolean().default(false).describe("世帯主・続柄"),
    includeHonseki: z.boolean().default(false).describe("本籍・筆頭者 (Japanese nationals)"),
    includeMyNumber: z.boolean().default(false).describe("個人番号, where the municipality allows it"),
    includeForeignResidentItems: z.boolean().default(false).describe("国籍・地域, 在留カード番号, 在留資格等"),
  })
  .strict();

export const ZResidenceEntryOptions = z
  .object({
    members: ZMembers.default("all"),
    items: z.array(z.enum(RESIDENCE_ENTRY_ITEMS)).min(1).max(RESIDENCE_ENTRY_ITEMS.length).describe("Items to certify"),
  })
  .strict();

export const ZSealOptions = z.object({}).strict();

export const ZTaxOptions = z
  .object({ fiscalYear: z.number().int().min(2000).max(2100).describe("年度 (the Gregorian year in which it starts); one of the offered fiscalYears") })
  .strict();

export const ZKosekiRegister = z
  .enum(["current", "joseki", "kaisei_genkoseki"])
  .default("current")
  .describe("current: 現在戸籍; joseki: 除籍; kaisei_genkoseki: 改製原戸籍 (where the municipality offers them)");

export const ZKosekiFullOptions = z.object({ register: ZKosekiRegister }).strict();

export const ZKosekiIndividualOptions = z
  .object({
    register: ZKosekiRegister,
    members: z.array(z.string().uuid()).min(1).max(20).optional().describe("memberRef values of kosekiMembers; default: the requester"),
  })
  .strict();

export const ZFuhyoOptions = z
  .object({ register: ZKosekiRegister, members: ZMembers.default("all").describe('"all" or memberRef values of kosekiMembers') })
  .strict();

const ZCopies = z.number().int().min(1).max(99).describe("Copies; the municipality's copy limit applies");

export const ZIssueRequest = z.discriminatedUnion("certificateType", [
  z.object({ ...ZRequestBase, certificateType: z.literal("residence"), copies: ZCopies, options: ZResidenceOptions.default({ members: "all", includeHouseholdHeadAndRelationship: false, includeHonseki: false, includeMyNumber: false, includeForeignResidentItems: false }) }).strict(),
  z.object({ ...ZRequestBase, certificateType: z.literal("residence-entry"), copies: ZCopies, options: ZResidenceEntryOptions }).strict(),
  z.object({ ...ZRequestBase, certificateType: z.literal("seal"), copies: ZCopies, options: ZSealOptions.default({}) }).strict(),
  z.object({ ...ZRequestBase, certificateType: z.literal("tax-income"), copies: ZCopies, options: ZTaxOptions }).strict(),
  z.object({ ...ZRequestBase, certificateType: z.literal("tax-assessment"), copies: ZCopies, options: ZTaxOptions }).strict(),
  z.object({ ...ZRequestBase, certificateType: z.literal("tax-income-assessment"), copies: ZCopies, options: ZTaxOptions }).strict(),
  z.object({ ...ZRequestBase, certificateType: z.literal("koseki-full"), copies: ZCopies, options: ZKosekiFullOptions.default({ register: "current" }) }).strict(),
  z.object({ ...ZRequestBase, certificateType: z.literal("koseki-individual"), copies: ZCopies, options: ZKosekiIndividualOptions.default({ register: "current" }) }).strict(),
  z.object({ ...ZRequestBase, certificateType: z.literal("koseki-fuhyo"), copies: ZCopies, options: ZFuhyoOptions.default({ register: "current", members: "all" }) }).strict(),
]);
export type IssueRequestBody = z.infer<typeof ZIssueRequest>;

export const ZCompletionRequest = z
  .object({
    outcome: z.enum(["printed", "cancelled", "failed"]).describe("printed: printed and paid; cancelled by the resident; failed at the kiosk or centre"),
    reason: z.string().max(500).optional().describe("For failed: the centre's error report (becomes an incident)"),
  })
  .strict();
export type CompletionRequestBody = z.infer<typeof ZCompletionRequest>;

/**
 * X-Clock-Override (demo and test servers only): a full ISO 8601 instant — date, time with seconds, and an
 * offset or Z — such as 2026-11-27T10:00:00+09:00. Not "2026", "tomorrow" or a number, which `new Date()`
 * would also take.
 */
export const ZClockOverride = z.string().datetime({ offset: true });

export const ZIdempotencyKey = z.string().min(8).max(128).regex(/^[\x21-\x7e]+$/, "printable ASCII");

/**
 * POST /api/kiosk/v1/koseki-registrations: the kiosk-side 本籍地 利用登録. The applicant is the cardholder
 * (name, date of birth and address come from the residence municipality's register through the card); the
 * body adds what only the resident knows: the 本籍 and the 筆頭者, or the receipt number of a web
 * pre-registration that already holds them.
 */
export const ZKosekiRegistrationRequest = z
  .object({
    transactionId: ZRequestBase.transactionId,
    terminal: ZTerminal,
    card: ZCardCertificateRef,
    municipalityCode: z.string().regex(/^\d{6}$/).describe("全国地方公共団体コード of the 本籍地 municipality"),
    preRegistrationReceiptNo: z
      .string()
      .regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
      .optional()
      .describe("Receipt number of a web pre-registration to complete (XXXX-XXXX-XXXX)"),
    honsekiAddress: z.string().min(1).max(80).optional().describe("本籍 below the municipality (町名・番地); required without a pre-registration"),
    kosekiHeadName: z.string().min(1).max(40).optional().describe("筆頭者 name; required without a pre-registration"),
    email: z.string().email().max(254).optional().describe("Address for the decision notice (optional)"),
    consent: z.literal(true).describe("The resident agreed to the terms at the kiosk"),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.preRegistrationReceiptNo) return;
    if (!v.honsekiAddress) ctx.addIssue({ code: "custom", path: ["honsekiAddress"], message: "required without preRegistrationReceiptNo" });
    if (!v.kosekiHeadName) ctx.addIssue({ code: "custom", path: ["kosekiHeadName"], message: "required without preRegistrationReceiptNo" });
  });
export type KosekiRegistrationRequestBody = z.infer<typeof ZKosekiRegistrationRequest>;
