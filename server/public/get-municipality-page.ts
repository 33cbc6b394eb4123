import "server-only";
import { CERTIFICATE_NAMES, CERTIFICATE_TYPES, fromDbCertificateType, toDbCertificateType, type CertificateTypeId } from "@/lib/certificate-types";
import { DAY_CLASSES, type DayClassName, type StopScopeName } from "@/lib/schemas/service-config";
import { systemContext } from "../context";
import { withTenant } from "../db/tenant";
import { feeInForce } from "../fees/fee-in-force";
import { checkRegistrationIntake, windowsFor } from "../service-calendar/check-availability";
import { loadCalendar } from "../service-calendar/load-calendar";
import { jstDateString } from "@/lib/jst";

// The public page of one municipality (/m/<code>): what a resident checks before going to the store. Only what
// the municipality publishes anyway (its offerings, fees, hours, stop notices); no person, staff or API client
// data. Only active municipalities are shown: a preparing or suspended one reads as unknown (the page answers 404
// for both), so the page does not reveal who is about to join.

/** How many planned stops the page lists, nearest first (a municipality plans a few a year). */
const MAX_STOPS = 20;
/** How many of the municipality's own closure days the page lists, nearest first. */
const MAX_CLOSURE_DAYS = 20;

export type PublicCertificate = {
  type: CertificateTypeId;
  name: string;
  /** Fee per copy in force at `now` (a campaign fee included); null when none is configured. */
  fee: number | null;
  /** The next change of the fee after `now` (a new ordinance fee or a campaign starting), if one is scheduled. */
  nextFee: { amount: number; from: Date } | null;
  /** Opening windows per day class, minutes from 00:00 JST (end exclusive); empty: not available that day. */
  hours: Record<DayClassName, Array<{ startMinute: number; endMinute: number }>>;
};

export type PublicStop = { scope: StopScopeName; startsAt: Date; endsAt: Date; notice: string; inForce: boolean };
export type PublicEmergencyStop = { certificateType: CertificateTypeId | null; reason: string; startedAt: Date };

export type PublicMunicipalityPage = {
  municipality: { code: string; name: string; nameKana: string; prefecture: string };
  certificates: PublicCertificate[];
  /** Planned stops in force or still to come, by start. */
  stops: PublicStop[];
  /** Emergency stops running now. */
  emergencyStops: PublicEmergencyStop[];
  /** Whether the service closes 12/29–1/3 (the national rule; a municipality may switch it off, docs/decisions/0014). */
  yearEndClosure: boolean;
  /** The municipality's own closure days from today (JST) on, by day: YYYY-MM-DD and the reason it publishes. */
  closureDays: Array<{ day: string; reason: string }>;
  /** Whether 本籍地 利用登録 applications are taken now (a stop of scope all or registration_intake closes it). */
  registrationIntake: { accepted: boolean; notice: string | null };
};

/** The public facts of an active municipality at `now`, or null when there is no active municipality with this code. */
export async function getMunicipalityPage({ code, now }: { code: string; now: Date }): Promise<PublicMunicipalityPage | null> {
  if (!/^\d{6}$/.test(code)) return null;
  return withTenant(systemContext("public-municipality-page"), async (tx) => {
    const m = await tx.municipality.findUnique({ where: { code }, select: { id: true, code: true, name: true, nameKana: true, prefecture: true, status: true } });
    if (!m || m.status !== "active") return null;
    const [offerings, fees, calendar, stops, emergencies, closureDays] = await Promise.all([
      tx.certificateOffering.findMany({ where: { municipalityId: m.id, enabled: true }, select: { certificateType: true } }),
      tx.fee.findMany({ where: { municipalityId: m.id }, select: { certificateType: true, kind: true, amount: true, effectiveFrom: true, effectiveUntil: true } }),
      loadCalendar(tx, m.id, now),
      tx.serviceStop.findMany({ where: { municipalityId: m.id, endsAt: { gt: now } }, orderBy: { startsAt: "asc" }, take: MAX_STOPS }),
      tx.emergencyStop.findMany({ where: { municipalityId: m.id, endedAt: null }, orderBy: { startedAt: "asc" } }),
      tx.localClosureDay.findMany({ where: { municipalityId: m.id, day: { gte: new Date(`${jstDateString(now)}T00:00:00Z`) } }, orderBy: { day: "asc" }, take: MAX_CLOSURE_DAYS, select: { day: true, reason: true } }),
    ]);
    const offered = new Set(offerings.map((o) => o.certificateType));
    const certificates = CERTIFICATE_TYPES.filter((t) => offered.has(toDbCertificateType(t))).map((type): PublicCertificate => {
      const rows = fees.filter((f) => f.certificateType === toDbCertificateType(type));
      const fee = feeInForce(rows, now);
      // The first instant after `now` at which the fee in force changes (a row starting or a campaign ending).
      const changes = [...new Set(rows.flatMap((r) => [r.effectiveFrom, r.effectiveUntil]).filter((d): d is Date => d !== null && d > now).map((d) => d.getTime()))].sort((a, b) => a - b);
      let nextFee: PublicCertificate["nextFee"] = null;
      for (const t of changes) {
        const amount = feeInForce(rows, new Date(t));
        if (amount !== null && amount !== fee) {
          nextFee = { amount, from: new Date(t) };
          break;
        }
      }
      const hours = Object.fromEntries(DAY_CLASSES.map((d) => [d, windowsFor(calendar, type, d)])) as PublicCertificate["hours"];
      return { type, name: CERTIFICATE_NAMES[type], fee, nextFee, hours };
    });
    const intake = checkRegistrationIntake(calendar, now);
    return {
      municipality: { code: m.code, name: m.name, nameKana: m.nameKana, prefecture: m.prefecture },
      certificates,
      stops: stops.map((s) => ({ scope: s.scope, startsAt: s.startsAt, endsAt: s.endsAt, notice: s.notice, inForce: s.startsAt <= now })),
      emergencyStops: emergencies.map((e) => ({ certificateType: e.certificateType ? fromDbCertificateType(e.certificateType) : null, reason: e.reason, startedAt: e.startedAt })),
      yearEndClosure: calendar.yearEndClosure !== false,
      closureDays: closureDays.map((c) => ({ day: c.day.toISOString().slice(0, 10), reason: c.reason })),
      registrationIntake: intake.open ? { accepted: true, notice: null } : { accepted: false, notice: intake.notice ?? null },
    };
  });
}
