import "server-only";
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ERROR_CODES as CODE_TABLE, type ErrorCode } from "@/lib/error-codes";
import { REFUSAL_MESSAGES, type RefusalCode } from "@/lib/refusal-reasons";
import { ZClockOverride, ZCompletionRequest, ZEligibilityRequest, ZIdempotencyKey, ZIssueRequest, ZKosekiRegistrationRequest } from "@/lib/schemas/kiosk";
import {
  ZCompletionResponse,
  ZEligibilityResponse,
  ZIssuanceResponse,
  ZKosekiRegistrationResponse,
  ZProblem,
  type CompletionResponseWire,
  type EligibilityResponseWire,
  type IssuanceResponseWire,
  type KosekiRegistrationResponseWire,
} from "@/lib/schemas/kiosk-responses";
import type { EligibilityResponse } from "../eligibility/check-eligibility";
import type { CompletionResponse } from "../issuance/complete-issuance";
import type { IssuanceResponse } from "../issuance/issuance-response";
import type { KosekiRegistrationResponse } from "../koseki-registration/apply-at-kiosk";
import { IDEMPOTENCY_KEY_COMPONENT, REQUIRED_COMPONENTS, SIGNATURE_LABEL, SIGNATURE_LIMITS, SIGNATURE_WINDOW_SECONDS, signRequest } from "./http-signatures";

// The OpenAPI 3.1 document of the kiosk API, generated from the zod schemas the routes parse with
// (lib/schemas/kiosk.ts) and the answer schemas (lib/schemas/kiosk-responses.ts). The error catalogue below
// describes the codes of the kiosk API (their statuses come from the closed table, lib/error-codes.ts);
// docs/api.md and the /api-docs page are checked against it.

// zod 4 copies methods onto each instance when it is built, so schemas built before this call (those of
// lib/schemas) have no `.openapi()`: `openapiable` clones them (keeping their metadata). Registering a clone
// under a name never changes what the routes parse with.
extendZodWithOpenApi(z);

function openapiable<T extends z.ZodType>(schema: T): T {
  return (schema.clone() as T).openapi({ ...(z.globalRegistry.get(schema) ?? {}) });
}

// The verbs' answer types must fit the published schemas (compile-time; the HTTP test parses real answers).
// IssuanceResponse.certificateType is typed `string` by the verb; the wire schema narrows it to the ids.
type Fits<A, B> = [A] extends [B] ? true : false;
const _answersFit: [
  Fits<EligibilityResponse, EligibilityResponseWire>,
  Fits<Omit<IssuanceResponse, "certificateType">, Omit<IssuanceResponseWire, "certificateType">>,
  Fits<CompletionResponse, CompletionResponseWire>,
  Fits<KosekiRegistrationResponse, KosekiRegistrationResponseWire>,
] = [true, true, true, true];
void _answersFit;

export type KioskOperation = "eligibility" | "issuance" | "completion" | "registration";

export type ErrorCodeEntry = {
  code: ErrorCode;
  /** From the code (lib/error-codes.ts). */
  status: number;
  /** The kiosk operations that can answer with it; empty for codes the kiosk API never sends. */
  operations: KioskOperation[];
  meaning: string;
  meaningJa: string;
  /** Refusals only: the Japanese message the kiosk shows (lib/refusal-reasons.ts). */
  kioskMessage?: string;
};

const ALL: KioskOperation[] = ["eligibility", "issuance", "completion", "registration"];

