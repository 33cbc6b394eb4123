import "server-only";
import { systemContext } from "../context";
import { withTenant } from "../db/tenant";
import { writeAuditEvent } from "../audit/write-audit-event";
import { deliverAfterCommit } from "../notices/deliver-notices";

// Lifecycle (DOMAIN.md §4): a registration is bound to one card certificate. When that certificate is
// revoked, or the same person holds a newer certificate of the same kind (renewal, replacement card), the
// registration becomes reregistration_needed — never silently carried over to the new card. Eligibility
// already refuses such cards at once (card_revoked, koseki_registration_renewal_needed); this sweep makes
// the state visible to staff and the resident, and sends the notice. Runs after each card-certificate
// import and in every maintenance pass; idempotent. Cross-tenant: the card belongs to the residence
// municipality, the registration to the 本籍地.

type Flagged = { id: string; municipalityId: string; status: string; reason: "card_revoked" | "card_renewed"; has_email: boolean };

export async function flagReregistrations(opts: { now?: Date; residenceMunicipalityId?: string } = {}): Promise<{ flagged: number; noticeIds: string[] }> {
  const now = opts.now ?? new Date();
  const ctx = systemContext("koseki-lifecycle");
  const result = await withTenant(ctx, async (tx) => {
    const rows = await tx.$queryRaw<Flagged[]>`
      SELECT r.id::text AS id, r."municipalityId"::text AS "municipalityId", r.status::text AS status,
             CASE WHEN c.status = 'revoked' THEN 'card_revoked' ELSE 'card_renewed' END AS reason,
             r."emailCipher" IS NOT NULL AS has_email
        FROM "KosekiRegistration" r
        JOIN "CardCertificate" c ON c.issuer = r."cardIssuer" AND c.serial = r."cardSerial"
       WHERE r.status IN ('approved', 'pending')
         AND (${opts.residenceMunicipalityId ?? null}::uuid IS NULL OR c."municipalityId" = ${opts.residenceMunicipalityId ?? null}::uuid)
         AND (c.status = 'revoked'
              OR EXISTS (SELECT 1 FROM "CardCertificate" n
                          WHERE n."residentId" = c."residentId" AND n.id <> c.id AND n.kind = c.kind
                            AND n.status <> 'revoked' AND n."validFrom" > c."validFrom"))
       ORDER BY r.id
         FOR UPDATE OF r`;
    const noticeIds: string[] = [];
    for (const r of rows) {
      await tx.kosekiRegistration.update({ where: { id: r.id }, data: { status: "reregistration_needed", reregistrationReason: r.reason, reregistrationAt: now } });
      const notice = r.has_email ? await tx.registrationNotice.create({ data: { municipalityId: r.municipalityId, registrationId: r.id, kind: "registration_reregistration_needed", nextAttemptAt: now }, select: { id: true } }) : null;
      if (notice) noticeIds.push(notice.id);
      await writeAuditEvent(tx, ctx, {
        municipalityId: r.municipalityId,
        action: "koseki_registration.reregistration_needed",
        targetType: "KosekiRegistration",
        targetId: r.id,
        details: { reason: r.reason, previousStatus: r.status, noticeId: notice?.id ?? null },
      });
    }
    return { flagged: rows.length, noticeIds };
  });
  await deliverAfterCommit(result.noticeIds, now);
  return result;
}
