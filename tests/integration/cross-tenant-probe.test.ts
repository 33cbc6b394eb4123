// Cross-tenant probe over every staff verb (the portal's pages and server actions are thin wrappers around
// these): the municipal administrator of municipality A aims each verb at municipality B — its ids, its code, its
// objects — and gets nothing: a refusal (not found / forbidden) or an answer without a trace of B, and B's
// rows are byte-for-byte unchanged afterwards. The registry is checked against the verb modules, so a new
// exported verb fails this test until it has a probe (or a documented exemption).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/context";
import { createStaffUser } from "@/tests/factories";
import { createRegistration } from "@/tests/factories/koseki";
import { createTenant } from "@/tests/factories/tenant";
import { ownerDb } from "@/tests/setup/owner-db";

// Every module whose exports are staff verbs (or their building blocks, listed in NOT_VERBS).
const modules = import.meta.glob(
  [
    "/server/{municipalities,service-config,staff,logs,incidents,api-clients,imports,certificates,dashboard,koseki-registration,stats,reports,settlement,issuance-blocks,municipal-settings,residents,refusals,mayor-and-seal,alerts}/*.ts",
    "!/server/**/*.test.ts",
  ],
  { eager: true },
) as Record<string, Record<string, unknown>>;

/** Exported async functions that are not verbs a session can call, and why. */
const NOT_VERBS: Record<string, string> = {
  "service-config/start-emergency-stop#runningEmergencyStop": "inside the emergency-stop starters' transactions (probed through startEmergencyStop)",
  "service-config/target-municipality#targetContext": "resolves the tenant for the service-config verbs (probed through them)",
  "staff/mfa-attempts#loadMfaUser": "inside the MFA verbs' transaction (probed through them)",
  "staff/mfa-attempts#recordMfaFailure": "inside the MFA verbs' transaction",
  "staff/mfa-attempts#clearFailures": "inside the MFA verbs' transaction",
  "staff/mfa-attempts#judgeTotp": "inside the MFA verbs' transaction (probed through them)",
  "staff/staff-scope#findManagedUser": "inside the staff verbs' transaction (probed through them)",
  "staff/staff-scope#assertNotLastAdmin": "inside the staff verbs' transaction",
  "logs/audit-chain-scope#resolveAuditChain": "inside the audit-log verbs' transaction (probed through them)",
  "logs/apply-void#applyVoid": "inside the void verbs' transaction, on the context's municipality (probed through voidIssuance and voidIncidentIssuances)",
  "incidents/lock-incident#lockIncident": "inside the incident verbs' transaction (probed through them)",
  "incidents/link-issuances#linkIssuances": "inside the add verbs' transaction, after they locked the incident of the context's tenant (probed through them)",
  "incidents/link-issuances#lockIncidentForLinks": "inside the add verbs' transaction (probed through them)",
  "incidents/open-incident#openIncident": "system work: the kiosk API and imports open incidents, no staff input",
  "imports/import-job-lock#holdImportJobLock": "inside runImport, on the import's own connection: a lock keyed by the job it just created (probed through the import verbs)",
  "imports/import-job-lock#tryTakeImportJobLock": "inside the interrupted-import sweep's transaction (system work)",
  "imports/removal-guard#measureFullLoadRemovals": "inside runImport's transaction, on the municipality the import is for (probed through the import verbs)",
  "imports/sweep-interrupted-imports#sweepInterruptedImports": "system work: the maintenance pass across every municipality, no staff input (tests/integration/imports-interrupted.test.ts)",
  "api-clients/authenticate-request#authenticateKioskRequest": "authenticates a signed kiosk request (tested in kiosk-http)",
  "api-clients/api-client-cache#findApiClientByKeyId": "system lookup by key id before authentication (through authenticateUploadRequest, tested in kiosk-http)",
  "api-clients/authenticate-upload-request#authenticateUploadRequest": "authenticates a signed upload (tested in imports-http)",
  "imports/import-from-api#importFromApi": "API clients confined to one municipality (tested in imports-http)",
  "imports/import-uploaded-file#importUploadedFile": "called by importFromPortal / importFromApi after they fix the tenant",
  "imports/run-import#runImport": "the engine; its callers fix the tenant",
  "imports/sql#createStageTable": "import engine internals",
  "imports/sql#insertStageBatch": "import engine internals",
  "imports/sql#count": "import engine internals",
  "imports/sql#lineErrors": "import engine internals",
  "imports/sql#lockAndTouchResidents": "import engine internals",
  "imports/sql#lockRows": "import engine internals",
  "imports/sql#withEligibilityGate": "import engine internals",
  "imports/write-import-audit#writeImportAuditEvent": "import engine internals",
  "koseki-registration/apply-at-kiosk#applyForRegistrationAtKiosk": "kiosk API (signed client), tested in koseki-registration-intake",
  "koseki-registration/flag-reregistrations#flagReregistrations": "system work after card imports and in maintenance",
  "koseki-registration/intake#assertIntakeOpen": "inside the intake verbs' transaction",
  "koseki-registration/list-intake-municipalities#listIntakeMunicipalities": "public: the municipalities taking applications (names and codes only)",
  "koseki-registration/lock-registration#lockRegistration": "inside the review verbs' transaction (probed through them)",
  "koseki-registration/lookup-registration-status#lookupRegistrationStatus": "public: by receipt number and date of birth, throttled (koseki-registration-intake)",
  "koseki-registration/submit-pre-registration#submitPreRegistration": "public form, throttled (koseki-registration-intake)",
  "stats/get-usage-statistics#loadUsageStatistics": "inside getUsageStatistics' transaction",
  "stats/record-printed-usage#recordPrintedUsage": "inside the completion transaction (kiosk API)",
  "stats/stats-target#statsTarget": "resolves the tenant for the statistics verbs (probed through them)",
  "reports/report-data#loadReportData": "inside generateMonthlyReport's transaction",
  "reports/run-monthly-reports-job#runMonthlyReportsJob": "the scheduled job (system work, every municipality)",
  "settlement/get-settlement#loadSettlement": "inside getSettlement's transaction",
  "mayor-and-seal/history#lockAndStartHistory": "inside the mayor and 公印 verbs' transaction, on the municipality they resolved (probed through them)",
  "mayor-and-seal/history#insertOfficialSeal": "inside recordOfficialSeal and uploadOfficialSeal (probed through them)",
  "koseki-registration/intake#reviewDueOn": "inside the intake verbs' transaction",
  "municipal-settings/issuance-settings-in-force#loadIssuanceSettings": "inside the eligibility and settings verbs' transactions",
  "refusals/record-refusals#recordRefusals": "inside the eligibility answer's transaction (kiosk API, the client's tenant)",
  "refusals/record-issuance-refusal#recordIssuanceRefusal": "kiosk API: after a refused issuance rolled back, on the client's tenant (tests/integration/refusals.test.ts)",
  "refusals/purge-refusals#purgeRefusals": "system work: the maintenance pass across every municipality, no staff input (tests/integration/refusals.test.ts)",
  "alerts/raise-alert#raiseAlert": "inside the transaction of the event it reports (system work: kiosk API, imports, intake)",
  "alerts/alert-on-centre-failures#alertOnCentreFailures": "inside the completion transaction (kiosk API)",
  "alerts/alert-overdue-registrations#alertOverdueRegistrations": "the scheduled job (system work, every municipality)",
  "alerts/deliver-alerts#deliverPendingAlerts": "the scheduled sender (system work, every municipality)",
  "logs/list-audit-events#auditActorNames": "inside the audit-log verbs' transaction, names of the actors of rows they read (probed through them)",
};