const PROTOCOL_ERRORS: Omit<ErrorCodeEntry, "status">[] = [
  { code: "payload_too_large", operations: ALL, meaning: "The body is larger than 64 KiB.", meaningJa: "リクエスト本文が64KiBを超えています。" },
  { code: "unsupported_media_type", operations: ALL, meaning: "Content-Type is not application/json (parameters allowed; a charset must be utf-8). Checked before the signature, so the nonce is not spent.", meaningJa: "Content-Typeがapplication/jsonではありません（charsetはutf-8のみ）。署名の検証前に判定するため、nonceは消費されません。" },
  { code: "signature_parameter_too_long", operations: ALL, meaning: `A signature header or parameter exceeds its maximum: Signature-Input and Signature ${SIGNATURE_LIMITS.headerChars} characters each, keyid ${SIGNATURE_LIMITS.keyidChars}, nonce ${SIGNATURE_LIMITS.nonceChars}, alg ${SIGNATURE_LIMITS.algChars}, the signature value ${SIGNATURE_LIMITS.signatureChars}.`, meaningJa: "署名ヘッダーまたは署名パラメーターが上限の長さを超えています。" },
  { code: "signature_missing", operations: ALL, meaning: "Signature-Input or Signature is missing or malformed, has no `sig1` member, or lacks one of created, keyid, nonce, alg.", meaningJa: "署名ヘッダーがない、形式が誤っている、または必須の署名パラメーターが不足しています。" },
  { code: "content_digest_mismatch", operations: ALL, meaning: "Content-Digest is missing or has no sha-256 member equal to the digest of the body bytes received.", meaningJa: "Content-Digestがない、または本文のダイジェストと一致しません。" },
  { code: "unknown_client", operations: ALL, meaning: "No API client has this keyid.", meaningJa: "keyidに該当するAPIクライアントがありません。" },
  { code: "client_revoked", operations: ALL, meaning: "The API client has been revoked.", meaningJa: "APIクライアントが失効しています。" },
  { code: "signature_algorithm_unsupported", operations: ALL, meaning: 'alg is not "hmac-sha256".', meaningJa: "署名アルゴリズムがhmac-sha256ではありません。" },
  { code: "signature_components_missing", operations: ALL, meaning: 'The covered components do not include all of "@method", "@target-uri" and "content-digest", or the request carries an Idempotency-Key that is not covered ("idempotency-key").', meaningJa: "署名対象に@method、@target-uri、content-digestのいずれかが含まれていない、または送ったIdempotency-Keyが署名対象（idempotency-key）に含まれていません。" },
  { code: "signature_expired", operations: ALL, meaning: `created is more than ${SIGNATURE_WINDOW_SECONDS} seconds before or after the server's clock.`, meaningJa: `署名の作成時刻（created）がサーバー時刻の前後${SIGNATURE_WINDOW_SECONDS / 60}分を超えています。` },
  { code: "signature_invalid", operations: ALL, meaning: "The HMAC does not match: wrong secret, method, target URI, Content-Digest or parameters.", meaningJa: "署名値が一致しません（シークレット、メソッド、URL、ダイジェストまたはパラメーターの誤り）。" },
  { code: "signature_replayed", operations: ALL, meaning: "This client already used this nonce (even if that request failed).", meaningJa: "このnonceは使用済みです（失敗したリクエストで使ったものを含む）。" },
  { code: "scope_not_granted", operations: ALL, meaning: "The API client is authenticated but not granted this operation's scope (kiosk_issuance for eligibility, issuances and completion; koseki_intake for koseki registrations); `requiredScope` names it.", meaningJa: "APIクライアントにこの操作の権限（スコープ）が付与されていません（requiredScopeに必要な権限）。" },
  { code: "malformed_json", operations: ALL, meaning: "The body is not valid UTF-8 JSON.", meaningJa: "本文がUTF-8のJSONとして読み取れません。" },
  { code: "validation_failed", operations: ALL, meaning: "The body does not match the request schema; `errors` lists each violation.", meaningJa: "本文がスキーマに合致しません（errorsに違反箇所を列挙）。" },
  { code: "bad_request", operations: ["eligibility", "issuance", "completion", "registration"], meaning: "X-Clock-Override is not a full ISO 8601 instant with date, time and offset or Z (only when the override is enabled).", meaningJa: "X-Clock-OverrideがISO 8601の日時ではありません（時刻上書きが有効な場合のみ）。" },
  { code: "idempotency_key_required", operations: ["issuance"], meaning: "The Idempotency-Key header is missing or not 8–128 printable ASCII characters.", meaningJa: "Idempotency-Keyヘッダーがない、または8〜128文字の印字可能ASCIIではありません。" },
  { code: "municipality_unknown", operations: ["eligibility", "issuance", "registration"], meaning: "No municipality with this code is served here.", meaningJa: "この団体コードの市区町村は本サーバーで取り扱っていません。" },
  { code: "client_not_allowed", operations: ["eligibility", "issuance", "registration"], meaning: "The API client is confined to another municipality.", meaningJa: "このAPIクライアントは指定の市区町村を取り扱えません。" },
  { code: "idempotency_key_in_progress", operations: ["issuance"], meaning: "A request with this Idempotency-Key is being processed; retry later (re-signed).", meaningJa: "同じIdempotency-Keyのリクエストを処理中です。時間をおいて再署名して再送してください。" },
  { code: "idempotency_key_conflict", operations: ["issuance"], meaning: "This Idempotency-Key was used with another request body.", meaningJa: "このIdempotency-Keyは別の内容のリクエストで使用済みです。" },
  { code: "my_number_missing", operations: ["issuance"], meaning: "個人番号 was requested but is not on record for a person shown.", meaningJa: "個人番号の記載が求められましたが、記録がありません。" },
  { code: "pdf_no_longer_available", operations: ["issuance"], meaning: "A replay of an issuance whose PDF was deleted at completion or expiry.", meaningJa: "再送されたリクエストの証明書PDFは、完了報告または保存期限切れにより削除済みです。" },
  { code: "issuance_timeout", operations: ["issuance"], meaning: "The issuance did not finish before the deadline; nothing was issued and the same key may be retried.", meaningJa: "発行処理が制限時間内に終わりませんでした。何も発行されておらず、同じキーで再試行できます。" },
  { code: "server_busy", operations: ["issuance"], meaning: "Too many issuances are in progress on this server (ISSUANCE_CONCURRENCY running, ISSUANCE_QUEUE_MAX waiting), or an import held the municipality's data past the 5 s lock timeout; nothing was issued; retry after Retry-After seconds with the same key.", meaningJa: "発行処理が混み合っています。何も開始しておらず、Retry-After秒後に同じキーで再試行できます。" },
  { code: "certificate_data_invalid", operations: ["issuance"], meaning: "The back-office data of this certificate is inconsistent (a row of another register or person, tax amounts that do not add up); nothing was issued.", meaningJa: "証明書のもととなるデータに不整合があるため発行しませんでした。" },
  { code: "pdf_self_check_failed", operations: ["issuance"], meaning: "The rendered PDF failed the post-render check; nothing was issued (an incident is opened).", meaningJa: "描画後のPDF検査で不一致を検出したため発行を中止しました（インシデントを記録）。" },
  { code: "issuance_not_found", operations: ["completion"], meaning: "No issuance with this id for this API client (or the id is not a UUID).", meaningJa: "このAPIクライアントの発行に該当するIDがありません。" },
  { code: "completion_conflict", operations: ["completion"], meaning: "The issuance was already completed with another outcome.", meaningJa: "この発行は別の結果で完了報告済みです。" },
  { code: "registration_intake_closed", operations: ["registration"], meaning: "The 本籍地 municipality does not accept koseki registrations now (a planned stop of scope all or registration_intake); `notice` carries the stop's notice.", meaningJa: "本籍地の市区町村が利用登録の受付を停止しています（noticeに停止のお知らせ）。" },
  { code: "registration_not_needed", operations: ["registration"], meaning: "The cardholder lives in the 本籍地 municipality: 本籍地 services need no registration there.", meaningJa: "本籍地の市区町村に住民登録があるため、利用登録は不要です。" },
  { code: "koseki_registration_exists", operations: ["registration"], meaning: "This card certificate already has a pending application or an approved registration at this municipality; `receiptNo` and `registrationStatus` tell which.", meaningJa: "この電子証明書には、審査中の申請または登録済みの利用登録があります。" },
  { code: "pre_registration_not_found", operations: ["registration"], meaning: "No open web pre-registration with this receipt number belongs to this cardholder at this municipality (unknown, already completed, or name or date of birth differ).", meaningJa: "この受付番号の、この方の事前登録（未完了）が見つかりません。" },
  { code: "database_unavailable", operations: ALL, meaning: "The database is temporarily unreachable (stopped, restarting, or closing connections); retry after Retry-After seconds (`retryAfterSeconds`), re-signed; an issuance with the same Idempotency-Key (safe whether or not the failed attempt reached its commit).", meaningJa: "データベースに一時的に接続できません。Retry-After秒後に再署名して（発行は同じキーで）再試行できます。" },
  { code: "internal_error", operations: ALL, meaning: "An unexpected error; no internals are shown.", meaningJa: "予期しないエラーが発生しました。" },
  // Generic codes of server/errors.ts that the kiosk API does not send (staff screens use them).
  { code: "unauthenticated", operations: [], meaning: "Not signed in (staff screens).", meaningJa: "ログインしていません（職員画面）。" },
  { code: "forbidden", operations: [], meaning: "The actor may not do this (staff screens; verbs called by the wrong kind of actor).", meaningJa: "この操作を行う権限がありません（職員画面）。" },
  { code: "not_found", operations: [], meaning: "The resource does not exist (staff screens).", meaningJa: "対象が見つかりません（職員画面）。" },
  { code: "conflict", operations: [], meaning: "Conflicting concurrent change (staff screens).", meaningJa: "ほかの操作と競合しました（職員画面）。" },
  { code: "rate_limited", operations: [], meaning: "Too many attempts (staff sign-in).", meaningJa: "試行回数が多すぎます（職員ログイン）。" },
  // Any route, any method (not sent by the operations themselves): the edge's answers to other methods.
  { code: "method_not_allowed", operations: [], meaning: "The route does not serve this method (e.g. GET on a signed POST operation); the Allow header lists the methods it serves.", meaningJa: "このURLではこのメソッドは使えません（Allowヘッダーに使えるメソッド）。" },
  { code: "method_not_implemented", operations: [], meaning: "No route of this server serves this method (TRACE, TRACK, WebDAV methods, …).", meaningJa: "このサーバーはこのメソッドに対応していません。" },
  { code: "service_unavailable", operations: [], meaning: "The service is temporarily unavailable.", meaningJa: "サービスを一時的に利用できません。" },
];

