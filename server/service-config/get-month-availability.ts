import "server-only";
import { CERTIFICATE_TYPES, fromDbCertificateType, toDbCertificateType, type CertificateTypeId } from "@/lib/certificate-types";
import { ZMonthAvailability, type DayStatus } from "@/lib/schemas/service-config";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { checkCertificateAvailability, windowsFor, type CalendarConfig, type EmergencyRule } from "../service-calendar/check-availability";
import { dayClassOf, isNationalHoliday, isYearEndClosure, jstInstant, type DayClass } from "../service-calendar/jst";
import { targetContext } from "./target-municipality";
import { parseInput } from "../parse-input";

const MINUTE_MS = 60_000;

export type MonthDayDto = { date: string; dayClass: DayClass; holiday: boolean; types: Record<CertificateTypeId, DayStatus> };
export type MonthAvailabilityDto = { month: string; days: MonthDayDto[] };

type Emergency = EmergencyRule & { startedAt: Date; endedAt: Date | null };

/**
 * Whether each certificate type is available on each day of a month, judged by the same functions issuance uses
 * (windowsFor, checkCertificateAvailability). A day is cut at every window, stop and emergency boundary; each
 * piece is judged once at its start. Emergency stops apply between their start and end (a running one, until
 * ended, to every later day).
 */
export function dayStatus(config: CalendarConfig, emergencies: readonly Emergency[], type: CertificateTypeId, date: string): DayStatus {
  const midnight = jstInstant(date);
  if (config.yearEndClosure !== false && isYearEndClosure(midnight)) return "year_end";
  if (config.closureDays?.some((c) => c.day === date)) return "stopped";
  const windows = windowsFor(config, type, dayClassOf(midnight));
  if (windows.length === 0) return "stopped";
  const cuts = new Set<number>();
  for (const w of windows) cuts.add(w.startMinute).add(w.endMinute);
  const instants = [...config.stops.flatMap((s) => [s.startsAt, s.endsAt]), ...emergencies.flatMap((e) => [e.startedAt, e.endedAt ?? midnight])];
  for (const at of instants) {
    const minute = Math.round((at.getTime() - midnight.getTime()) / MINUTE_MS);
    if (minute > 0 && minute < 24 * 60) cuts.add(minute);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let open = 0;
  let total = 0;
  for (let i = 0; i < points.length - 1; i++) {
    const minute = points[i];
    if (!windows.some((w) => w.startMinute <= minute && minute < w.endMinute)) continue;
    const at = new Date(midnight.getTime() + minute * MINUTE_MS);
    const active = emergencies.filter((e) => e.startedAt <= at && (e.endedAt === null || at < e.endedAt));
    total++;
    if (checkCertificateAvailability({ ...config, emergencyStops: active }, type, at).open) open++;
  }
  return open === 0 ? "stopped" : open === total ? "full" : "partial";
}

export async function getMonthAvailability({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<MonthAvailabilityDto> {
  const v = parseInput(ZMonthAvailability, input);
  const tctx = await targetContext(ctx, v.municipalityId, "service:read");
  const municipalityId = tctx.municipalityId!;
  const [y, m] = v.month.split("-").map(Number);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const from = jstInstant(`${v.month}-01`);
  const until = new Date(from.getTime() + daysInMonth * 24 * 60 * MINUTE_MS);
  const { windows, stops, emergencies, offerings, municipality, closureDays } = await withTenant(tctx, async (tx) => {
    const [windows, stops, emergencies, offerings, municipality, closureDays] = await Promise.all([
      tx.serviceWindow.findMany({ where: { municipalityId } }),
      tx.serviceStop.findMany({ where: { municipalityId, startsAt: { lt: until }, endsAt: { gt: from } } }),
      tx.emergencyStop.findMany({ where: { municipalityId, startedAt: { lt: until }, OR: [{ endedAt: null }, { endedAt: { gt: from } }] } }),
      tx.certificateOffering.findMany({ where: { municipalityId }, select: { certificateType: true, enabled: true } }),
      tx.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { yearEndClosure: true } }),
      tx.localClosureDay.findMany({ where: { municipalityId, day: { gte: new Date(`${v.month}-01T00:00:00Z`), lte: new Date(`${v.month}-${String(daysInMonth).padStart(2, "0")}T00:00:00Z`) } } }),
    ]);
    return { windows, stops, emergencies, offerings, municipality, closureDays };
  });
  const config: CalendarConfig = {
    windows: windows.map((w) => ({ certificateType: w.certificateType ? fromDbCertificateType(w.certificateType) : null, dayClass: w.dayClass, startMinute: w.startMinute, endMinute: w.endMinute })),
    stops: stops.map((s) => ({ scope: s.scope, startsAt: s.startsAt, endsAt: s.endsAt, notice: s.notice })),
    emergencyStops: [],
    yearEndClosure: municipality.yearEndClosure,
    closureDays: closureDays.map((c) => ({ day: c.day.toISOString().slice(0, 10), reason: c.reason })),
  };
  const emergencyRules: Emergency[] = emergencies.map((e) => ({
    certificateType: e.certificateType ? fromDbCertificateType(e.certificateType) : null,
    reason: e.reason,
    startedAt: e.startedAt,
    endedAt: e.endedAt,
  }));
  const offered = (t: CertificateTypeId) => offerings.some((o) => o.certificateType === toDbCertificateType(t) && o.enabled);
  const days: MonthDayDto[] = [];
  for (let d = 1; d <= daysInMonth; d++) {
    const date = `${v.month}-${String(d).padStart(2, "0")}`;
    const types = Object.fromEntries(
      CERTIFICATE_TYPES.map((t) => [t, offered(t) ? dayStatus(config, emergencyRules, t, date) : config.yearEndClosure !== false && isYearEndClosure(jstInstant(date)) ? "year_end" : "not_offered"]),
    ) as Record<CertificateTypeId, DayStatus>;
    days.push({ date, dayClass: dayClassOf(jstInstant(date)), holiday: isNationalHoliday(date), types });
  }
  return { month: v.month, days };
}
