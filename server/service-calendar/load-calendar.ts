import "server-only";
import { fromDbCertificateType } from "@/lib/certificate-types";
import type { Tx } from "../db";
import type { CalendarConfig } from "./check-availability";

/** The municipality's windows, the stops overlapping `at`, and the emergency stops in force. */
export async function loadCalendar(tx: Tx, municipalityId: string, at: Date): Promise<CalendarConfig> {
  const [windows, stops, emergencies] = await Promise.all([
    tx.serviceWindow.findMany({ where: { municipalityId } }),
    tx.serviceStop.findMany({ where: { municipalityId, startsAt: { lte: at }, endsAt: { gt: at } } }),
    tx.emergencyStop.findMany({ where: { municipalityId, endedAt: null } }),
  ]);
  return {
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