/** What each refusal means, in English (for the OpenAPI document) and Japanese (for the /api-docs page). */
const REFUSAL_MEANINGS: Record<RefusalCode, [string, string]> = {
  card_unknown: ["The card certificate (issuer, serial) is not known to this server.", "電子証明書が登録されていません。"],
  card_revoked: ["The card certificate is revoked.", "電子証明書が失効しています。"],
  card_suspended: ["The card certificate is suspended.", "電子証明書が一時停止中です。"],
  card_expired: ["The card certificate has expired.", "電子証明書の有効期限が切れています。"],
  card_not_yet_valid: ["The card certificate is not valid yet.", "電子証明書の有効期間の開始前です。"],
  card_issued_today: ["The card was issued today; usable from the next day.", "カードの交付当日です（翌日から利用可）。"],
  pin_changed_today: ["The PIN was changed today; usable from the next day.", "暗証番号の変更当日です（翌日から利用可）。"],
  resident_under_15: ["The requester is under 15.", "申請者が15歳未満です。"],
  resident_support_measure: ["The requester is under a support measure (支援措置); no detail is shown.", "申請者に支援措置があります（詳細は表示しない）。"],
  household_support_measure: ["Someone else the certificate would show is protected by a support measure: a household member (住民票 types, whatever their status) or a member of the 戸籍 (附票).", "証明書に記載される他の方（世帯員、または附票では同じ戸籍の方）に支援措置があります。"],
  resident_issuance_stopped: ["Staff stopped kiosk issuance for the requester at the counter (交付停止); no detail is shown.", "窓口で交付停止が設定されています（詳細は表示しない）。"],
  resident_moved_out: ["The requester has moved out (除票).", "申請者が転出済みです（除票）。"],
  resident_move_out_planned: ["The requester has filed a move-out (転出予定).", "申請者が転出予定です。"],
  household_move_out_planned: ["Someone in the requester's household has filed a move-out (住民票 types).", "世帯員に転出予定者がいます（住民票系）。"],
  resident_deceased: ["The requester is deceased.", "申請者が死亡しています。"],
  resident_adult_ward: ["The requester is an adult ward and the municipality excludes adult wards.", "申請者が成年被後見人で、市区町村が対象外としています。"],
  resident_moved_in_today: ["The requester moved in or changed address today; usable from the next day.", "転入・転居の届出当日です（翌日から利用可）。"],
  resident_not_found: ["No resident of the target municipality holds this card (e.g. the card belongs to another municipality).", "指定の市区町村に、このカードの住民登録がありません。"],
  gaiji_pending: ["A character of the name or address is still being registered (外字).", "氏名・住所の外字が登録手続中です。"],
  name_too_long: ["The name is longer than the municipality's kiosk limit.", "氏名が市区町村の設定文字数を超えています。"],
  address_too_long: ["The address is longer than the municipality's kiosk limit.", "住所が市区町村の設定文字数を超えています。"],
  seal_not_registered: ["No active seal registration (印鑑登録).", "有効な印鑑登録がありません。"],
  tax_year_not_offered: ["The requested 年度 is not offered (year switch date, number of years).", "指定の年度は提供していません。"],
  tax_record_missing: ["No tax record for the 年度.", "その年度の課税情報がありません。"],
  tax_not_resident_on_jan1: ["Not resident here on 1 January of the 年度 (賦課期日).", "その年度の1月1日に住民登録がありません。"],
  koseki_registration_missing: ["No 本籍地 利用登録 for this card certificate.", "本籍地への利用登録がありません。"],
  koseki_registration_pending: ["The 利用登録 is still under review.", "利用登録の審査中です。"],
  koseki_registration_rejected: ["The 利用登録 was rejected.", "利用登録が承認されていません。"],
  koseki_registration_renewal_needed: ["The 利用登録 is bound to an earlier card certificate; register again.", "電子証明書の更新により再登録が必要です。"],
  koseki_record_not_found: ["No 戸籍 of this person at the 本籍地.", "本籍地に戸籍が見つかりません。"],
  koseki_pending_filing: ["A filing (届出) is not yet reflected in the 戸籍.", "未処理の届出があります。"],
  koseki_closed_record_not_offered: ["除籍 / 改製原戸籍 are not offered by this municipality.", "除籍・改製原戸籍は提供していません。"],
  koseki_member_not_in_record: ["A chosen person is not in the requester's 戸籍.", "同一戸籍の方ではありません。"],
  fuhyo_entries_missing: ["No 附票 lines for the chosen people.", "附票の記載がありません。"],
  member_not_in_household: ["options.members names someone outside the requester's household.", "指定された世帯員が申請者の世帯にいません。"],
  my_number_not_allowed: ["個人番号 was asked for but the municipality does not print it at kiosks.", "個人番号の記載を求めましたが、市区町村が許可していません。"],
  copies_out_of_range: ["copies exceeds the copy limit.", "部数が上限を超えています。"],
  character_not_printable: ["A character of the certificate cannot be printed with the kiosk fonts.", "証明書に印刷できない文字が含まれています。"],
  certificate_not_offered: ["The municipality does not offer this certificate at kiosks.", "市区町村がこの証明書をコンビニ交付で提供していません。"],
  municipality_not_active: ["The municipality's service is not active.", "市区町村のサービスが稼働していません。"],
  purpose_not_supported: ["The purpose is not served for this certificate (本籍地 services are not served yet).", "この利用目的では取り扱っていません（本籍地サービスは未対応）。"],
  service_out_of_hours: ["Outside the service hours.", "サービス提供時間外です。"],
  service_year_end_closure: ["Year-end closure (29 December – 3 January).", "年末年始（12月29日〜1月3日）の停止期間です。"],
  service_planned_stop: ["A planned stop is in force.", "計画停止中です。"],
  service_emergency_stop: ["An emergency stop is in force.", "緊急停止中です。"],
  fee_not_configured: ["No fee is in force for this certificate.", "手数料が設定されていません。"],
  service_local_closure: ["A closure day of the municipality's own (e.g. a system changeover); its reason label is the notice, as for a planned stop.", "市区町村独自の休止日です（理由は notice）。"],
};

