import "server-only";
import { CERTIFICATE_NAMES, isKosekiType, isTaxType, type CertificateTypeId } from "@/lib/certificate-types";
import { formatFiscalYear } from "@/lib/wareki";
import { refusalMessage, type RefusalCode } from "@/lib/refusal-reasons";
import type { EligibilityRequestBody } from "@/lib/schemas/kiosk";
import { writeAuditEvent } from "../audit/write-audit-event";
import { loadStopNotices, stopNoticesFor, type StopNotice } from "../service-calendar/stop-notices";
import { printedName } from "../certificates/person-format";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { konbiniMetrics, secondsSince } from "../metrics/metrics";
import { recordRefusals } from "../refusals/record-refusals";
import { evaluateEligibility } from "./evaluate-eligibility";
import { loadEligibilityFacts } from "./load-eligibility-facts";
import { availableFiscalYears } from "./rules";

/** The certificate types served per purpose. Tax and 戸籍 types join as their rules and templates land. */
export const SERVED_TYPES: Record<"residence" | "honseki", readonly CertificateTypeId[]> = {
  residence: ["residence", "residence-entry", "seal", "tax-income", "tax-assessment", "tax-income-assessment"],
  honseki: ["koseki-full", "koseki-individual", "koseki-fuhyo"],
};

export type CertificateAvailability =
  | {
      type: CertificateTypeId;
      name: string;
      available: true;
      feePerCopy: number;
      copyLimit: number;
      myNumberAllowed: boolean;
      /** Tax types: the 年度 that can be issued now, latest first. */
      fiscalYears?: Array<{ fiscalYear: number; label: string }>;
      /** お知らせ of planned or emergency stops affecting the type (absent when none). */
      notices?: StopNotice[];
    }
  | { type: CertificateTypeId; name: string; available: false; reason: RefusalCode; message: string; notices?: StopNotice[] };

export type EligibilityResponse = {
  transactionId: string;
  municipality: { code: string; name: string };
  certificates: CertificateAvailability[];
  /** The requester's household members a 住民票 may show (only when a 住民票 type is available). */
  householdMembers: Array<{ memberRef: string; name: string; relationship: string; isRequester: boolean }>;
  /** The people of the requester's 戸籍 (only when a 戸籍 type is available). */
  kosekiMembers: Array<{ memberRef: string; name: string; relationship: string; removed: boolean; isRequester: boolean }>;
};

/** What this cardholder may get now from this municipality. Read-only; the issuance re-checks everything. */
export async function checkEligibility({ ctx, input, now = new Date() }: { ctx: RequestContext; input: EligibilityRequestBody; now?: Date }): Promise<EligibilityResponse> {
  if (ctx.actor.type !== "api_client") throw new AppError("forbidden", "eligibility is for API clients");
  const clientMunicipalityId = ctx.actor.municipalityId;
  const types = SERVED_TYPES[input.purpose];
  const startedMs = performance.now();
  // Metrics (server/metrics): how long the answer took, whatever it was.
  const observe = (outcome: "answered" | "error") => konbiniMetrics().eligibilityDuration.observe({ outcome }, secondsSince(startedMs));
  try {
    const answer = await withTenant(ctx, async (tx) => {
      const loaded = await loadEligibilityFacts(tx, { card: input.card, municipalityCode: input.municipalityCode, purpose: input.purpose, types, now, lock: false, clientMunicipalityId });
      const municipality = loaded.facts ? loaded.subject.municipality : loaded.municipality;
      const refusedAll = (reason: RefusalCode): CertificateAvailability[] =>
        types.map((type) => ({ type, name: CERTIFICATE_NAMES[type], available: false, reason, message: refusalMessage(reason) }));

      let certificates: CertificateAvailability[];
      let householdMembers: EligibilityResponse["householdMembers"] = [];
      if (!loaded.facts) {
        certificates = refusedAll(loaded.refusal);
      } else {
        const facts = loaded.facts;
        certificates = types.map((type) => {
          const v = evaluateEligibility(facts, type);
          if (!v.available) return { type, name: CERTIFICATE_NAMES[type], available: false, reason: v.reason, message: v.message };
          const base = { type, name: CERTIFICATE_NAMES[type], available: true as const, feePerCopy: v.fee, copyLimit: v.copyLimit, myNumberAllowed: v.allowMyNumber };
          return isTaxType(type) ? { ...base, fiscalYears: availableFiscalYears(facts).map((y) => ({ fiscalYear: y, label: formatFiscalYear(y) })) } : base;
        });
        const residenceOpen = certificates.some((c) => c.available && (c.type === "residence" || c.type === "residence-entry"));
        if (residenceOpen) {
          householdMembers = loaded.subject.household
            .filter((r) => r.status === "active")
            .map((r) => ({ memberRef: r.id, name: printedName(r), relationship: r.relationship, isRequester: r.id === loaded.subject.requester?.id }));
        }
      }
      let kosekiMembers: EligibilityResponse["kosekiMembers"] = [];
      const k = loaded.facts?.koseki;
      if (k?.status === "found" && certificates.some((c) => c.available && isKosekiType(c.type))) {
        const members = await tx.kosekiMember.findMany({ where: { kosekiRecordId: k.recordId }, orderBy: { position: "asc" } });
        kosekiMembers = members.map((m) => ({ memberRef: m.id, name: `${m.familyName} ${m.givenName}`, relationship: m.relationship, removed: m.removed, isRequester: m.id === k.memberId }));
      }
      // お知らせ: the planned and emergency stops affecting each type, in force or starting within the week.
      const stops = await loadStopNotices(tx, municipality.id, now);
      certificates = certificates.map((c) => {
        const notices = stopNoticesFor(stops, c.type, now);
        return notices.length ? { ...c, notices } : c;
      });
      // Every refused type is recorded (codes only) so that staff can answer "why was I refused" (server/refusals).
      const residentId = loaded.facts ? (loaded.subject.requester?.id ?? null) : null;
      await recordRefusals(
        tx,
        certificates.flatMap((c) => (c.available ? [] : [{ municipalityId: municipality.id, source: "eligibility" as const, reason: c.reason, certificateType: c.type, refusedAt: now, terminal: input.terminal, residentId }])),
      );
      await writeAuditEvent(tx, { ...ctx, municipalityId: municipality.id }, {
        action: "eligibility.check",
        targetType: "CardCertificate",
        targetId: loaded.facts ? loaded.subject.card.id : undefined,
        details: { transactionId: input.transactionId, purpose: input.purpose, available: certificates.filter((c) => c.available).map((c) => c.type) },
      });
      return { transactionId: input.transactionId, municipality: { code: municipality.code, name: municipality.name }, certificates, householdMembers, kosekiMembers };
    });
    observe("answered");
    return answer;
  } catch (e) {
    observe("error");
    throw e;
  }
}
