// An alert with its deliveries inserted directly (the raising verbs are covered by tests/integration/alerts.test.ts).
import { ownerDb } from "@/tests/setup/owner-db";
import type { AlertKind } from "@/server/generated/prisma/enums";

type Delivery = { channel: "email" | "webhook"; target: string; status: "pending" | "sent" | "failed"; attempts: number; lastError?: string | null };

export async function createAlert(municipalityId: string, kind: AlertKind, payload: Record<string, string | number | null>, deliveries: Delivery[], at = new Date("2026-11-27T01:00:00Z")) {
  const alert = await ownerDb().alert.create({ data: { municipalityId, kind, dedupeKey: `test:${crypto.randomUUID()}`, payload, createdAt: at } });
  await ownerDb().alertDelivery.createMany({
    data: deliveries.map((d) => ({ municipalityId, alertId: alert.id, ...d, lastError: d.lastError ?? null, sentAt: d.status === "sent" ? at : null, createdAt: at, nextAttemptAt: at })),
  });
  return alert;
}