/** Refusals the koseki registration intake answers with (403, with `reason` and `message`). */
const REGISTRATION_REFUSALS = new Set<RefusalCode>(["card_unknown", "card_revoked", "card_suspended", "card_expired", "card_not_yet_valid", "resident_not_found", "municipality_not_active"]);

/** Every code the kiosk API documents, with its HTTP status (lib/error-codes.ts). Refusals are 403 at issuance (200 entries at eligibility). */
export const ERROR_CODES: readonly ErrorCodeEntry[] = [
  ...PROTOCOL_ERRORS.map((e) => ({ ...e, status: CODE_TABLE[e.code].status })),
  ...(Object.keys(REFUSAL_MESSAGES) as RefusalCode[]).map((code) => ({
    code,
    status: CODE_TABLE[code].status,
    operations: (REGISTRATION_REFUSALS.has(code) ? ["issuance", "registration"] : ["issuance"]) as KioskOperation[],
    meaning: REFUSAL_MEANINGS[code][0],
    meaningJa: REFUSAL_MEANINGS[code][1],
    kioskMessage: REFUSAL_MESSAGES[code],
  })),
];

/** The worked signing example of the document and docs/api.md (computed, so it always verifies). */
export const SIGNING_EXAMPLE = (() => {
  const input = {
    method: "POST",
    targetUri: "https://shomei.example.jp/api/kiosk/v1/eligibility",
    body: JSON.stringify({
      transactionId: "TX-20261127-0001",
      terminal: { storeChain: "seven-eleven", storeCode: "123456", terminalId: "01" },
      card: { issuer: "JPKI", serial: "JPKI-131121-000001" },
      municipalityCode: "131121",
      purpose: "residence",
    }),
    keyId: "demo-simulator",
    secret: "demo-simulator-secret-0123456789abcdef",
    now: new Date("2026-11-27T01:00:00Z"),
    nonce: "q8Zl2m0Xb1c4YwTt9v3kRg",
  };
  const headers = signRequest(input);
  const params = headers["Signature-Input"].slice(SIGNATURE_LABEL.length + 1);
  const base = [
    `"@method": ${input.method}`,
    `"@target-uri": ${input.targetUri}`,
    `"content-digest": ${headers["Content-Digest"]}`,
    `"@signature-params": ${params}`,
  ].join("\n");
  return { ...input, created: Math.floor(input.now.getTime() / 1000), headers, signatureBase: base };
})();

