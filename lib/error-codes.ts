import { REFUSAL_MESSAGES, type RefusalCode } from "./refusal-reasons";

// The closed table of every stable error code the server sends: its HTTP status and its kind. `AppError`
// (server/errors.ts) takes its status from here, so a verb never names an HTTP status and a code missing from
// this table does not compile; lib/error-messages.ts has Japanese text for every code; docs/api.md lists each
// one with its status (lib/error-codes.test.ts). Client-safe: the screens key their messages by it.

/**
 * What the caller can do about it:
 * - `client`: the request is wrong or names nothing; change it (400, 404, 405, 410, 413, 415, 422);
 * - `auth`: not signed in, not signed correctly, or not allowed (401, 403);
 * - `refused`: a rule refuses this resident or service now (403 with `reason` and `message`, lib/refusal-reasons.ts);
 * - `conflict`: the state changed or the thing exists already; reload (409);
 * - `unavailable`: try again later, after `Retry-After` when it is sent (429, 503);
 * - `internal`: a fault of this server or its data; nothing the caller can fix (500, 501).
 */
export type ErrorKind = "client" | "auth" | "refused" | "conflict" | "unavailable" | "internal";

type ErrorCodeSpec = { readonly status: number; readonly kind: ErrorKind };

const APP_ERROR_CODES = {
  // General (any caller)
  bad_request: { status: 400, kind: "client" },
  validation_failed: { status: 422, kind: "client" },
  unauthenticated: { status: 401, kind: "auth" },
  forbidden: { status: 403, kind: "auth" },
  not_found: { status: 404, kind: "client" },
  conflict: { status: 409, kind: "conflict" },
  rate_limited: { status: 429, kind: "unavailable" },
  service_unavailable: { status: 503, kind: "unavailable" },
  database_unavailable: { status: 503, kind: "unavailable" },
  internal_error: { status: 500, kind: "internal" },
  method_not_allowed: { status: 405, kind: "client" },
  method_not_implemented: { status: 501, kind: "internal" },

  // Request edge of the signed APIs (kiosk, imports): body, media type, signature, scope
  payload_too_large: { status: 413, kind: "client" },
  unsupported_media_type: { status: 415, kind: "client" },
  malformed_json: { status: 400, kind: "client" },
  content_digest_mismatch: { status: 400, kind: "client" },
  signature_parameter_too_long: { status: 400, kind: "client" },
  signature_missing: { status: 401, kind: "auth" },
  unknown_client: { status: 401, kind: "auth" },
  client_revoked: { status: 401, kind: "auth" },
  signature_algorithm_unsupported: { status: 401, kind: "auth" },
  signature_components_missing: { status: 401, kind: "auth" },
  signature_expired: { status: 401, kind: "auth" },
  signature_invalid: { status: 401, kind: "auth" },
  signature_replayed: { status: 401, kind: "auth" },
  scope_not_granted: { status: 403, kind: "auth" },
  client_not_allowed: { status: 403, kind: "auth" },
  client_not_confined: { status: 403, kind: "auth" },

  // Kiosk eligibility, issuance and completion
  municipality_unknown: { status: 404, kind: "client" },
  idempotency_key_required: { status: 400, kind: "client" },
  idempotency_key_in_progress: { status: 409, kind: "conflict" },
  idempotency_key_conflict: { status: 422, kind: "client" },
  my_number_missing: { status: 409, kind: "conflict" },
  pdf_no_longer_available: { status: 410, kind: "client" },
  issuance_timeout: { status: 503, kind: "unavailable" },
  server_busy: { status: 503, kind: "unavailable" },
  certificate_data_invalid: { status: 500, kind: "internal" },
  pdf_self_check_failed: { status: 500, kind: "internal" },
  issuance_not_found: { status: 404, kind: "client" },
  completion_conflict: { status: 409, kind: "conflict" },

  // 本籍地 利用登録 (kiosk intake, public form and status page, staff review)
  registration_intake_closed: { status: 503, kind: "unavailable" },
  registration_not_needed: { status: 409, kind: "conflict" },
  koseki_registration_exists: { status: 409, kind: "conflict" },
  pre_registration_not_found: { status: 404, kind: "client" },
  registration_not_found: { status: 404, kind: "client" },
  verification_not_found: { status: 404, kind: "client" },
  registration_already_decided: { status: 409, kind: "conflict" },
  registration_card_missing: { status: 409, kind: "conflict" },
  koseki_member_invalid: { status: 422, kind: "client" },

  // Sign-in throttle, staff accounts, own account and MFA
  throttled: { status: 429, kind: "unavailable" },
  password_change_required: { status: 403, kind: "auth" },
  login_id_taken: { status: 409, kind: "conflict" },
  municipality_required: { status: 422, kind: "client" },
  municipality_not_found: { status: 422, kind: "client" },
  password_equals_login_id: { status: 422, kind: "client" },
  invalid_current_password: { status: 422, kind: "client" },
  last_admin: { status: 409, kind: "conflict" },
  cannot_change_self: { status: 409, kind: "conflict" },
  role_scope_mismatch: { status: 422, kind: "client" },
  invalid_code: { status: 422, kind: "client" },
  mfa_not_enrolled: { status: 409, kind: "conflict" },
  mfa_already_enrolled: { status: 409, kind: "conflict" },
  mfa_enrolment_not_started: { status: 409, kind: "conflict" },

  // Municipalities, 公印, API clients, service configuration, incidents
  municipality_code_taken: { status: 409, kind: "conflict" },
  official_seal_required: { status: 409, kind: "conflict" },
  seal_missing: { status: 422, kind: "client" },
  seal_too_large: { status: 413, kind: "client" },
  seal_not_png: { status: 422, kind: "client" },
  seal_bad_dimensions: { status: 422, kind: "client" },
  api_client_revoked: { status: 409, kind: "conflict" },
  scope_requires_municipality: { status: 422, kind: "client" },
  fee_in_past: { status: 422, kind: "client" },
  stop_in_past: { status: 422, kind: "client" },
  emergency_stop_running: { status: 409, kind: "conflict" },
  incident_state_conflict: { status: 409, kind: "conflict" },

  // 交付停止 (counter block)
  block_resident_not_found: { status: 404, kind: "client" },
  issuance_block_exists: { status: 409, kind: "conflict" },
  issuance_block_lifted: { status: 409, kind: "conflict" },

  // Void (無効) and recall of issuances (staff)
  issuance_already_void: { status: 409, kind: "conflict" },
  issuance_not_printed: { status: 409, kind: "conflict" },
  issuance_numbers_unknown: { status: 422, kind: "client" },

  // Back-office imports (portal upload and import API)
  import_rejected: { status: 422, kind: "client" },
  removal_share_exceeded: { status: 422, kind: "client" },
  import_failed: { status: 500, kind: "internal" },

  // Statistics and monthly reports
  report_not_found: { status: 404, kind: "client" },
  report_month_in_future: { status: 422, kind: "client" },

  // Municipal settings (docs/decisions/0014)
  setting_date_in_past: { status: 422, kind: "client" },
  setting_change_in_force: { status: 409, kind: "conflict" },
  closure_day_exists: { status: 409, kind: "conflict" },
  // Mayor and 公印 history (docs/decisions/0015)
  mayor_seal_in_past: { status: 422, kind: "client" },
  mayor_seal_date_taken: { status: 409, kind: "conflict" },
  // Alerts (docs/decisions/0016)
  alert_webhook_url_not_allowed: { status: 422, kind: "client" },
  // Metrics endpoint (GET /api/metrics; Prometheus)
  metrics_token_invalid: { status: 401, kind: "auth" },
  metrics_address_not_allowed: { status: 403, kind: "auth" },
} as const satisfies Record<string, ErrorCodeSpec>;

const REFUSED = { status: 403, kind: "refused" } as const satisfies ErrorCodeSpec;

/** Every refusal reason (lib/refusal-reasons.ts) is a code too: 403, with the kiosk message in `message`. */
const REFUSAL_CODES = Object.fromEntries(Object.keys(REFUSAL_MESSAGES).map((code) => [code, REFUSED])) as { readonly [C in RefusalCode]: typeof REFUSED };

export const ERROR_CODES = { ...REFUSAL_CODES, ...APP_ERROR_CODES } as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes answered with HTTP status `S`, e.g. `ErrorCodeWithStatus<401>` for a helper that only refuses authentication. */
export type ErrorCodeWithStatus<S extends number> = { [C in ErrorCode]: (typeof ERROR_CODES)[C]["status"] extends S ? C : never }[ErrorCode];

/** True for a code of the table (e.g. one read from a problem+json answer). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
