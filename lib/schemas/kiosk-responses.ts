import { z } from "zod";
import { CERTIFICATE_TYPES } from "@/lib/certificate-types";
import { REFUSAL_MESSAGES, type RefusalCode } from "@/lib/refusal-reasons";
import { API_CLIENT_SCOPES } from "./api-client";

// Wire schemas of the kiosk API's answers (v1). The verbs build these shapes as TypeScript types
// (EligibilityResponse, IssuanceResponse, CompletionResponse); server/kiosk-protocol/openapi.ts checks at
// compile time that the verbs' types fit these schemas, and the HTTP integration test parses real answers
// with them, so the published OpenAPI document cannot drift from what the server sends.

// `id` names a schema in the OpenAPI components, so every use becomes a $ref.
export const ZCertificateTypeId = z.enum(CERTIFICATE_TYPES).meta({ id: "CertificateType", description: "Certificate type identifier" });

const REFUSAL_CODES = Object.keys(REFUSAL_MESSAGES) as [RefusalCode, ...RefusalCode[]];
export const ZRefusalCode = z.enum(REFUSAL_CODES).meta({ id: "RefusalCode", description: "Stable refusal reason code (docs/api.md lists each with its kiosk message)" });

const ZYen = z.number().int().min(0).describe("Amount in yen");

export const ZStopNotice = z
  .object({
    kind: z.enum(["planned_stop", "emergency_stop"]).describe("planned_stop: a stop announced in advance; emergency_stop: switched on by staff or automatically"),
    inForce: z.boolean().describe("True while the stop refuses the type now; false for a planned stop starting within the next 7 days"),
    text: z.string().describe("The notice to show the resident as お知らせ, as the municipality wrote it"),
    startsAt: z.string().datetime().describe("When the stop starts (started), ISO 8601 UTC"),
    endsAt: z.string().datetime().nullable().describe("When a planned stop ends (exclusive); null for an emergency stop, which lasts until staff end it"),
  })
  .strict()
  .meta({ id: "StopNotice", description: "A planned or emergency stop affecting this certificate type" });

const ZStopNotices = z
  .array(ZStopNotice)
  .optional()
  .describe("お知らせ: the planned and emergency stops affecting this type, in force now or (planned) starting within the next 7 days; absent when none. Shown on the type selection and refusal screens");

export const ZCertificateAvailable = z
  .object({
    type: ZCertificateTypeId,
    name: z.string().describe("Japanese name of the certificate, e.g. 住民票の写し"),
    available: z.literal(true),
    feePerCopy: ZYen.describe("Fee per copy in yen, in force now"),
    copyLimit: z.number().int().min(1).describe("Maximum copies per issuance"),
    myNumberAllowed: z.boolean().describe("Whether 個人番号 may be printed (住民票 only)"),
    fiscalYears: z
      .array(z.object({ fiscalYear: z.number().int(), label: z.string().describe("e.g. 令和8年度") }).strict())
      .optional()
      .describe("Tax types: the 年度 that can be issued now, latest first (use as options.fiscalYear)"),
    notices: ZStopNotices,
  })
  .strict();

export const ZCertificateRefused = z
  .object({
    type: ZCertificateTypeId,
    name: z.string(),
    available: z.literal(false),
    reason: ZRefusalCode,
    message: z.string().describe("Japanese message to show the resident at the kiosk"),
    notices: ZStopNotices,
  })
  .strict();

export const ZCertificateAvailability = z.discriminatedUnion("available", [ZCertificateAvailable, ZCertificateRefused]);

export const ZHouseholdMember = z
  .object({
    memberRef: z.string().uuid().describe("Opaque reference to use in options.members of an issuance"),
    name: z.string().describe("Name as printed"),
    relationship: z.string().describe("続柄 to the 世帯主, e.g. 世帯主, 妻, 子"),
    isRequester: z.boolean(),
  })
  .strict();

export const ZEligibilityResponse = z
  .object({
    transactionId: z.string().describe("Echo of the centre's transaction id"),
    municipality: z.object({ code: z.string(), name: z.string() }).strict(),
    certificates: z.array(ZCertificateAvailability).describe("One entry per certificate type served for the purpose"),
    householdMembers: z
      .array(ZHouseholdMember)
      .describe("The requester's active household members a 住民票 may show; empty unless a 住民票 type is available"),
    kosekiMembers: z
      .array(
        z
          .object({
            memberRef: z.string().uuid().describe("Use in options.members of a 戸籍個人事項 or 附票 issuance"),
            name: z.string(),
            relationship: z.string().describe("続柄, e.g. 長男"),
            removed: z.boolean().describe("Removed from the register (除籍)"),
            isRequester: z.boolean(),
          })
          .strict(),
      )
      .describe("The people of the requester's 戸籍 (本籍地 services); empty unless a 戸籍 type is available"),
  })
  .strict();
