// A whole tenant for the isolation tests (row-level security, the cross-tenant probe): a served municipality
// with a row in most tables that carry a municipality column, so a check across tenants is never vacuous.
import { ownerDb } from "@/tests/setup/owner-db";
import type { Prisma } from "@/server/generated/prisma/client";
import { createStaffUser } from "./index";
import { createApiClient, createCardholder } from "./issuance";
import { createKosekiRecord, createTaxRecord } from "./koseki";
import { createKosekiMunicipality } from "./koseki-registration";

/**
 * A municipality (offerings and fees for every type) with an administrator and a clerk, a cardholder's
 * household (a seal registration, a tax record), a 戸籍 with its 附票, an API client, an open incident, a
 * planned stop, a running emergency stop, a 交付停止 in force on the cardholder, a settings version, a closure day,
 * a recorded refusal and an alert with its delivery.
 */
export async function createTenant(overrides: Partial<Prisma.MunicipalityUncheckedCreateInput> = {}) {
  const db = ownerDb();
  const municipality = await createKosekiMunicipality(overrides);
  const m = municipality.id;
  const admin = await createStaffUser({ municipalityId: m, role: "municipal_admin" });
  const clerk = await createStaffUser({ municipalityId: m, role: "clerk" });
  const holder = await createCardholder(m, { size: 2, seal: true });
  const taxRecord = await createTaxRecord(m, holder.head.id, 2026);
  const koseki = await createKosekiRecord(m, { honseki: `${municipality.prefecture}${municipality.name}本町七番地`, members: [{ givenName: holder.head.givenName, residentId: holder.head.id }, { givenName: "桜子" }] });
  const { client: apiClient } = await createApiClient({ municipalityId: m, scopes: ["imports"] });
  const incident = await db.incident.create({ data: { municipalityId: m, kind: "centre_error", summary: `${municipality.name}の障害` } });
  const stop = await db.serviceStop.create({ data: { municipalityId: m, scope: "all", startsAt: new Date("2027-01-05T00:00:00Z"), endsAt: new Date("2027-01-05T03:00:00Z"), notice: `${municipality.name}の停止` } });
  const emergencyStop = await db.emergencyStop.create({ data: { municipalityId: m, certificateType: null, reason: `${municipality.name}の緊急停止` } });
  const block = await db.issuanceBlock.create({ data: { municipalityId: m, residentId: holder.head.id, reason: "card_lost", setAt: new Date("2026-11-27T10:00:00+09:00") } });
  // Far in the future, so the tests that use the tenant are not affected (docs/decisions/0014).
  const settingsVersion = await db.issuanceSettingsVersion.create({ data: { municipalityId: m, effectiveFrom: new Date("2030-01-01T00:00:00+09:00"), usableFromNextDay: true, nameMaxLength: 40, nameMaxLines: 1, addressMaxLength: 80, addressMaxLines: 1, excludeAdultWards: false } });
  const closureDay = await db.localClosureDay.create({ data: { municipalityId: m, day: new Date("2030-01-15"), reason: `${municipality.name}のシステム更新` } });
  const refusal = await db.refusal.create({ data: { municipalityId: m, source: "eligibility", reason: "seal_not_registered", certificateType: "seal", refusedAt: new Date("2026-11-27T10:00:00+09:00"), storeChain: "seven-eleven", storeCode: "0001", terminalId: "T1", residentId: holder.head.id } });
  const alert = await db.alert.create({ data: { municipalityId: m, kind: "import_failed", dedupeKey: `tenant:${m}`, payload: { importJobId: incident.id, feed: "residents", rowsTotal: 1, errorCount: 1 } } });
  await db.alertSettings.create({ data: { municipalityId: m, recipients: [`joho@${municipality.code}.example.jp`] } });
  await db.alertDelivery.create({ data: { municipalityId: m, alertId: alert.id, channel: "email", target: `joho@${municipality.code}.example.jp`, status: "sent", attempts: 1 } });
  return { municipality, admin, clerk, ...holder, taxRecord, koseki, apiClient, incident, stop, emergencyStop, block, settingsVersion, closureDay, refusal, alert };
}
