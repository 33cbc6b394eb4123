import "server-only";
import { fromDbCertificateType } from "@/lib/certificate-types";
import type { Tx } from "../db";
import { jstDateString } from "@/lib/jst";
import type { CalendarConfig } from "./check-availability";

/**
 * The municipality's windows, the stops overlapping `at`, the emergency stops in force, its year-end rule and
 * its own closure day of `at`'s JST date (if any).
 */
export async function loadCalendar(tx: Tx, municipalityId: string, at: Date, known?: { yearEndClosure: boolean }): Promise<CalendarConfig> {
  const [windows, stops, emergencies, municipality, closureDays] = await Promise.all([
    tx.serviceWindow.findMany({ where: { municipalityId } }),
    tx.serviceStop.findMany({ where: { municipalityId, startsAt: { lte: at }, endsAt: { gt: at } } }),
    tx.emergencyStop.findMany({ where: { municipalityId, endedAt: null } }),
    known ?? tx.municipality.findUnique({ where: { id: municipalityId }, select: { yearEndClosure: true } }),
    tx.localClosureDay.findMany({ where: { municipalityId, day: new Date(`${jstDateString(at)}T00:00:00Z`) } }),
  ]);
  return {
    yearEndClosure: municipality?.yearEndClosure ?? true,
    closureDays: closureDays.map((c) => ({ day: c.day.toISOString().slice(0, 10), reason: c.reason })),
    windows: windows.map((w) => ({
      certificateType: w.certificateType ? fromDbCertificateType(w.certificateType) : null,
      dayClass: w.dayClass,
      startMinute: w.startMinute,
      endMinute: w.endMinute,
    })),
    stops: stops.map((s) => ({ scope: s.scope, startsAt: s.startsAt, endsAt: s.endsAt, notice: s.notice })),
    emergencyStops: emergencies.map((e) => ({
      certificateType: e.certificateType ? fromDbCertificateType(e.certificateType) : null,
      reason: e.reason,
    })),
  };
}

/** The municipality's own closure days from `fromYmd` (JST date) on, for counting business days. */
export async function loadClosureDaysFrom(tx: Tx, municipalityId: string, fromYmd: string): Promise<Set<string>> {
  const rows = await tx.localClosureDay.findMany({ where: { municipalityId, day: { gte: new Date(`${fromYmd}T00:00:00Z`) } }, select: { day: true } });
  return new Set(rows.map((r) => r.day.toISOString().slice(0, 10)));
}