/** The same for an issuance: the Idempotency-Key is a covered component (the fourth base line). */
export const ISSUANCE_SIGNING_EXAMPLE = (() => {
  const input = {
    method: "POST",
    targetUri: "https://shomei.example.jp/api/kiosk/v1/issuances",
    body: JSON.stringify({
      transactionId: "TX-20261127-0002",
      terminal: { storeChain: "seven-eleven", storeCode: "123456", terminalId: "01" },
      card: { issuer: "JPKI", serial: "JPKI-131121-000001" },
      municipalityCode: "131121",
      purpose: "residence",
      certificateType: "residence",
      copies: 1,
    }),
    keyId: SIGNING_EXAMPLE.keyId,
    secret: SIGNING_EXAMPLE.secret,
    now: SIGNING_EXAMPLE.now,
    nonce: "Jm4k7Qe2VZ0pXc8sLr5tHw",
    idempotencyKey: "3f0c9a7e-5b1d-4c8e-9a2f-6d4b8e1c7a90",
  };
  const headers = signRequest(input);
  const params = headers["Signature-Input"].slice(SIGNATURE_LABEL.length + 1);
  const base = [
    `"@method": ${input.method}`,
    `"@target-uri": ${input.targetUri}`,
    `"content-digest": ${headers["Content-Digest"]}`,
    `"${IDEMPOTENCY_KEY_COMPONENT}": ${input.idempotencyKey}`,
    `"@signature-params": ${params}`,
  ].join("\n");
  return { ...input, created: Math.floor(input.now.getTime() / 1000), headers, signatureBase: base };
})();

const COMPONENT_LIST = `(${REQUIRED_COMPONENTS.map((c) => `"${c}"`).join(" ")})`;
const COMPONENT_LIST_WITH_KEY = `(${[...REQUIRED_COMPONENTS, IDEMPOTENCY_KEY_COMPONENT].map((c) => `"${c}"`).join(" ")})`;

