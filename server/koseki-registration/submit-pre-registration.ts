import "server-only";
import { birthDateOf, ZPreRegistrationForm, type PreRegistrationFormInput } from "@/lib/schemas/koseki-registration";
import { writeAuditEvent } from "../audit/write-audit-event";
import { systemContext, type RequestContext } from "../context";
import { encryptField, FieldContext } from "../crypto/field-encryption";
import type { Tx } from "../db";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { getEnv } from "../env";
import { enforceRateLimit, RATE_LIMITS, rateLimited } from "../public/rate-limit";
import { parseInput } from "../parse-input";
import { jstMidnight, jstParts } from "../service-calendar/jst";
import { assertIntakeOpen, fullHonseki, INTAKE_MUNICIPALITY_SELECT, reviewDueOn, ymdOf } from "./intake";
import { newReceiptNo } from "./receipt-number";
import { raiseAlert } from "../alerts/raise-alert";

export type PreRegistrationReceipt = { receiptNo: string; municipalityName: string; receivedAt: string };

/**
 * The public web pre-registration (no sign-in). Stored at the 本籍地 municipality as a pending application
 * without a card; the resident completes it at a kiosk with the receipt number, which binds the card
 * certificate (docs/decisions/0006). `clientKey` identifies the caller for the throttle (client address).
 */
export async function submitPreRegistration({ input, clientKey, now = new Date() }: { input: PreRegistrationFormInput; clientKey: string; now?: Date }): Promise<PreRegistrationReceipt> {
  const v = parseInput(ZPreRegistrationForm, input, "the form has errors");
  await enforceRateLimit(RATE_LIMITS.preRegistrationPerClient, clientKey, now);

  const municipality = await withTenant(systemContext("koseki-intake"), (tx) => tx.municipality.findUnique({ where: { code: v.honsekiMunicipalityCode }, select: INTAKE_MUNICIPALITY_SELECT }));
  if (!municipality) throw new AppError("municipality_unknown", "no municipality with this code is served here");

  const ctx: RequestContext = { actor: { type: "resident", id: null }, municipalityId: municipality.id, requestId: crypto.randomUUID() };
  return withTenant(ctx, async (tx) => {
    await assertIntakeOpen(tx, municipality, now);
    await assertUnderDailyCap(tx, municipality.id, now);
    const row = await tx.kosekiRegistration.create({
      data: {
        municipalityId: municipality.id,
        receiptNo: newReceiptNo(),
        status: "pending",
        source: "web",
        applicantFamilyName: v.familyName,
        applicantGivenName: v.givenName,
        applicantFamilyNameKana: v.familyNameKana,
        applicantGivenNameKana: v.givenNameKana,
        applicantDateOfBirth: new Date(`${birthDateOf(v)}T00:00:00Z`),
        currentAddress: v.currentAddress,
        honseki: fullHonseki(municipality, v.honsekiAddress),
        kosekiHeadName: v.kosekiHeadName,
        emailCipher: v.email ? encryptField(v.email, FieldContext.registrationEmail).cipher : null,
        consentAt: now,
        // Received at the instant the request is judged at, so the received date, the due date and the
        // intake window agree (the status page shows this date in JST).
        createdAt: now,
        dueOn: await reviewDueOn(tx, municipality, now),
      },
      select: { id: true, receiptNo: true, dueOn: true },
    });
    await writeAuditEvent(tx, ctx, { action: "koseki_registration.pre_register", targetType: "KosekiRegistration", targetId: row.id, details: { source: "web", dueOn: ymdOf(row.dueOn), withEmail: Boolean(v.email) } });
    // A new application for the municipality's recipients (docs/decisions/0016): its ids only.
    await raiseAlert(tx, {
      municipalityId: municipality.id,
      kind: "registration_received",
      dedupeKey: `registration_received:${row.id}`,
      payload: { registrationId: row.id, receiptNo: row.receiptNo, source: "web", dueOn: ymdOf(row.dueOn) },
      now,
    });
    return { receiptNo: row.receiptNo, municipalityName: `${municipality.prefecture}${municipality.name}`, receivedAt: now.toISOString() };
  });
}

/**
 * The municipality's web pre-registrations of this JST day stay within PRE_REGISTRATION_DAILY_CAP
 * (server/public/rate-limit.ts). The lock orders concurrent submissions for the municipality until commit, so
 * each one counts the rows the earlier ones inserted (READ COMMITTED takes a new snapshot per statement).
 */
async function assertUnderDailyCap(tx: Tx, municipalityId: string, now: Date): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`pre-registration-day:${municipalityId}`}, 0))`;
  const start = jstMidnight(jstParts(now).ymd);
  const end = new Date(start.getTime() + 24 * 60 * 60_000);
  const today = await tx.kosekiRegistration.count({ where: { municipalityId, source: "web", createdAt: { gte: start, lt: end } } });
  if (today >= getEnv().PRE_REGISTRATION_DAILY_CAP) throw rateLimited();
}