export type EligibilityResponseWire = z.infer<typeof ZEligibilityResponse>;

export const ZIssuanceResponse = z
  .object({
    issuanceId: z.string().uuid().describe("Id to report the completion under"),
    issuanceNo: z.string().describe("発行番号 printed on every page"),
    certificateType: ZCertificateTypeId,
    copies: z.number().int().min(1),
    feePerCopy: ZYen,
    feeTotal: ZYen,
    pageCount: z.number().int().min(1).describe("Pages of ONE copy"),
    pdfSha256: z.string().regex(/^[0-9a-f]{64}$/).describe("Lowercase hex SHA-256 of the decoded PDF bytes"),
    renderedAt: z.string().datetime().describe("ISO 8601 instant of the issuance (UTC)"),
    pdf: z.string().describe("The PDF, base64 (standard alphabet, padded)"),
  })
  .strict();
export type IssuanceResponseWire = z.infer<typeof ZIssuanceResponse>;

export const ZCompletionResponse = z
  .object({
    issuanceId: z.string().uuid(),
    issuanceNo: z.string(),
    status: z.enum(["printed", "cancelled", "failed"]),
    completedAt: z.string().datetime().describe("When the first completion was recorded"),
  })
  .strict();
export type CompletionResponseWire = z.infer<typeof ZCompletionResponse>;

/** RFC 9457 problem details with the API's extensions. Extensions appear only for the codes that use them. */
export const ZProblem = z
  .object({
    type: z.string().describe("urn:konbini-shomei:problem:<code>"),
    title: z.string().describe("The code again (short, stable)"),
    status: z.number().int().describe("The HTTP status"),
    code: z.string().describe("Stable machine-readable error or refusal code (see the error code table)"),
    detail: z.string().optional().describe("Human-readable explanation; for refusals the Japanese kiosk message"),
    instance: z.string().optional().describe("The request path"),
    // Refusals (403): the refusal reason code (equals `code`).
    reason: ZRefusalCode.optional(),
    message: z.string().optional().describe("Refusals (403): the Japanese message for the kiosk screen"),
    reasons: z.array(ZRefusalCode).optional().describe("Refusals from the eligibility rules: every reason that applies, the first being `reason`"),
    errors: z
      .array(z.object({ path: z.string().describe("Dotted path into the body, empty for the root"), message: z.string() }).strict())
      .optional()
      .describe("validation_failed (422): one entry per schema violation"),
    issuanceId: z.string().optional().describe("pdf_no_longer_available (410): the issuance concerned"),
    issuanceNo: z.string().optional().describe("pdf_no_longer_available (410): its 発行番号"),
    issuanceStatus: z.string().optional().describe("pdf_no_longer_available (410): the issuance's status (rendered, printed, cancelled or failed)"),
    currentStatus: z.enum(["printed", "cancelled", "failed"]).optional().describe("completion_conflict (409): the outcome already recorded"),
    receiptNo: z.string().optional().describe("koseki_registration_exists (409): receipt number of the existing application or registration"),
    registrationStatus: z.enum(["pending", "approved"]).optional().describe("koseki_registration_exists (409): its status"),
    notice: z.string().nullable().optional().describe("registration_intake_closed (503): the planned stop's notice"),
    requiredScope: z.enum(API_CLIENT_SCOPES).optional().describe("scope_not_granted (403): the scope the operation needs"),
    retryAfterSeconds: z.number().int().positive().optional().describe("server_busy, database_unavailable (503): seconds to wait before retrying (also the Retry-After header)"),
  })
  .catchall(z.unknown());
export type ProblemWire = z.infer<typeof ZProblem>;

export const ZKosekiRegistrationResponse = z
  .object({
    transactionId: z.string().describe("Echo of the centre's transaction id"),
    receiptNo: z.string().describe("Receipt number to print on the kiosk slip (XXXX-XXXX-XXXX)"),
    status: z.literal("pending").describe("Always pending: the 本籍地 municipality reviews the application"),
    municipality: z.object({ code: z.string(), name: z.string() }).strict(),
    dueOn: z.string().describe("Review deadline (YYYY-MM-DD, JST), business days of the 本籍地 municipality"),
    preRegistrationLinked: z.boolean().describe("True when a web pre-registration was completed"),
  })
  .strict();
export type KosekiRegistrationResponseWire = z.infer<typeof ZKosekiRegistrationResponse>;