/** A 公印 history entry of B (made in beforeAll): its thumbnail must not reach A. */
let bSealId = "";

type Outcome = { refused: string } | { result: unknown };
type Probe = (t: Targets) => Promise<unknown>;
type Targets = {
  ctx: RequestContext; // A's municipal administrator
  b: { id: string; code: string; staffUserId: string; incidentId: string; issuanceId: string; stopId: string; emergencyStopId: string; apiClientId: string; registrationId: string; kosekiMemberId: string; reportId: string; residentNo: string; blockId: string; settingsVersionId: string; closureDayId: string; residentId: string; cardSerial: string };
};

/**
 * Account verbs act on the signed-in user only: no input can name another user or municipality, so any
 * answer is acceptable as long as B's rows stay unchanged and nothing of it comes back.
 */
const SELF_VERBS = new Set([
  "staff/begin-mfa-enrolment#beginMfaEnrolment",
  "staff/change-password#changePassword",
  "staff/confirm-mfa-enrolment#confirmMfaEnrolment",
  "staff/get-own-mfa-status#getOwnMfaStatus",
  "staff/redeem-recovery-code#redeemRecoveryCode",
  "staff/regenerate-recovery-codes#regenerateRecoveryCodes",
  "staff/verify-mfa#verifyMfa",
]);

const REFUSALS = new Set(["not_found", "forbidden", "issuance_not_found", "incident_not_found", "staff_user_not_found", "municipality_not_found"]);

const fn = (path: string) => {
  const [file, name] = path.split("#");
  const mod = modules[`/server/${file}.ts`];
  if (!mod || typeof mod[name] !== "function") throw new Error(`no export ${path}`);
  return mod[name] as (...args: never[]) => Promise<unknown>;
};
const call = (path: string, ...args: unknown[]) => (fn(path) as (...a: unknown[]) => Promise<unknown>)(...args);

