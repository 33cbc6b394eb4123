import "server-only";
import type { Tx } from "../db";
import type { AlertKind } from "../generated/prisma/enums";

// The alert outbox (docs/decisions/0016): an alert row per event, written in the event's own transaction, and a
// delivery row per configured channel (each e-mail recipient, the webhook), taken from the municipality's
// settings at that moment. The alert-delivery job sends them after the commit. `dedupeKey` makes one event one
// alert: raising the same key again (a retry, a second daily run) changes nothing.

export type AlertPayload = Record<string, string | number | boolean | null>;

export type RaiseAlert = {
  municipalityId: string;
  kind: AlertKind;
  /** Unique per municipality, e.g. `incident:<id>`, `import:<jobId>`, `registration_overdue:<id>`. */
  dedupeKey: string;
  /** Ids, counts and codes only: never a name, an address or any other personal data. */
  payload: AlertPayload;
  now: Date;
};

/** Returns the new alert's id, or null when the key was already raised. */
export async function raiseAlert(tx: Tx, a: RaiseAlert): Promise<string | null> {
  const inserted = await tx.alert.createMany({
    data: [{ municipalityId: a.municipalityId, kind: a.kind, dedupeKey: a.dedupeKey, payload: a.payload, createdAt: a.now }],
    skipDuplicates: true,
  });
  if (inserted.count === 0) return null;
  const { id: alertId } = await tx.alert.findUniqueOrThrow({ where: { municipalityId_dedupeKey: { municipalityId: a.municipalityId, dedupeKey: a.dedupeKey } }, select: { id: true } });
  const settings = await tx.alertSettings.findUnique({ where: { municipalityId: a.municipalityId }, select: { recipients: true, webhookUrl: true } });
  const targets = [
    ...(settings?.recipients ?? []).map((to) => ({ channel: "email" as const, target: to })),
    ...(settings?.webhookUrl ? [{ channel: "webhook" as const, target: settings.webhookUrl }] : []),
  ];
  if (targets.length) {
    await tx.alertDelivery.createMany({
      data: targets.map((t) => ({ municipalityId: a.municipalityId, alertId, channel: t.channel, target: t.target, nextAttemptAt: a.now, createdAt: a.now })),
    });
  }
  return alertId;
}
