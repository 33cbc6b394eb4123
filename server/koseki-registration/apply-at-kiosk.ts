import "server-only";
import { refusalMessage, type RefusalCode } from "@/lib/refusal-reasons";
import type { KosekiRegistrationRequestBody } from "@/lib/schemas/kiosk";
import { writeAuditEvent } from "../audit/write-audit-event";
import { systemContext, type RequestContext } from "../context";
import { encryptField, FieldContext } from "../crypto/field-encryption";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { assertIntakeOpen, fullHonseki, INTAKE_MUNICIPALITY_SELECT, reviewDueOn, ymdOf } from "./intake";
import { normalizeForMatch } from "./match-koseki";
import { newReceiptNo } from "./receipt-number";
import { raiseAlert } from "../alerts/raise-alert";

export type KosekiRegistrationResponse = {
  transactionId: string;
  receiptNo: string;
  status: "pending";
  municipality: { code: string; name: string };
  dueOn: string;
  preRegistrationLinked: boolean;
};

const refuse = (code: RefusalCode, message: string) => new AppError(code, message, { details: { reason: code, message: refusalMessage(code) } });

/**
 * The kiosk-side 本籍地 利用登録 (POST /api/kiosk/v1/koseki-registrations). The card certificate selects
 * the applicant: name, kana, date of birth and address come from the residence municipality's register, so
 * nothing in the body names a person. The application is bound to that certificate (issuer + serial).
 * With a pre-registration receipt number, the web application is taken over when its name and date of
 * birth are the cardholder's; any mismatch answers like an unknown number (no enumeration).
 * Runs across tenants (the card belongs to the residence municipality, the application to the 本籍地).
 */
export async function applyForRegistrationAtKiosk({ ctx, input, now = new Date() }: { ctx: RequestContext; input: KosekiRegistrationRequestBody; now?: Date }): Promise<KosekiRegistrationResponse> {
  if (ctx.actor.type !== "api_client") throw new AppError("forbidden", "koseki registration intake is for API clients");
  const clientMunicipalityId = ctx.actor.municipalityId;
  return withTenant(systemContext("koseki-intake"), async (tx) => {
    const municipality = await tx.municipality.findUnique({ where: { code: input.municipalityCode }, select: INTAKE_MUNICIPALITY_SELECT });
    if (!municipality) throw new AppError("municipality_unknown", "no municipality with this code is served here");
    if (clientMunicipalityId && clientMunicipalityId !== municipality.id) throw new AppError("client_not_allowed", "this API client may not serve this municipality");
    await assertIntakeOpen(tx, municipality, now);

    // One application at a time per certificate: concurrent kiosks cannot create two.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`koseki-registration:${input.card.issuer}:${input.card.serial}`}, 0))`;
    const card = await tx.cardCertificate.findUnique({ where: { issuer_serial: { issuer: input.card.issuer, serial: input.card.serial } } });
    if (!card) throw refuse("card_unknown", "the card certificate is not known here");
    if (card.status === "revoked") throw refuse("card_revoked", "the card certificate is revoked");
    if (card.status === "suspended") throw refuse("card_suspended", "the card certificate is suspended");
    if (card.validFrom > now) throw refuse("card_not_yet_valid", "the card certificate is not valid yet");
    if (card.validUntil <= now) throw refuse("card_expired", "the card certificate has expired");
    const holder = await tx.resident.findUnique({ where: { id: card.residentId }, include: { household: { select: { address: true } } } });
    if (!holder || holder.status !== "active") throw refuse("resident_not_found", "the cardholder is not an active resident");
    if (card.municipalityId === municipality.id) {
      throw new AppError("registration_not_needed", "residents of the honseki municipality need no registration");
    }

    const existing = await tx.kosekiRegistration.findFirst({
      where: { municipalityId: municipality.id, cardIssuer: card.issuer, cardSerial: card.serial, status: { in: ["pending", "approved"] } },
      select: { receiptNo: true, status: true },
    });
    if (existing) {
      throw new AppError("koseki_registration_exists", "this card certificate already has an application or a registration here", { details: { receiptNo: existing.receiptNo, registrationStatus: existing.status } });
    }

    let pre: { id: string; honseki: string; kosekiHeadName: string; emailCipher: string | null } | null = null;
    if (input.preRegistrationReceiptNo) {
      const candidate = await tx.kosekiRegistration.findFirst({
        where: { receiptNo: input.preRegistrationReceiptNo, municipalityId: municipality.id, source: "web", status: "pending", cardSerial: null },
      });
      const samePerson =
        candidate &&
        ymdOf(candidate.applicantDateOfBirth) === ymdOf(holder.dateOfBirth) &&
        normalizeForMatch(candidate.applicantFamilyName + candidate.applicantGivenName) === normalizeForMatch(holder.familyName + holder.givenName);
      if (!candidate || !samePerson) throw new AppError("pre_registration_not_found", "no open pre-registration of this cardholder has this receipt number");
      pre = candidate;
    }

    const row = await tx.kosekiRegistration.create({
      data: {
        municipalityId: municipality.id,
        receiptNo: newReceiptNo(),
        status: "pending",
        source: "kiosk",
        cardIssuer: card.issuer,
        cardSerial: card.serial,
        applicantFamilyName: holder.familyName,
        applicantGivenName: holder.givenName,
        applicantFamilyNameKana: holder.familyNameKana,
        applicantGivenNameKana: holder.givenNameKana,
        applicantDateOfBirth: holder.dateOfBirth,
        currentAddress: holder.household.address,
        honseki: pre ? pre.honseki : fullHonseki(municipality, input.honsekiAddress!),
        kosekiHeadName: pre ? pre.kosekiHeadName : input.kosekiHeadName!,
        emailCipher: input.email ? encryptField(input.email, FieldContext.registrationEmail).cipher : (pre?.emailCipher ?? null),
        consentAt: now,
        // Received at the instant the request is judged at, so the received date, the due date and the
        // intake window agree (the status page shows this date in JST).
        createdAt: now,
        preRegistrationId: pre?.id ?? null,
        dueOn: await reviewDueOn(tx, municipality, now),
      },
      select: { id: true, receiptNo: true, dueOn: true },
    });
    // The web application lives on in the kiosk one (its status page follows the link).
    if (pre) await tx.kosekiRegistration.update({ where: { id: pre.id }, data: { status: "withdrawn" } });
    // A new application for the municipality's recipients (docs/decisions/0016). One that completes a web
    // pre-registration is the same application, already alerted when it was received.
    if (!pre) {
      await raiseAlert(tx, {
        municipalityId: municipality.id,
        kind: "registration_received",
        dedupeKey: `registration_received:${row.id}`,
        payload: { registrationId: row.id, receiptNo: row.receiptNo, source: "kiosk", dueOn: ymdOf(row.dueOn) },
        now,
      });
    }
    await writeAuditEvent(tx, { ...ctx, municipalityId: municipality.id }, {
      action: "koseki_registration.apply",
      targetType: "KosekiRegistration",
      targetId: row.id,
      details: { source: "kiosk", transactionId: input.transactionId, cardCertificateId: card.id, preRegistrationId: pre?.id ?? null, dueOn: ymdOf(row.dueOn) },
    });
    return {
      transactionId: input.transactionId,
      receiptNo: row.receiptNo,
      status: "pending" as const,
      municipality: { code: municipality.code, name: municipality.name },
      dueOn: ymdOf(row.dueOn),
      preRegistrationLinked: pre !== null,
    };
  });
}
