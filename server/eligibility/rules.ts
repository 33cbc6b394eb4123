import "server-only";
import { isKosekiType, KOSEKI_TYPES, TAX_TYPES, type CertificateTypeId } from "@/lib/certificate-types";
import type { RefusalCode } from "@/lib/refusal-reasons";
import { fitsField } from "@/lib/schemas/municipal-settings";
import { ageOn } from "./age";
import type { EligibilityFacts, PersonFacts } from "./facts";

// The refusal rules of DOMAIN.md §3, one per reason code, in the order a resident is told about them
// (card first, then person, then certificate, then service). A rule names the certificate types it applies
// to; tax and 戸籍 rules join this table with their own `types` lists.

export type Rule = {
  code: RefusalCode;
  /** Types the rule applies to; "all" for every type. */
  types: "all" | readonly CertificateTypeId[];
  /** True when the request must be refused. */
  refuses(f: EligibilityFacts, type: CertificateTypeId): boolean;
};

const RESIDENCE_TYPES = ["residence", "residence-entry"] as const;
const RESIDENT_SERVICE_TYPES = ["residence", "residence-entry", "seal", "tax-income", "tax-assessment", "tax-income-assessment"] as const;

const req = (f: EligibilityFacts): PersonFacts | null => f.requester;

function taxYearReason(f: EligibilityFacts, year: number): RefusalCode | null {
  if (!f.tax.offeredYears.includes(year)) return "tax_year_not_offered";
  const record = f.tax.records.find((r) => r.fiscalYear === year);
  if (!record) return "tax_record_missing";
  if (!record.residentOnJan1) return "tax_not_resident_on_jan1";
  return null;
}

/** The tax refusal for the requested 年度, or — when none is named — null if any offered year can be issued. */
export function taxReason(f: EligibilityFacts): RefusalCode | null {
  const years = f.request.fiscalYear !== undefined ? [f.request.fiscalYear] : f.tax.offeredYears;
  const reasons = years.map((y) => taxYearReason(f, y));
  if (reasons.some((r) => r === null)) return null;
  return reasons[0] ?? "tax_year_not_offered";
}

/** The 年度 of a tax certificate that can be issued now. */
export function availableFiscalYears(f: EligibilityFacts): number[] {
  return f.tax.offeredYears.filter((y) => taxYearReason(f, y) === null);
}

const kosekiIs = (status: string) => (f: EligibilityFacts) => f.koseki?.status === status;

function closedRegisterRefused(f: EligibilityFacts, t: CertificateTypeId): boolean {
  const register = f.request.register ?? "current";
  const o = f.types[t]?.offering;
  if (register === "joseki") return !o?.allowJoseki;
  if (register === "kaisei_genkoseki") return !o?.allowKaiseiGenkoseki;
  return false;
}

