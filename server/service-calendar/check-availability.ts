import "server-only";
import { isKosekiType, type CertificateTypeId } from "@/lib/certificate-types";
import { dayClassOf, isYearEndClosure, jstParts, type DayClass } from "./jst";

// Pure service-calendar decisions. The caller loads the municipality's configuration once per request
// (server/service-calendar/load-calendar.ts) and passes the instant to judge, so tests control the clock.

/** The issuance centre's own hours: no municipality can open beyond 6:30–23:00. */
export const NATIONAL_OPEN_MINUTE = 6 * 60 + 30;
export const NATIONAL_CLOSE_MINUTE = 23 * 60;

export type WindowRule = { certificateType: CertificateTypeId | null; dayClass: DayClass; startMinute: number; endMinute: number };
export type StopRule = { scope: "all" | "koseki" | "registration_intake"; startsAt: Date; endsAt: Date; notice: string };
export type EmergencyRule = { certificateType: CertificateTypeId | null; reason: string };
/** A municipality's own closure day (docs/decisions/0014): JST date and the reason shown as the notice. */
export type ClosureDayRule = { day: string; reason: string };
export type CalendarConfig = {
  windows: WindowRule[];
  stops: StopRule[];
  emergencyStops: EmergencyRule[];
  /** Whether the service closes 12/29–1/3; absent means it does (the national rule). */
  yearEndClosure?: boolean;
  /** The municipality's own closure days (at least the one of the instant judged); absent means none. */
  closureDays?: ClosureDayRule[];
};

export type ClosedReason = "service_emergency_stop" | "service_year_end_closure" | "service_local_closure" | "service_planned_stop" | "service_out_of_hours";
export type Availability = { open: true } | { open: false; reason: ClosedReason; notice?: string };

/**
 * The windows that apply to a type on a day class: the type's own rows when it has any (on any day class —
 * 戸籍 windows for weekdays only mean 戸籍 is closed at weekends), else the all-types rows, else the
 * default 6:30–23:00 when the municipality configured no windows at all. Clipped to the national hours.
 */
export function windowsFor(config: CalendarConfig, type: CertificateTypeId, dayClass: DayClass): Array<{ startMinute: number; endMinute: number }> {
  const own = config.windows.filter((w) => w.certificateType === type);
  const general = config.windows.filter((w) => w.certificateType === null);
  let rules: Array<{ startMinute: number; endMinute: number }>;
  if (own.length) rules = own.filter((w) => w.dayClass === dayClass);
  else if (general.length) rules = general.filter((w) => w.dayClass === dayClass);
  else rules = [{ startMinute: NATIONAL_OPEN_MINUTE, endMinute: NATIONAL_CLOSE_MINUTE }];
  return rules
    .map((w) => ({ startMinute: Math.max(w.startMinute, NATIONAL_OPEN_MINUTE), endMinute: Math.min(w.endMinute, NATIONAL_CLOSE_MINUTE) }))
    .filter((w) => w.startMinute < w.endMinute);
}

/** Whether a planned stop covers a certificate type (or the registration intake): its scope decides. */
export function stopApplies(stop: Pick<StopRule, "scope">, type: CertificateTypeId | "registration_intake"): boolean {
  if (stop.scope === "all") return true;
  if (type === "registration_intake") return stop.scope === "registration_intake";
  return stop.scope === "koseki" && isKosekiType(type);
}

function activeStop(config: CalendarConfig, type: CertificateTypeId | "registration_intake", at: Date): StopRule | undefined {
  return config.stops.find((s) => stopApplies(s, type) && s.startsAt <= at && at < s.endsAt);
}

/** Whether a certificate type can be issued at `at` (start inclusive, end exclusive everywhere). */
export function checkCertificateAvailability(config: CalendarConfig, type: CertificateTypeId, at: Date): Availability {
  const emergency = config.emergencyStops.find((e) => e.certificateType === null || e.certificateType === type);
  if (emergency) return { open: false, reason: "service_emergency_stop", notice: emergency.reason };
  if (config.yearEndClosure !== false && isYearEndClosure(at)) return { open: false, reason: "service_year_end_closure" };
  const closure = config.closureDays?.find((c) => c.day === jstParts(at).ymd);
  if (closure) return { open: false, reason: "service_local_closure", notice: closure.reason };
  const stop = activeStop(config, type, at);
  if (stop) return { open: false, reason: "service_planned_stop", notice: stop.notice };
  const minute = jstParts(at).minuteOfDay;
  const inWindow = windowsFor(config, type, dayClassOf(at)).some((w) => w.startMinute <= minute && minute < w.endMinute);
  return inWindow ? { open: true } : { open: false, reason: "service_out_of_hours" };
}

/** Whether 本籍地 利用登録 applications are accepted at `at`: closed by stops of scope all or registration_intake. */
export function checkRegistrationIntake(config: CalendarConfig, at: Date): Availability {
  const stop = activeStop(config, "registration_intake", at);
  return stop ? { open: false, reason: "service_planned_stop", notice: stop.notice } : { open: true };
}