const PROBES: Record<string, Probe> = {
  "municipalities/create-municipality#createMunicipality": ({ ctx, b }) =>
    call("municipalities/create-municipality#createMunicipality", { ctx, input: { code: b.code, name: "乗っ取り", nameKana: "ノットリ", prefecture: "東京都", mayorTitle: "区長", mayorName: "試験 太郎", status: "active" } }),
  "municipalities/get-municipality#getMunicipality": ({ ctx, b }) => call("municipalities/get-municipality#getMunicipality", { ctx, input: { code: b.code } }),
  "municipalities/get-official-seal#getOfficialSeal": ({ ctx, b }) => call("municipalities/get-official-seal#getOfficialSeal", { ctx, input: { code: b.code } }),
  "municipalities/list-municipalities#listMunicipalities": ({ ctx }) => call("municipalities/list-municipalities#listMunicipalities", { ctx }),
  "municipalities/set-municipality-status#setMunicipalityStatus": ({ ctx, b }) =>
    call("municipalities/set-municipality-status#setMunicipalityStatus", { ctx, input: { code: b.code, status: "suspended" } }),
  "municipalities/update-municipality#updateMunicipality": ({ ctx, b }) =>
    call("municipalities/update-municipality#updateMunicipality", { ctx, input: { code: b.code, name: "乗っ取り", nameKana: "ノットリ", prefecture: "東京都", mayorTitle: "区長", mayorName: "試験 太郎" } }),
  "municipalities/upload-official-seal#uploadOfficialSeal": ({ ctx, b }) =>
    call("municipalities/upload-official-seal#uploadOfficialSeal", { ctx, input: { code: b.code, image: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) } }),

  "service-config/cancel-planned-stop#cancelPlannedStop": ({ ctx, b }) => call("service-config/cancel-planned-stop#cancelPlannedStop", { ctx, input: { municipalityId: b.id, stopId: b.stopId } }),
  "service-config/clear-service-windows#clearServiceWindows": ({ ctx, b }) =>
    call("service-config/clear-service-windows#clearServiceWindows", { ctx, input: { municipalityId: b.id, certificateType: "residence", dayClass: "weekday" } }),
  "service-config/create-planned-stop#createPlannedStop": ({ ctx, b }) =>
    call("service-config/create-planned-stop#createPlannedStop", { ctx, input: { municipalityId: b.id, scope: "all", startsAt: "2027-01-10T01:00", endsAt: "2027-01-10T05:00", notice: "停止" } }),
  "service-config/end-emergency-stop#endEmergencyStop": ({ ctx, b }) => call("service-config/end-emergency-stop#endEmergencyStop", { ctx, input: { municipalityId: b.id, emergencyStopId: b.emergencyStopId } }),
  "service-config/get-month-availability#getMonthAvailability": ({ ctx, b }) => call("service-config/get-month-availability#getMonthAvailability", { ctx, input: { municipalityId: b.id, month: "2026-12" } }),
  "service-config/get-service-config#getServiceConfig": ({ ctx, b }) => call("service-config/get-service-config#getServiceConfig", { ctx, input: { municipalityId: b.id } }),
  "service-config/list-fees#listFees": ({ ctx, b }) => call("service-config/list-fees#listFees", { ctx, input: { municipalityId: b.id } }),
  "service-config/schedule-fee#scheduleFee": ({ ctx, b }) =>
    call("service-config/schedule-fee#scheduleFee", { ctx, input: { municipalityId: b.id, certificateType: "residence", kind: "standard", amount: 1, effectiveFrom: "2027-04-01" } }),
  "service-config/set-service-windows#setServiceWindows": ({ ctx, b }) =>
    call("service-config/set-service-windows#setServiceWindows", { ctx, input: { municipalityId: b.id, certificateType: "residence", dayClass: "weekday", closed: true, start: "", end: "" } }),
  "service-config/start-emergency-stop#startEmergencyStop": ({ ctx, b }) => call("service-config/start-emergency-stop#startEmergencyStop", { ctx, input: { municipalityId: b.id, certificateType: "all", reason: "乗っ取り" } }),
  "service-config/target-municipality#listTargetMunicipalities": ({ ctx }) => call("service-config/target-municipality#listTargetMunicipalities", { ctx }),
  "service-config/update-offering#updateOffering": ({ ctx, b }) =>
    call("service-config/update-offering#updateOffering", { ctx, input: { municipalityId: b.id, certificateType: "residence", enabled: false, copyLimit: 1, allowMyNumber: false, allowJoseki: false, allowKaiseiGenkoseki: false } }),
  "service-config/update-tax-year-policy#updateTaxYearPolicy": ({ ctx, b }) =>
    call("service-config/update-tax-year-policy#updateTaxYearPolicy", { ctx, input: { municipalityId: b.id, taxYearSwitchDate: "06-01", taxYearsOffered: 1 } }),

  // The staff verbs act on the signed-in user (account) or on a user named by id (administration).
  "staff/begin-mfa-enrolment#beginMfaEnrolment": ({ ctx }) => call("staff/begin-mfa-enrolment#beginMfaEnrolment", { ctx }),
  "staff/change-password#changePassword": ({ ctx }) => call("staff/change-password#changePassword", { ctx, input: { currentPassword: "wrong-password-000", newPassword: "another-long-password-1", confirmPassword: "another-long-password-1" } }),
  "staff/change-role#changeRole": ({ ctx, b }) => call("staff/change-role#changeRole", { ctx, input: { staffUserId: b.staffUserId, role: "auditor" } }),
  "staff/confirm-mfa-enrolment#confirmMfaEnrolment": ({ ctx }) => call("staff/confirm-mfa-enrolment#confirmMfaEnrolment", { ctx, input: { code: "000000" } }),
  "staff/create-staff-user#createStaffUser": ({ ctx }) =>
    call("staff/create-staff-user#createStaffUser", { ctx, input: { loginId: "probe-user", displayName: "試験", role: "operator", initialPassword: "probe-password-123456" } }),
  "staff/disable-staff-user#disableStaffUser": ({ ctx, b }) => call("staff/disable-staff-user#disableStaffUser", { ctx, input: { staffUserId: b.staffUserId, confirm: true } }),
  "staff/enable-staff-user#enableStaffUser": ({ ctx, b }) => call("staff/enable-staff-user#enableStaffUser", { ctx, input: { staffUserId: b.staffUserId } }),
  "staff/get-own-mfa-status#getOwnMfaStatus": ({ ctx }) => call("staff/get-own-mfa-status#getOwnMfaStatus", { ctx }),
  "staff/get-staff-user#getStaffUser": ({ ctx, b }) => call("staff/get-staff-user#getStaffUser", { ctx, input: { staffUserId: b.staffUserId } }),
  "staff/list-staff#listStaff": ({ ctx }) => call("staff/list-staff#listStaff", { ctx }),
  "staff/redeem-recovery-code#redeemRecoveryCode": ({ ctx }) => call("staff/redeem-recovery-code#redeemRecoveryCode", { ctx, input: { code: "aaaa-bbbb-cccc" } }),
  "staff/regenerate-recovery-codes#regenerateRecoveryCodes": ({ ctx }) => call("staff/regenerate-recovery-codes#regenerateRecoveryCodes", { ctx, input: { code: "000000" } }),
  "staff/reset-mfa#resetMfa": ({ ctx, b }) => call("staff/reset-mfa#resetMfa", { ctx, input: { staffUserId: b.staffUserId, confirm: true } }),
  "staff/reset-password#resetPassword": ({ ctx, b }) => call("staff/reset-password#resetPassword", { ctx, input: { staffUserId: b.staffUserId, confirm: true } }),
  "staff/verify-mfa#verifyMfa": ({ ctx }) => call("staff/verify-mfa#verifyMfa", { ctx, input: { code: "000000" } }),

  "logs/get-issuance-detail#getIssuanceDetail": ({ ctx, b }) => call("logs/get-issuance-detail#getIssuanceDetail", { ctx, input: { issuanceId: b.issuanceId } }),
  "logs/list-audit-chains#listAuditChains": ({ ctx }) => call("logs/list-audit-chains#listAuditChains", { ctx }),
  "logs/list-audit-events#listAuditEvents": ({ ctx, b }) => call("logs/list-audit-events#listAuditEvents", { ctx, input: { chain: b.code } }),
  "logs/search-issuances#searchIssuances": ({ ctx, b }) => call("logs/search-issuances#searchIssuances", { ctx, input: { municipality: b.code } }),
  "logs/void-issuance#voidIssuance": ({ ctx, b }) => call("logs/void-issuance#voidIssuance", { ctx, input: { issuanceId: b.issuanceId, reason: "misissued", confirm: true } }),
  "logs/export-voided-issuances#exportVoidedIssuances": ({ ctx }) => call("logs/export-voided-issuances#exportVoidedIssuances", { ctx, input: { from: "2026-01-01", to: "2026-12-31" } }),
  "logs/verify-audit-chains#verifyAuditChains": ({ ctx, b }) => call("logs/verify-audit-chains#verifyAuditChains", { ctx, input: { chain: b.code } }),

  "incidents/acknowledge-incident#acknowledgeIncident": ({ ctx, b }) => call("incidents/acknowledge-incident#acknowledgeIncident", { ctx, input: { incidentId: b.incidentId } }),
  "incidents/add-incident-issuances#addIncidentIssuances": ({ ctx, b }) =>
    call("incidents/add-incident-issuances#addIncidentIssuances", { ctx, input: { incidentId: b.incidentId, issuanceNos: `${b.code}-2026-99999999` } }),
  "incidents/add-incident-issuances-by-search#addIncidentIssuancesBySearch": ({ ctx, b }) =>
    call("incidents/add-incident-issuances-by-search#addIncidentIssuancesBySearch", { ctx, input: { incidentId: b.incidentId, from: "2026-01-01T00:00", to: "2026-12-31T23:59" } }),
  "incidents/void-incident-issuances#voidIncidentIssuances": ({ ctx, b }) =>
    call("incidents/void-incident-issuances#voidIncidentIssuances", { ctx, input: { incidentId: b.incidentId, scope: "all", reason: "misissued", confirm: true } }),
  "incidents/close-incident#closeIncident": ({ ctx, b }) => call("incidents/close-incident#closeIncident", { ctx, input: { incidentId: b.incidentId, reason: "乗っ取り" } }),
  "incidents/get-incident#getIncident": ({ ctx, b }) => call("incidents/get-incident#getIncident", { ctx, input: { incidentId: b.incidentId } }),
  "incidents/list-incidents#listIncidents": ({ ctx, b }) => call("incidents/list-incidents#listIncidents", { ctx, input: { municipality: b.code } }),

  "api-clients/create-api-client#createApiClient": ({ ctx, b }) => call("api-clients/create-api-client#createApiClient", { ctx, input: { name: "乗っ取り", municipalityCode: b.code } }),
  "api-clients/list-api-clients#listApiClients": ({ ctx }) => call("api-clients/list-api-clients#listApiClients", { ctx }),
  "api-clients/revoke-api-client#revokeApiClient": ({ ctx, b }) => call("api-clients/revoke-api-client#revokeApiClient", { ctx, input: { id: b.apiClientId } }),
  "api-clients/rotate-api-client#rotateApiClient": ({ ctx, b }) => call("api-clients/rotate-api-client#rotateApiClient", { ctx, input: { id: b.apiClientId } }),
  "api-clients/update-api-client-scopes#updateApiClientScopes": ({ ctx, b }) =>
    call("api-clients/update-api-client-scopes#updateApiClientScopes", { ctx, input: { id: b.apiClientId, scopes: ["kiosk_issuance", "koseki_intake", "imports"] } }),

  "imports/import-from-portal#importFromPortal": ({ ctx, b }) =>
    call("imports/import-from-portal#importFromPortal", { ctx, query: new URLSearchParams({ municipalityId: b.id, feed: "residents", mode: "full" }), filePath: "/dev/null" }),
  "imports/list-import-jobs#listImportJobs": ({ ctx, b }) => call("imports/list-import-jobs#listImportJobs", { ctx, municipalityCode: b.code }),

  "certificates/preview-certificate#listPreviewMunicipalities": ({ ctx }) => call("certificates/preview-certificate#listPreviewMunicipalities", { ctx }),
  "certificates/preview-certificate#previewCertificate": ({ ctx, b }) => call("certificates/preview-certificate#previewCertificate", { ctx, municipalityCode: b.code, type: "residence" }),
  "certificates/preview-certificate#previewCertificateSet": ({ ctx, b }) => call("certificates/preview-certificate#previewCertificateSet", { ctx, municipalityCode: b.code }),

  "dashboard/get-dashboard-summary#getDashboardSummary": ({ ctx }) => call("dashboard/get-dashboard-summary#getDashboardSummary", { ctx }),

  "koseki-registration/list-registration-queue#listRegistrationQueue": ({ ctx }) => call("koseki-registration/list-registration-queue#listRegistrationQueue", { ctx, input: { filter: "all" } }),
  "koseki-registration/get-registration-review#getRegistrationReview": ({ ctx, b }) => call("koseki-registration/get-registration-review#getRegistrationReview", { ctx, input: { registrationId: b.registrationId } }),
  "koseki-registration/approve-registration#approveRegistration": ({ ctx, b }) =>
    call("koseki-registration/approve-registration#approveRegistration", { ctx, input: { registrationId: b.registrationId, kosekiMemberId: b.kosekiMemberId } }),
  "koseki-registration/reject-registration#rejectRegistration": ({ ctx, b }) =>
    call("koseki-registration/reject-registration#rejectRegistration", { ctx, input: { registrationId: b.registrationId, reasonCode: "other", note: "" } }),

  "stats/get-usage-statistics#getUsageStatistics": ({ ctx, b }) => call("stats/get-usage-statistics#getUsageStatistics", { ctx, input: { municipalityId: b.id, month: "2026-11" } }),
  "stats/rebuild-usage-rollups#rebuildUsageRollups": ({ ctx }) => call("stats/rebuild-usage-rollups#rebuildUsageRollups", { ctx, input: { month: "2026-11" } }),
  "reports/generate-monthly-report#generateMonthlyReport": ({ ctx, b }) => call("reports/generate-monthly-report#generateMonthlyReport", { ctx, input: { municipalityId: b.id, month: "2026-10" } }),
  "reports/get-report-file#getReportFile": ({ ctx, b }) => call("reports/get-report-file#getReportFile", { ctx, input: { reportId: b.reportId, format: "pdf" } }),
  "reports/list-monthly-reports#listMonthlyReports": ({ ctx, b }) => call("reports/list-monthly-reports#listMonthlyReports", { ctx, input: { municipalityId: b.id } }),
  "settlement/add-commission-rate#addCommissionRate": ({ ctx, b }) =>
    call("settlement/add-commission-rate#addCommissionRate", { ctx, input: { municipalityId: b.id, storeChain: "", amount: 1, effectiveFrom: "2027-01-01" } }),
  "settlement/get-settlement#getSettlement": ({ ctx, b }) => call("settlement/get-settlement#getSettlement", { ctx, input: { municipalityId: b.id, month: "2026-11" } }),
  "issuance-blocks/set-issuance-block#setIssuanceBlock": ({ ctx, b }) =>
    call("issuance-blocks/set-issuance-block#setIssuanceBlock", { ctx, input: { residentNo: b.residentNo, reason: "support_measure_request", note: "" } }),
  "issuance-blocks/lift-issuance-block#liftIssuanceBlock": ({ ctx, b }) => call("issuance-blocks/lift-issuance-block#liftIssuanceBlock", { ctx, input: { blockId: b.blockId } }),
  "issuance-blocks/list-issuance-blocks#listIssuanceBlocks": ({ ctx }) => call("issuance-blocks/list-issuance-blocks#listIssuanceBlocks", { ctx }),
  "settlement/set-counter-count#setCounterCount": ({ ctx, b }) => call("settlement/set-counter-count#setCounterCount", { ctx, input: { municipalityId: b.id, month: "2026-11", copies: 1 } }),
  "mayor-and-seal/list-mayor-and-seal-history#listMayorAndSealHistory": ({ ctx, b }) =>
    call("mayor-and-seal/list-mayor-and-seal-history#listMayorAndSealHistory", { ctx, input: { municipalityId: b.id } }),
  "mayor-and-seal/record-mayor-term#recordMayorTerm": ({ ctx, b }) =>
    call("mayor-and-seal/record-mayor-term#recordMayorTerm", { ctx, input: { municipalityId: b.id, effectiveFrom: "2099-01-01", mayorTitle: "区長", mayorName: "乗っ取り" } }),
  "mayor-and-seal/record-official-seal#recordOfficialSeal": ({ ctx, b }) =>
    call("mayor-and-seal/record-official-seal#recordOfficialSeal", { ctx, input: { municipalityId: b.id, effectiveFrom: "2099-01-01", image: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) } }),
  "mayor-and-seal/get-official-seal-entry-image#getOfficialSealEntryImage": ({ ctx }) => call("mayor-and-seal/get-official-seal-entry-image#getOfficialSealEntryImage", { ctx, input: { id: bSealId } }),
  "municipal-settings/get-municipal-settings#getMunicipalSettings": ({ ctx, b }) => call("municipal-settings/get-municipal-settings#getMunicipalSettings", { ctx, input: { municipalityId: b.id } }),
  "municipal-settings/schedule-issuance-settings#scheduleIssuanceSettings": ({ ctx, b }) =>
    call("municipal-settings/schedule-issuance-settings#scheduleIssuanceSettings", {
      ctx,
      input: { municipalityId: b.id, usableFromNextDay: false, nameMaxLength: 1, nameMaxLines: 1, addressMaxLength: 1, addressMaxLines: 1, excludeAdultWards: true, effectiveFrom: "2031-01-01" },
    }),
  "municipal-settings/cancel-issuance-settings#cancelIssuanceSettings": ({ ctx, b }) =>
    call("municipal-settings/cancel-issuance-settings#cancelIssuanceSettings", { ctx, input: { versionId: b.settingsVersionId } }),
  "municipal-settings/update-operational-settings#updateOperationalSettings": ({ ctx, b }) =>
    call("municipal-settings/update-operational-settings#updateOperationalSettings", { ctx, input: { municipalityId: b.id, pdfRetentionHours: 1, registrationReviewDays: 1, yearEndClosure: false } }),
  "municipal-settings/add-closure-day#addClosureDay": ({ ctx, b }) => call("municipal-settings/add-closure-day#addClosureDay", { ctx, input: { municipalityId: b.id, day: "2031-01-06", reason: "乗っ取り" } }),
  "municipal-settings/remove-closure-day#removeClosureDay": ({ ctx, b }) => call("municipal-settings/remove-closure-day#removeClosureDay", { ctx, input: { closureDayId: b.closureDayId } }),
  "residents/search-residents#searchResidents": ({ ctx, b }) => call("residents/search-residents#searchResidents", { ctx, input: { cardSerial: b.cardSerial } }),
  "residents/get-resident-inquiry#getResidentInquiry": ({ ctx, b }) => call("residents/get-resident-inquiry#getResidentInquiry", { ctx, input: { residentId: b.residentId } }),
  "refusals/get-refusal-statistics#getRefusalStatistics": ({ ctx, b }) => call("refusals/get-refusal-statistics#getRefusalStatistics", { ctx, input: { municipalityId: b.id, month: "2026-11" } }),
  // The alert verbs take the tenant from the session only: no input names a municipality.
  "alerts/get-alert-settings#getAlertSettings": ({ ctx }) => call("alerts/get-alert-settings#getAlertSettings", { ctx }),
  "alerts/update-alert-settings#updateAlertSettings": ({ ctx }) => call("alerts/update-alert-settings#updateAlertSettings", { ctx, input: { recipients: "probe@example.jp", webhookUrl: "", rotateSecret: false } }),
  "alerts/list-alerts#listAlerts": ({ ctx }) => call("alerts/list-alerts#listAlerts", { ctx, input: {} }),
  // The auditors' exports: a streamed CSV is read to the end, so its text is what the markers are looked for in.
  "logs/export-audit-log#exportAuditLog": ({ ctx, b }) => call("logs/export-audit-log#exportAuditLog", { ctx, input: { from: "2026-01-01", to: "2026-12-31", chain: b.code } }).then(drain),
  "logs/export-issuance-log#exportIssuanceLog": ({ ctx, b }) => call("logs/export-issuance-log#exportIssuanceLog", { ctx, input: { from: "2026-01-01", to: "2026-12-31", municipality: b.code } }).then(drain),
  "incidents/export-incident-report#exportIncidentReport": ({ ctx, b }) => call("incidents/export-incident-report#exportIncidentReport", { ctx, input: { incidentId: b.incidentId, format: "csv-utf8" } }),
};

