import "server-only";
import {
  birthDateOf,
  REJECT_REASONS,
  REREGISTRATION_REASONS,
  ZRegistrationStatusLookup,
  type RegistrationStatusLookupInput,
  type RegistrationStatusName,
} from "@/lib/schemas/koseki-registration";
import { jstDateString } from "@/lib/jst";
import { systemContext, type RequestContext } from "../context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { enforceRateLimit, RATE_LIMITS } from "../public/rate-limit";
import { ymdOf } from "./intake";

export type RegistrationStatusView = {
  receiptNo: string;
  /** The kiosk application that took over this web pre-registration, when there is one. */
  kioskReceiptNo: string | null;
  status: RegistrationStatusName;
  /** A web pre-registration still waiting for the kiosk application with the card. */
  awaitingCard: boolean;
  municipalityName: string;
  receivedOn: string;
  dueOn: string | null;
  decidedOn: string | null;
  rejectReason: string | null;
  reregistrationReason: string | null;
};

/**
 * The public status page: receipt number + date of birth. An unknown number and a wrong date of birth
 * answer the same `registration_not_found`; both the caller and the receipt number are throttled, so the
 * page cannot be used to enumerate applications or guess a birth date.
 */
export async function lookupRegistrationStatus({ input, clientKey, now = new Date() }: { input: RegistrationStatusLookupInput; clientKey: string; now?: Date }): Promise<RegistrationStatusView> {
  const lookup = parseInput(ZRegistrationStatusLookup, input, "the form has errors");
  const { receiptNo } = lookup;
  await enforceRateLimit(RATE_LIMITS.statusLookupPerClient, clientKey, now);
  await enforceRateLimit(RATE_LIMITS.statusLookupPerReceipt, receiptNo, now);

  const notFound = () => new AppError("registration_not_found", "no application matches this receipt number and date of birth");
  const located = await withTenant(systemContext("koseki-status"), (tx) => tx.kosekiRegistration.findUnique({ where: { receiptNo }, select: { municipalityId: true } }));
  if (!located) throw notFound();

  const ctx: RequestContext = { actor: { type: "resident", id: null }, municipalityId: located.municipalityId, requestId: crypto.randomUUID() };
  return withTenant(ctx, async (tx) => {
    const row = await tx.kosekiRegistration.findUnique({ where: { receiptNo }, include: { municipality: { select: { name: true, prefecture: true } } } });
    if (!row || row.municipalityId !== located.municipalityId || ymdOf(row.applicantDateOfBirth) !== birthDateOf(lookup)) throw notFound();
    const successor = row.status === "withdrawn" ? await tx.kosekiRegistration.findFirst({ where: { preRegistrationId: row.id, municipalityId: row.municipalityId }, orderBy: { createdAt: "desc" } }) : null;
    const shown = successor ?? row;
    // A resident read of an application: audited like the staff views (ids and the status only).
    await writeAuditEvent(tx, ctx, { action: "koseki_registration.status_view", targetType: "KosekiRegistration", targetId: shown.id, details: { status: shown.status } });
    return {
      receiptNo: row.receiptNo,
      kioskReceiptNo: successor?.receiptNo ?? null,
      status: shown.status,
      awaitingCard: shown.status === "pending" && shown.cardSerial === null,
      municipalityName: `${row.municipality.prefecture}${row.municipality.name}`,
      receivedOn: jstDateString(shown.createdAt),
      dueOn: shown.status === "pending" && shown.cardSerial !== null ? ymdOf(shown.dueOn) : null,
      decidedOn: shown.decidedAt ? jstDateString(shown.decidedAt) : null,
      rejectReason: shown.status === "rejected" && shown.rejectReasonCode ? (REJECT_REASONS[shown.rejectReasonCode as keyof typeof REJECT_REASONS] ?? REJECT_REASONS.other) : null,
      reregistrationReason: shown.status === "reregistration_needed" && shown.reregistrationReason ? (REREGISTRATION_REASONS[shown.reregistrationReason as keyof typeof REREGISTRATION_REASONS] ?? null) : null,
    };
  });
}