function signingDescription(): string {
  const ex = SIGNING_EXAMPLE;
  const issuance = ISSUANCE_SIGNING_EXAMPLE;
  return `Machine API between the コンビニ交付 issuance centre and this certificate issuance server (v1).
Four signed POST operations: eligibility → issuance → completion, and the 本籍地 利用登録 (koseki-registrations). Bodies are UTF-8 JSON; answers are JSON,
errors are \`application/problem+json\` (RFC 9457) with a stable \`code\`. The person is identified only by the
card certificate (issuer, serial) already validated by the centre, never by an id in the body.

## Signing a request (RFC 9421 HTTP Message Signatures, hmac-sha256; RFC 9530 Content-Digest)

Each API client has a key id (\`keyid\`) and a shared secret. For every request:

1. Serialise the body to UTF-8 bytes and send exactly these bytes (do not re-serialise after signing).
2. \`Content-Digest\` = \`sha-256=:\` + base64(SHA-256(body bytes)) + \`:\` — standard base64 alphabet with padding.
3. Pick \`created\` = the current Unix time in whole seconds, and \`nonce\` = a fresh random value never used
   before by this client (e.g. 16 random bytes, base64url; it must not contain \`"\`).
4. The signature parameters, one line, in this form:
   \`${COMPONENT_LIST};created=<created>;keyid="<keyid>";nonce="<nonce>";alg="hmac-sha256"\`
5. The signature base: exactly these four lines joined by a single LF (\\n), with no trailing newline:

\`\`\`
"@method": POST
"@target-uri": <the full URL the client calls>
"content-digest": <the Content-Digest header value>
"@signature-params": <the signature parameters of step 4>
\`\`\`

6. signature = base64(HMAC-SHA256(key = the secret's UTF-8 bytes, message = the base's UTF-8 bytes)).
7. Send \`Content-Digest: <digest>\`, \`Signature-Input: ${SIGNATURE_LABEL}=<signature parameters>\` and
   \`Signature: ${SIGNATURE_LABEL}=:<signature>:\` (plus \`Content-Type: application/json\`).

A request that sends an \`Idempotency-Key\` (every POST /issuances) covers it too: the component list is
\`${COMPONENT_LIST_WITH_KEY}\`, and the base has the line \`"idempotency-key": <the header value>\` after
the content-digest line. The key decides exactly-once issuance, so a key changed on the way must break the
signature (\`signature_invalid\`); a key the signature does not cover is refused (\`signature_components_missing\`).

Rules the server enforces:

- The label is \`${SIGNATURE_LABEL}\`; other dictionary members are ignored. The covered components must include
  \`"@method"\`, \`"@target-uri"\` and \`"content-digest"\`, plus \`"${IDEMPOTENCY_KEY_COMPONENT}"\` when the request
  carries an Idempotency-Key, and nothing else; the base lines follow the order of the component list. The server rebuilds \`"@signature-params"\` from the Signature-Input value exactly as sent, so
  sign the very string you send. \`alg\` must be \`"hmac-sha256"\`.
- \`@target-uri\` is the absolute URL the client calls: scheme, host, port (only when not the default), path and
  query string, e.g. \`https://shomei.example.jp/api/kiosk/v1/issuances/0193…/completion\`. Behind a reverse proxy
  the server uses its configured public origin, so always sign the URL as you call it. \`@method\` is uppercase.
- Time window: |server time − created| ≤ ${SIGNATURE_WINDOW_SECONDS} seconds (5 minutes), else \`signature_expired\`.
  The server's real clock is used even when X-Clock-Override is honoured.
- Maxima: Signature-Input and Signature ${SIGNATURE_LIMITS.headerChars} characters each, keyid ${SIGNATURE_LIMITS.keyidChars}, nonce ${SIGNATURE_LIMITS.nonceChars}, alg ${SIGNATURE_LIMITS.algChars},
  the base64 signature value ${SIGNATURE_LIMITS.signatureChars}; longer → 400 \`signature_parameter_too_long\`.
- Nonces are single use per API client: the nonce is recorded before the request is processed, so a second
  request with the same nonce is refused (\`signature_replayed\`) even when the first one failed. Every retry
  needs a new \`created\`, \`nonce\` and signature; when retrying an issuance keep the body and the Idempotency-Key.
- Check order: body size (413) → Content-Type application/json (415) → signature headers present, within the maxima and well-formed → Content-Digest matches the body
  → keyid known and active → alg, components, window, HMAC → nonce unused → scope → JSON → schema → the operation.
- During a secret rotation the previous secret is accepted until its validity ends.
- Each API client is granted scopes by the operator: \`kiosk_issuance\` for eligibility, issuances and completion,
  \`koseki_intake\` for koseki-registrations. A validly signed request for an operation outside the client's scopes
  is refused with 403 \`scope_not_granted\` (\`requiredScope\` names the missing scope); its nonce is spent.

### Worked example

keyid \`${ex.keyId}\`, secret \`${ex.secret}\`, created ${ex.created} (${ex.now.toISOString()}), nonce \`${ex.nonce}\`,
\`POST ${ex.targetUri}\` with the body (no whitespace, no trailing newline):

\`\`\`
${ex.body}
\`\`\`

Signature base:

\`\`\`
${ex.signatureBase}
\`\`\`

Headers:

\`\`\`
Content-Digest: ${ex.headers["Content-Digest"]}
Signature-Input: ${ex.headers["Signature-Input"]}
Signature: ${ex.headers.Signature}
\`\`\`

The same client, nonce \`${issuance.nonce}\`, \`POST ${issuance.targetUri}\` with \`Idempotency-Key: ${issuance.idempotencyKey}\`
and the body:

\`\`\`
${issuance.body}
\`\`\`

Signature base:

\`\`\`
${issuance.signatureBase}
\`\`\`

Headers:

\`\`\`
Idempotency-Key: ${issuance.idempotencyKey}
Content-Digest: ${issuance.headers["Content-Digest"]}
Signature-Input: ${issuance.headers["Signature-Input"]}
Signature: ${issuance.headers.Signature}
\`\`\`

## Idempotency (POST /issuances)

The \`Idempotency-Key\` (8–128 printable ASCII) is scoped to the API client and covered by the request signature
(component \`"${IDEMPOTENCY_KEY_COMPONENT}"\`, see "Signing a request"). The same key with the same body
(compared after parsing, with defaults applied) answers the stored result again: byte-identical JSON with
\`Idempotent-Replayed: true\`. The same key with another body → 422 \`idempotency_key_conflict\`. While the first
request with a key is running, another one with that key → 409 \`idempotency_key_in_progress\` (never a second
execution). An issuance that fails or times out leaves nothing behind, so the same key may be retried. A replay
after the PDF was deleted (completion or expiry) → 410 \`pdf_no_longer_available\`.

## Completion

\`POST /issuances/{id}/completion\` reports \`printed\` (printed and paid), \`cancelled\` or \`failed\`. Only printed
issuances count in statistics and fees; every outcome deletes the stored PDF (its SHA-256 stays). Repeating the
same outcome answers the first completion again; another outcome → 409 \`completion_conflict\`. Only the API
client that issued may complete (else 404 \`issuance_not_found\`).

## Refusals

Eligibility answers 200 with a reason per certificate type. An issuance that is refused answers 403 with
\`code\` = the reason code and the extensions \`reason\` and \`message\` (the Japanese kiosk message).

## Demo clock

When the server runs with ALLOW_CLOCK_OVERRIDE=true (never in production), \`X-Clock-Override: <ISO 8601>\` sets
the instant eligibility and issuance are judged at (service hours, closures, "today"); signatures still use the
real clock. It must be a full ISO 8601 instant with date, time and offset or Z (e.g. 2026-11-27T10:00:00+09:00),
else 400 \`bad_request\`. A completion is dated by it too, but never before its issuance. Otherwise the header is
ignored.`;
}

