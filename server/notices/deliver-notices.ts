import "server-only";
import { jstDateString } from "@/lib/jst";
import { systemContext } from "../context";
import { decryptField, FieldContext } from "../crypto/field-encryption";
import { withTenant } from "../db/tenant";
import { logger } from "../logger";
import { mailConfig, transportFor, type MailConfig } from "./mailer";
import { renderRegistrationNotice } from "./render-registration-notice";

// The outbox sender (docs/decisions/0006). A notice row is written in the transaction that decides; this
// sends it after the commit and again from the maintenance pass until it is sent. A row is claimed by a
// conditional update (attempts + 1, next attempt pushed out by a lease), so two processes never send the
// same notice at once; a crash after sending but before recording may send it twice — a resident getting
// a notice twice is acceptable, losing it is not. Without SMTP_URL nothing is claimed: notices stay pending.

export const MAX_NOTICE_ATTEMPTS = 8;
const LEASE_MS = 5 * 60_000;

/** 1 min, 2, 4 … capped at 6 h between attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(6 * 3600_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

export type DeliveryResult = { sent: number; retrying: number; failed: number; skipped: boolean };

type Claimed = { id: string; attempts: number; to: string | null; subject: string; text: string };

const errorClass = (e: unknown) => {
  const err = e as { code?: string; responseCode?: number; name?: string };
  return [err.code ?? err.name ?? "Error", err.responseCode].filter(Boolean).join(" ").slice(0, 80);
};

export async function deliverPendingNotices(opts: { now?: Date; ids?: string[]; limit?: number; config?: MailConfig | null } = {}): Promise<DeliveryResult> {
  const now = opts.now ?? new Date();
  const config = opts.config === undefined ? mailConfig() : opts.config;
  if (!config) return { sent: 0, retrying: 0, failed: 0, skipped: true };
  const ctx = systemContext("notice-delivery");

  const claimed: Claimed[] = await withTenant(ctx, async (tx) => {
    const due = await tx.registrationNotice.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now }, ...(opts.ids ? { id: { in: opts.ids } } : {}) },
      orderBy: { createdAt: "asc" },
      take: opts.limit ?? 20,
      include: { registration: { include: { municipality: { select: { name: true, prefecture: true } } } } },
    });
    const out: Claimed[] = [];
    for (const n of due) {
      const won = await tx.registrationNotice.updateMany({
        where: { id: n.id, status: "pending", attempts: n.attempts },
        data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
      });
      if (won.count !== 1) continue;
      const r = n.registration;
      let to: string | null = null;
      try {
        to = r.emailCipher ? decryptField(r.emailCipher, FieldContext.registrationEmail) : null;
      } catch {
        to = null;
      }
      const { subject, text } = renderRegistrationNotice({
        kind: n.kind,
        receiptNo: r.receiptNo,
        applicantName: `${r.applicantFamilyName} ${r.applicantGivenName}`,
        municipalityName: `${r.municipality.prefecture}${r.municipality.name}`,
        decidedOn: jstDateString(r.decidedAt ?? r.reregistrationAt ?? now),
        rejectReasonCode: r.rejectReasonCode,
        reregistrationReason: r.reregistrationReason,
      });
      out.push({ id: n.id, attempts: n.attempts + 1, to, subject, text });
    }
    return out;
  });

  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0, skipped: false };
  for (const n of claimed) {
    let outcome: { ok: true } | { ok: false; error: string };
    if (!n.to) outcome = { ok: false, error: "no_recipient" };
    else {
      try {
        await transportFor(config).sendMail({ from: config.from, to: n.to, subject: n.subject, text: n.text, textEncoding: "base64" });
        outcome = { ok: true };
      } catch (e) {
        outcome = { ok: false, error: errorClass(e) };
      }
    }
    await withTenant(ctx, async (tx) => {
      if (outcome.ok) {
        await tx.registrationNotice.update({ where: { id: n.id }, data: { status: "sent", sentAt: now, lastError: null } });
        result.sent++;
      } else {
        const giveUp = outcome.error === "no_recipient" || n.attempts >= MAX_NOTICE_ATTEMPTS;
        await tx.registrationNotice.update({
          where: { id: n.id },
          data: giveUp ? { status: "failed", lastError: outcome.error } : { lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(n.attempts)) },
        });
        if (giveUp) result.failed++;
        else result.retrying++;
        logger.warn({ noticeId: n.id, attempts: n.attempts, error: outcome.error }, "registration notice not sent");
      }
    });
  }
  return result;
}

/**
 * After a deciding transaction commits: try to send its notices now (the deciding verb's clock, which the
 * notices were created due at); failures stay queued for retry.
 */
export async function deliverAfterCommit(ids: string[], now: Date): Promise<void> {
  if (!ids.length) return;
  try {
    await deliverPendingNotices({ ids, now });
  } catch (e) {
    logger.warn({ err: errorClass(e) }, "notice delivery after commit failed; the maintenance pass retries");
  }
}