export const RULES: readonly Rule[] = [
  // ── card ──
  { code: "card_revoked", types: "all", refuses: (f) => f.card.status === "revoked" },
  { code: "card_suspended", types: "all", refuses: (f) => f.card.status === "suspended" },
  { code: "card_expired", types: "all", refuses: (f) => f.now >= f.card.validUntil },
  { code: "card_not_yet_valid", types: "all", refuses: (f) => f.now < f.card.validFrom },
  { code: "card_issued_today", types: "all", refuses: (f) => f.policy.usableFromNextDay && f.card.cardIssuedOn === f.today },
  { code: "pin_changed_today", types: "all", refuses: (f) => f.policy.usableFromNextDay && f.card.pinChangedOn === f.today },
  // ── purpose: 戸籍 and 附票 are 本籍地 services, the others 住所地 services ──
  { code: "purpose_not_supported", types: "all", refuses: (f, t) => (f.purpose === "honseki") !== isKosekiType(t) },
  // ── service (municipality level) ──
  // No 公印 image, no certificate: the generic "not served here" answer rather than a certificate without its seal.
  { code: "municipality_not_active", types: "all", refuses: (f) => f.policy.status !== "active" || !f.policy.hasOfficialSeal },
  // ── person ──
  { code: "resident_not_found", types: RESIDENT_SERVICE_TYPES, refuses: (f) => req(f) === null },
  { code: "resident_support_measure", types: "all", refuses: (f) => !!req(f)?.supportMeasure || (f.koseki?.status === "found" && f.koseki.memberSupportMeasure) },
  { code: "resident_issuance_stopped", types: "all", refuses: (f) => !!req(f)?.issuanceBlocked },
  { code: "resident_deceased", types: "all", refuses: (f) => req(f)?.status === "deceased" },
  { code: "resident_moved_out", types: RESIDENT_SERVICE_TYPES, refuses: (f) => req(f)?.status === "moved_out" },
  { code: "resident_move_out_planned", types: RESIDENT_SERVICE_TYPES, refuses: (f) => !!req(f)?.moveOutPlannedOn },
  { code: "resident_under_15", types: "all", refuses: (f) => !!req(f) && ageOn(req(f)!.dateOfBirth, f.today) < 15 },
  { code: "resident_adult_ward", types: "all", refuses: (f) => f.policy.excludeAdultWards && !!req(f)?.adultWard },
  {
    code: "resident_moved_in_today",
    types: RESIDENT_SERVICE_TYPES,
    refuses: (f) => f.policy.usableFromNextDay && !!req(f) && (req(f)!.becameResidentOn === f.today || req(f)!.addressSetOn === f.today),
  },
  { code: "gaiji_pending", types: "all", refuses: (f) => !!req(f)?.gaijiPending },
  { code: "name_too_long", types: RESIDENT_SERVICE_TYPES, refuses: (f) => !!req(f) && !fitsField(req(f)!.nameLength, f.policy.nameMaxLength, f.policy.nameMaxLines) },
  { code: "address_too_long", types: RESIDENT_SERVICE_TYPES, refuses: (f) => !!req(f) && !fitsField(req(f)!.addressLength, f.policy.addressMaxLength, f.policy.addressMaxLines) },
  // ── others the certificate would show (docs/decisions/0011) ──
  // A 住民票 shows the household: any member under protection refuses it, whatever their status (a victim who
  // moved out is still on the household's register). A 附票 shows every member's address: any protected member
  // of the register refuses it, whichever members are chosen. Same generic answer as the requester's own.
  {
    code: "household_support_measure",
    types: [...RESIDENCE_TYPES, "koseki-fuhyo"],
    refuses: (f, t) => (t === "koseki-fuhyo" ? f.koseki?.status === "found" && f.koseki.supportMeasureInRecord : f.householdOthers.some((p) => p.supportMeasure)),
  },
  { code: "household_move_out_planned", types: RESIDENCE_TYPES, refuses: (f) => f.householdOthers.some((p) => p.status === "active" && !!p.moveOutPlannedOn) },
  // ── certificate ──
  { code: "seal_not_registered", types: ["seal"], refuses: (f) => !f.hasActiveSealRegistration },
  { code: "tax_year_not_offered", types: TAX_TYPES, refuses: (f) => taxReason(f) === "tax_year_not_offered" },
  { code: "tax_record_missing", types: TAX_TYPES, refuses: (f) => taxReason(f) === "tax_record_missing" },
  { code: "tax_not_resident_on_jan1", types: TAX_TYPES, refuses: (f) => taxReason(f) === "tax_not_resident_on_jan1" },
  // What the municipality does not offer at all is said before anything about the person's registration.
  { code: "koseki_closed_record_not_offered", types: KOSEKI_TYPES, refuses: closedRegisterRefused },
  { code: "koseki_registration_missing", types: KOSEKI_TYPES, refuses: kosekiIs("registration_missing") },
  { code: "koseki_registration_pending", types: KOSEKI_TYPES, refuses: kosekiIs("registration_pending") },
  { code: "koseki_registration_rejected", types: KOSEKI_TYPES, refuses: kosekiIs("registration_rejected") },
  { code: "koseki_registration_renewal_needed", types: KOSEKI_TYPES, refuses: kosekiIs("registration_renewal_needed") },
  { code: "koseki_record_not_found", types: KOSEKI_TYPES, refuses: kosekiIs("record_not_found") },
  { code: "koseki_pending_filing", types: KOSEKI_TYPES, refuses: (f) => f.koseki?.status === "found" && f.koseki.pendingFiling },
  // ── offering and service calendar ──
  { code: "certificate_not_offered", types: "all", refuses: (f, t) => !f.types[t]?.offering?.enabled },
  { code: "service_emergency_stop", types: "all", refuses: (f, t) => closedBy(f, t, "service_emergency_stop") },
  { code: "service_year_end_closure", types: "all", refuses: (f, t) => closedBy(f, t, "service_year_end_closure") },
  { code: "service_local_closure", types: "all", refuses: (f, t) => closedBy(f, t, "service_local_closure") },
  { code: "service_planned_stop", types: "all", refuses: (f, t) => closedBy(f, t, "service_planned_stop") },
  { code: "service_out_of_hours", types: "all", refuses: (f, t) => closedBy(f, t, "service_out_of_hours") },
  { code: "fee_not_configured", types: "all", refuses: (f, t) => f.types[t]?.fee == null },
];

function closedBy(f: EligibilityFacts, t: CertificateTypeId, reason: string): boolean {
  const a = f.types[t]?.availability;
  return !!a && !a.open && a.reason === reason;
}

export const ruleApplies = (rule: Rule, type: CertificateTypeId) => rule.types === "all" || rule.types.includes(type);