const registry = new OpenAPIRegistry();

const headerParam = (name: string, schema: z.ZodType, description: string, example: string) =>
  registry.registerParameter(name.replace(/-/g, ""), openapiable(schema).openapi({ param: { name, in: "header", description }, example }));

const ContentDigest = headerParam("Content-Digest", z.string().min(1), "RFC 9530 digest of the exact body bytes: `sha-256=:<base64>:`.", SIGNING_EXAMPLE.headers["Content-Digest"]);
const SignatureInput = headerParam("Signature-Input", z.string().min(1), `RFC 9421 signature parameters, label \`${SIGNATURE_LABEL}\`: \`${SIGNATURE_LABEL}=${COMPONENT_LIST};created=…;keyid="…";nonce="…";alg="hmac-sha256"\`; with an Idempotency-Key (issuances) the list is \`${COMPONENT_LIST_WITH_KEY}\`.`, SIGNING_EXAMPLE.headers["Signature-Input"]);
const Signature = headerParam("Signature", z.string().min(1), `RFC 9421 signature: \`${SIGNATURE_LABEL}=:<base64 HMAC-SHA256 of the signature base>:\`.`, SIGNING_EXAMPLE.headers.Signature);
const ClockOverride = headerParam("X-Clock-Override", ZClockOverride.optional(), "Demo and test servers only (ALLOW_CLOCK_OVERRIDE=true): the instant to judge the request at, a full ISO 8601 instant with date, time and offset or Z (else 400 bad_request). Ignored otherwise; a completion is never dated before its issuance; never affects signatures.", "2026-11-27T10:00:00+09:00");
const IdempotencyKey = headerParam("Idempotency-Key", ZIdempotencyKey, `Client-chosen key, unique per issuance attempt of this API client; reuse it (with the same body) to retry. Covered by the signature: component \`"${IDEMPOTENCY_KEY_COMPONENT}"\` in Signature-Input (else 401 \`signature_components_missing\`).`, ISSUANCE_SIGNING_EXAMPLE.idempotencyKey);

const refs = {
  EligibilityRequest: registry.register("EligibilityRequest", openapiable(ZEligibilityRequest)),
  IssueRequest: registry.register("IssueRequest", openapiable(ZIssueRequest)),
  CompletionRequest: registry.register("CompletionRequest", openapiable(ZCompletionRequest)),
  EligibilityResponse: registry.register("EligibilityResponse", openapiable(ZEligibilityResponse)),
  IssuanceResponse: registry.register("IssuanceResponse", openapiable(ZIssuanceResponse)),
  CompletionResponse: registry.register("CompletionResponse", openapiable(ZCompletionResponse)),
  KosekiRegistrationRequest: registry.register("KosekiRegistrationRequest", openapiable(ZKosekiRegistrationRequest)),
  KosekiRegistrationResponse: registry.register("KosekiRegistrationResponse", openapiable(ZKosekiRegistrationResponse)),
  Problem: registry.register("Problem", openapiable(ZProblem)),
};

const OPERATION_PATHS: Record<KioskOperation, string> = {
  eligibility: "/api/kiosk/v1/eligibility",
  issuance: "/api/kiosk/v1/issuances",
  completion: "/api/kiosk/v1/issuances/{id}/completion",
  registration: "/api/kiosk/v1/koseki-registrations",
};

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Not authenticated (signature)",
  403: "Refused",
  404: "Not found",
  409: "Conflict",
  410: "Gone",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  500: "Internal error",
  503: "Unavailable",
};

function problemResponses(op: KioskOperation) {
  const byStatus = new Map<number, ErrorCodeEntry[]>();
  for (const e of ERROR_CODES.filter((e) => e.operations.includes(op))) byStatus.set(e.status, [...(byStatus.get(e.status) ?? []), e]);
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, entries]) => {
        const refusals = entries.filter((e) => e.kioskMessage);
        const others = entries.filter((e) => !e.kioskMessage).map((e) => `\`${e.code}\``);
        const list = [...others, ...(refusals.length ? ["a refusal reason code (RefusalCode; with the `reason` and `message` extensions)"] : [])].join(", ");
        const first = refusals.find((e) => e.code === "resident_deceased") ?? entries[0];
        return [
          status,
          {
            description: `${STATUS_TEXT[status] ?? "Error"}. \`code\` is one of: ${list}.`,
            content: {
              "application/problem+json": {
                schema: refs.Problem,
                example: {
                  type: `urn:konbini-shomei:problem:${first.code}`,
                  title: first.code,
                  status,
                  code: first.code,
                  detail: first.kioskMessage ?? first.meaning,
                  instance: OPERATION_PATHS[op],
                  ...(first.kioskMessage ? { reason: first.code, message: first.kioskMessage } : {}),
                },
              },
            },
          },
        ];
      }),
  );
}

const signedHeaders = [ContentDigest, SignatureInput, Signature, ClockOverride];

