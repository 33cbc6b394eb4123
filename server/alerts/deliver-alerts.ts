import "server-only";
import { alertMail } from "@/lib/alert-text";
import { systemContext } from "../context";
import { decryptField, FieldContext } from "../crypto/field-encryption";
import { withTenant } from "../db/tenant";
import { signRequest } from "../kiosk-protocol/http-signatures";
import { logger } from "../logger";
import { mailConfig, transportFor, type MailConfig } from "../notices/mailer";
import { retryDelayMs } from "../notices/deliver-notices";

// The alert sender (docs/decisions/0016), run by the alert-delivery job every minute (pg-boss). Claims due
// deliveries the way the notice sender does (server/notices/deliver-notices.ts): a conditional update adds an
// attempt and pushes the next attempt out by a lease, so two job runners never send one delivery at once. A
// failure is retried with the same backoff (1, 2, 4 … minutes) up to MAX_ALERT_ATTEMPTS, then marked failed;
// only an error class is stored (an SMTP or HTTP answer may quote an address). Without SMTP_URL e-mail
// deliveries stay pending (shown as 送信待ち); webhooks go out regardless.

export const MAX_ALERT_ATTEMPTS = 6;
const LEASE_MS = 5 * 60_000;
const WEBHOOK_TIMEOUT_MS = 10_000;
/** The signature's keyid: the receiver picks the municipality's secret by it. */
export const webhookKeyId = (municipalityCode: string) => `alerts-${municipalityCode}`;

export type AlertDeliveryResult = { sent: number; retrying: number; failed: number };

type Claimed = {
  id: string;
  attempts: number;
  channel: "email" | "webhook";
  target: string;
  municipalityId: string;
  municipalityCode: string;
  secretCipher: string | null;
  alert: { id: string; kind: string; payload: Record<string, unknown>; createdAt: Date; municipality: { code: string; name: string } };
};

export type AlertSendOptions = {
  now?: Date;
  limit?: number;
  /** undefined: from the environment (SMTP_URL); null: no mail. */
  config?: MailConfig | null;
  /** Tests: the fetch used for webhooks. */
  fetchImpl?: typeof fetch;
};

const errorClass = (e: unknown) => {
  const err = e as { code?: string; responseCode?: number; name?: string; cause?: { code?: string } };
  return [err.cause?.code ?? err.code ?? err.name ?? "Error", err.responseCode].filter(Boolean).join(" ").slice(0, 80);
};

/** The webhook's JSON body: the alert's id, kind, municipality code, time and payload (ids, counts, codes). */
export function webhookBody(a: Claimed["alert"]): string {
  return JSON.stringify({ id: a.id, kind: a.kind, municipalityCode: a.municipality.code, createdAt: a.createdAt.toISOString(), payload: a.payload });
}

export async function deliverPendingAlerts(opts: AlertSendOptions = {}): Promise<AlertDeliveryResult> {
  const now = opts.now ?? new Date();
  const config = opts.config === undefined ? mailConfig() : opts.config;
  const ctx = systemContext("alert-delivery");

  const claimed: Claimed[] = await withTenant(ctx, async (tx) => {
    const due = await tx.alertDelivery.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now }, ...(config ? {} : { channel: "webhook" }) },
      orderBy: { createdAt: "asc" },
      take: opts.limit ?? 50,
      include: { alert: { include: { municipality: { select: { code: true, name: true, alertSettings: { select: { webhookSecretCipher: true } } } } } } },
    });
    const out: Claimed[] = [];
    for (const d of due) {
      const won = await tx.alertDelivery.updateMany({
        where: { id: d.id, status: "pending", attempts: d.attempts },
        data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
      });
      if (won.count !== 1) continue;
      const m = d.alert.municipality;
      out.push({
        id: d.id,
        attempts: d.attempts + 1,
        channel: d.channel,
        target: d.target,
        municipalityId: d.municipalityId,
        municipalityCode: m.code,
        secretCipher: m.alertSettings?.webhookSecretCipher ?? null,
        alert: { id: d.alert.id, kind: d.alert.kind, payload: d.alert.payload as Record<string, unknown>, createdAt: d.alert.createdAt, municipality: { code: m.code, name: m.name } },
      });
    }
    return out;
  });

  const result: AlertDeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  for (const d of claimed) {
    const outcome = d.channel === "email" ? await sendMail(d, config!) : await callWebhook(d, now, opts.fetchImpl ?? fetch);
    await withTenant(ctx, async (tx) => {
      if (outcome.ok) {
        await tx.alertDelivery.update({ where: { id: d.id }, data: { status: "sent", sentAt: now, lastError: null } });
        result.sent++;
        return;
      }
      const giveUp = outcome.final || d.attempts >= MAX_ALERT_ATTEMPTS;
      await tx.alertDelivery.update({
        where: { id: d.id },
        data: giveUp ? { status: "failed", lastError: outcome.error } : { lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(d.attempts)) },
      });
      if (giveUp) result.failed++;
      else result.retrying++;
      logger.warn({ alertDeliveryId: d.id, alertId: d.alert.id, channel: d.channel, attempts: d.attempts, error: outcome.error, final: giveUp }, "alert delivery failed");
    });
  }
  return result;
}

type Outcome = { ok: true } | { ok: false; error: string; final?: boolean };

async function sendMail(d: Claimed, config: MailConfig): Promise<Outcome> {
  const { subject, text } = alertMail({ kind: d.alert.kind as never, payload: d.alert.payload, createdAt: d.alert.createdAt, municipality: d.alert.municipality });
  try {
    await transportFor(config).sendMail({ from: config.from, to: d.target, subject, text, textEncoding: "base64" });
    return { ok: true };
  } catch (e) {
    return { ok: false, error: errorClass(e) };
  }
}

/**
 * POST the alert as JSON, signed like the kiosk API (RFC 9421 with hmac-sha256 over @method, @target-uri and
 * Content-Digest, whose `created` is the timestamp) with the municipality's webhook secret; the alert id is the
 * Idempotency-Key (also signed), the same on every retry, so a receiver can drop repeats. Any 2xx is sent.
 */
async function callWebhook(d: Claimed, now: Date, fetchImpl: typeof fetch): Promise<Outcome> {
  let secret: string;
  try {
    if (!d.secretCipher) return { ok: false, error: "no_secret", final: true };
    secret = decryptField(d.secretCipher, FieldContext.alertWebhookSecret(d.municipalityId));
  } catch {
    return { ok: false, error: "secret_unreadable", final: true };
  }
  const body = webhookBody(d.alert);
  const headers = signRequest({ method: "POST", targetUri: d.target, body, keyId: webhookKeyId(d.municipalityCode), secret, now, nonce: `${d.id}.${d.attempts}`, idempotencyKey: d.alert.id });
  try {
    const res = await fetchImpl(d.target, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": "konbini-alerts/1", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.body?.cancel().catch(() => undefined);
    return res.status >= 200 && res.status < 300 ? { ok: true } : { ok: false, error: `http_${res.status}` };
  } catch (e) {
    return { ok: false, error: errorClass(e) };
  }
}