/** A download whose body is a sequence of chunks, with the body read into text. */
async function drain(file: unknown): Promise<unknown> {
  const f = file as { body: AsyncIterable<Uint8Array> };
  const chunks: Uint8Array[] = [];
  for await (const c of f.body) chunks.push(c);
  return { ...f, body: Buffer.concat(chunks).toString("utf8") };
}

/** Everything B holds, as text, to compare before and after the probes. */
async function snapshot(municipalityId: string): Promise<string> {
  const db = ownerDb();
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name::text AS name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'municipalityId' AND table_name <> 'AuditEvent' ORDER BY 1`;
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<{ r: string }[]>(`SELECT t::text AS r FROM "${name}" t WHERE "municipalityId" = $1::uuid ORDER BY 1`, municipalityId);
    parts.push(name, ...rows.map((x) => x.r));
  }
  const m = await db.$queryRawUnsafe<{ r: string }[]>(`SELECT t::text AS r FROM "Municipality" t WHERE id = $1::uuid`, municipalityId);
  return [...parts, ...m.map((x) => x.r)].join("\n");
}

describe("cross-tenant probe: A's administrator aims every staff verb at B (both built by the test)", () => {
  let t: Targets;
  let markers: string[];

  beforeAll(async () => {
    const db = ownerDb();
    // Two tenants of this test's own: A (whose administrator probes) and B (the target, named apart from A
    // so that B's name in an answer is a leak, never a prefix of A's).
    const a = await createTenant();
    const b = await createTenant({ name: "越境先区", nameKana: "エッキョウサキク", mayorTitle: "越境先区長" });
    const bStaff = b.clerk;
    const card = b.card;
    const issuance = await db.issuance.create({
      data: {
        municipalityId: b.municipality.id, issuanceNo: `${b.municipality.code}-2026-99999999`, certificateType: "residence", purpose: "residence", cardCertificateId: card.id,
        requesterResidentId: card.residentId, subjectDigest: "d", options: {}, copies: 1, feePerCopy: 200, feeTotal: 200, status: "failed",
        apiClientId: b.apiClient.id, idempotencyKey: "probe", requestHash: "h", centreTransactionId: "t", storeChain: "probe", storeCode: "1",
        terminalId: "1", pdfExpiresAt: new Date("2026-11-27T11:00:00+09:00"), pdfSha256: "s", pageCount: 1,
      },
    });
    // An application pending at B (as the 本籍地) from an A cardholder, and a B koseki member.
    const registration = await createRegistration(b.municipality.id, a.card, { status: "pending" });
    const member = b.koseki.members[0];
    // A monthly report of B, generated by its own administrator.
    const bCtx: RequestContext = { actor: { type: "staff", id: b.admin.id, role: "municipal_admin", municipalityId: b.municipality.id }, municipalityId: b.municipality.id, requestId: "probe" };
    await call("reports/generate-monthly-report#generateMonthlyReport", { ctx: bCtx, input: { month: "2026-10" } });
    const report = await db.monthlyReport.findFirstOrThrow({ where: { municipalityId: b.municipality.id } });
    // A 交付停止 in force on a B resident (the cardholder above).
    const blocked = b.head;
    const block = b.block;
    t = {
      ctx: { actor: { type: "staff", id: a.admin.id, role: "municipal_admin", municipalityId: a.municipality.id }, municipalityId: a.municipality.id, requestId: "probe" },
      b: { id: b.municipality.id, code: b.municipality.code, staffUserId: bStaff.id, incidentId: b.incident.id, issuanceId: issuance.id, stopId: b.stop.id, emergencyStopId: b.emergencyStop.id, apiClientId: b.apiClient.id, registrationId: registration.id, kosekiMemberId: member.id, reportId: report.id, residentNo: blocked.residentNo, blockId: block.id, settingsVersionId: b.settingsVersion.id, closureDayId: b.closureDay.id, residentId: blocked.id, cardSerial: card.serial },
    };
    bSealId = (await db.officialSeal.create({ data: { municipalityId: b.municipality.id, effectiveFrom: new Date("2020-01-01T00:00:00Z"), image: new Uint8Array([1]), sha256: "0".repeat(64), bytes: 1 } })).id;
    markers = [b.municipality.id, b.municipality.code, bStaff.id, bStaff.loginId, b.incident.id, issuance.id, b.stop.id, b.emergencyStop.id, b.apiClient.id, registration.id, registration.receiptNo, member.id, report.id, b.municipality.name, b.settingsVersion.id, b.closureDay.id, blocked.id, card.serial];
  }, 120_000);

  it("every exported function of the verb modules is probed or documented as not a verb", () => {
    const exported = Object.entries(modules).flatMap(([file, mod]) =>
      Object.entries(mod)
        .filter(([, v]) => typeof v === "function" && v.constructor.name === "AsyncFunction")
        .map(([name]) => `${file.replace(/^\/server\//, "").replace(/\.ts$/, "")}#${name}`),
    );
    const unclassified = exported.filter((e) => !(e in PROBES) && !(e in NOT_VERBS));
    expect(unclassified).toEqual([]);
    const stale = [...Object.keys(PROBES), ...Object.keys(NOT_VERBS)].filter((k) => !exported.includes(k));
    expect(stale).toEqual([]);
  });

  it("the portal's pages, server actions and routes reach data only through probed verbs", () => {
    const root = path.join(import.meta.dirname, "..", "..");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(ts|tsx)$/.test(e.name)) files.push(full);
      }
    };
    walk(path.join(root, "app"));
    const offences: string[] = [];
    let verbImports = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      const rel = path.relative(root, file);
      for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*"@\/server\/([^"]+)"/g)) {
        const [, typeOnly, names, mod] = m;
        if (/^(db|db\/tenant|generated\/)/.test(mod) && !typeOnly) offences.push(`${rel}: imports @/server/${mod} (data access outside a verb)`);
        if (typeOnly || !modules[`/server/${mod}.ts`]) continue;
        for (const raw of names.split(",")) {
          const name = raw.trim();
          if (!name || name.startsWith("type ")) continue;
          const key = `${mod}#${name.split(/\s+as\s+/)[0]}`;
          const fnValue = modules[`/server/${mod}.ts`][key.split("#")[1]];
          if (typeof fnValue !== "function" || fnValue.constructor.name !== "AsyncFunction") continue; // pure helpers read no data
          verbImports += 1;
          if (!(key in PROBES) && !(key in NOT_VERBS)) offences.push(`${rel}: calls ${key}, which has no probe`);
        }
      }
    }
    expect(verbImports).toBeGreaterThan(40);
    expect(offences).toEqual([]);
  });

  /** Runs every probe with `ctx` and lists what reached B (answers with its traces, non-refusals). */
  async function probeAll(ctx: RequestContext): Promise<string[]> {
    const outcomes: Record<string, Outcome> = {};
    for (const [name, probe] of Object.entries(PROBES)) {
      try {
        outcomes[name] = { result: await probe({ ...t, ctx }) };
      } catch (e) {
        const code = (e as { code?: string }).code;
        outcomes[name] = { refused: typeof code === "string" ? code : `unexpected: ${String(e)}` };
      }
    }
    const leaks: string[] = [];
    for (const [name, o] of Object.entries(outcomes)) {
      if ("refused" in o) {
        if (SELF_VERBS.has(name) && !o.refused.startsWith("unexpected")) continue;
        // A validation error would mean the probe never reached the tenant check: it must be a real refusal.
        if (!REFUSALS.has(o.refused) && !o.refused.endsWith("_not_found") && !o.refused.startsWith("forbidden")) leaks.push(`${name}: refused with ${o.refused}`);
        continue;
      }
      const text = JSON.stringify(o.result, (_k, v) => (v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v)) ?? "";
      const found = markers.filter((m) => text.includes(m));
      if (found.length) leaks.push(`${name}: answer contains ${found.join(", ")}`);
    }
    return leaks;
  }

  it("gets nothing of B from any verb and changes nothing of it", async () => {
    const before = await snapshot(t.b.id);
    expect(await probeAll(t.ctx)).toEqual([]);
    expect(await snapshot(t.b.id)).toBe(before);
  });

  it("the probe sees a leak when there is one: the operator, who may read every municipality, gets B's data", async () => {
    const operator = await createStaffUser({ municipalityId: null, role: "operator" });
    const ctx: RequestContext = { actor: { type: "staff", id: operator.id, role: "operator", municipalityId: null }, municipalityId: null, requestId: "probe" };
    const leaks = await probeAll(ctx);
    for (const verb of ["logs/get-issuance-detail#getIssuanceDetail", "incidents/get-incident#getIncident", "municipalities/get-municipality#getMunicipality", "staff/list-staff#listStaff"]) {
      expect(leaks.some((l) => l.startsWith(`${verb}: answer contains`))).toBe(true);
    }
  });
});