registry.registerPath({
  method: "post",
  path: OPERATION_PATHS.eligibility,
  operationId: "checkEligibility",
  summary: "What this cardholder may get now",
  description:
    "Read-only. For each certificate type served for the purpose: available (fee per copy, copy limit, 個人番号 allowed) or refused (reason code and the Japanese kiosk message). Lists the household members a 住民票 may show when a 住民票 type is available. The issuance checks everything again.",
  request: { headers: signedHeaders, body: { required: true, content: { "application/json": { schema: refs.EligibilityRequest, example: JSON.parse(SIGNING_EXAMPLE.body) } } } },
  responses: {
    200: { description: "Availability per certificate type", content: { "application/json": { schema: refs.EligibilityResponse } } },
    ...problemResponses("eligibility"),
  },
});

registry.registerPath({
  method: "post",
  path: OPERATION_PATHS.issuance,
  operationId: "issueCertificate",
  summary: "Issue one certificate (exactly once per Idempotency-Key)",
  description:
    "Re-checks eligibility on locked current data, allocates the 発行番号, renders and checks the PDF, records the issuance and its fee in one transaction, then answers with the PDF (base64) and its SHA-256. A retry with the same Idempotency-Key and body returns the same bytes with `Idempotent-Replayed: true`.",
  request: {
    headers: [IdempotencyKey, ...signedHeaders],
    body: {
      required: true,
      content: {
        "application/json": {
          schema: refs.IssueRequest,
          example: { ...JSON.parse(SIGNING_EXAMPLE.body), certificateType: "residence", copies: 1, options: { members: "all", includeHouseholdHeadAndRelationship: true } },
        },
      },
    },
  },
  responses: {
    200: {
      description: "Issued (or the replay of the stored answer)",
      headers: z.object({ "Idempotent-Replayed": z.literal("true").optional().openapi({ description: "Present on a replay of a stored answer" }) }),
      content: { "application/json": { schema: refs.IssuanceResponse } },
    },
    ...problemResponses("issuance"),
  },
});

registry.registerPath({
  method: "post",
  path: OPERATION_PATHS.completion,
  operationId: "completeIssuance",
  summary: "Report what became of an issued certificate",
  description:
    "printed (printed and paid), cancelled or failed. Only printed counts in statistics and fees; every outcome deletes the stored PDF. Repeating the same outcome answers the first completion again; another outcome is a conflict. `failed` opens an incident.",
  request: {
    headers: signedHeaders,
    params: z.object({ id: z.string().uuid().openapi({ param: { description: "issuanceId from the issuance answer" } }) }),
    body: { required: true, content: { "application/json": { schema: refs.CompletionRequest, example: { outcome: "printed" } } } },
  },
  responses: {
    200: { description: "Completion recorded (or the earlier identical completion)", content: { "application/json": { schema: refs.CompletionResponse } } },
    ...problemResponses("completion"),
  },
});

registry.registerPath({
  method: "post",
  path: OPERATION_PATHS.registration,
  operationId: "applyKosekiRegistration",
  summary: "本籍地 利用登録: apply for koseki registration with the card",
  description:
    "The kiosk-side application of a non-resident to the 本籍地 municipality, bound to the card certificate (issuer + serial). The applicant's name, kana, date of birth and address come from the residence register through the card; the body adds the 本籍 (町名・番地) and the 筆頭者, or the receipt number of a web pre-registration holding them (taken over when its name and date of birth are the cardholder's). Answers 200 with a receipt number and the review deadline (business days). Closed during the municipality's registration_intake stops. Staff of the 本籍地 review it; a renewed or revoked certificate later needs re-registration.",
  request: {
    headers: signedHeaders,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: refs.KosekiRegistrationRequest,
          example: {
            transactionId: "TX-20261127-0002",
            terminal: { storeChain: "seven-eleven", storeCode: "123456", terminalId: "01" },
            card: { issuer: "JPKI", serial: "JPKI-131121-000001" },
            municipalityCode: "012076",
            honsekiAddress: "西1条南十丁目1番地",
            kosekiHeadName: "山川 一郎",
            consent: true,
          },
        },
      },
    },
  },
  responses: {
    200: { description: "Application received (pending review)", content: { "application/json": { schema: refs.KosekiRegistrationResponse } } },
    ...problemResponses("registration"),
  },
});

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

let memo: OpenApiDocument | null = null;

/** The OpenAPI 3.1 document of the kiosk API (built once per process). */
export function buildOpenApiDocument(): OpenApiDocument {
  if (memo) return memo;
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "コンビニ交付 証明発行サーバ — Kiosk API", version: "1.0.0", description: signingDescription() },
    servers: [{ url: "/", description: "This server; sign the absolute URL you call" }],
  });
  memo = {
    ...doc,
    "x-signing": {
      label: SIGNATURE_LABEL,
      algorithm: "hmac-sha256",
      components: [...REQUIRED_COMPONENTS],
      windowSeconds: SIGNATURE_WINDOW_SECONDS,
      example: {
        method: SIGNING_EXAMPLE.method,
        targetUri: SIGNING_EXAMPLE.targetUri,
        body: SIGNING_EXAMPLE.body,
        keyId: SIGNING_EXAMPLE.keyId,
        secret: SIGNING_EXAMPLE.secret,
        created: SIGNING_EXAMPLE.created,
        nonce: SIGNING_EXAMPLE.nonce,
        signatureBase: SIGNING_EXAMPLE.signatureBase,
        headers: SIGNING_EXAMPLE.headers,
      },
    },
    "x-error-codes": ERROR_CODES,
  } as OpenApiDocument;
  return memo;
}
