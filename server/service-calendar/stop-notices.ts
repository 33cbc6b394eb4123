import "server-only";
import { fromDbCertificateType, type CertificateTypeId } from "@/lib/certificate-types";
import type { Tx } from "../db";
import { stopApplies, type EmergencyRule, type StopRule } from "./check-availability";

// The お知らせ a kiosk shows with the certificate list: the notice of every planned stop and the reason of every
// emergency stop that affects a type, both while they refuse it and, for planned stops, during the week before
// they start (a real terminal announces a stop ahead, so the resident can come another day).

/** How far ahead a planned stop's notice is shown at the kiosk: 7 days (168 hours) before it starts. */
export const UPCOMING_NOTICE_MS = 7 * 24 * 60 * 60 * 1000;

export type StopNotice = {
  kind: "planned_stop" | "emergency_stop";
  /** True while the stop applies (the type is refused for it); false for a planned stop starting within the notice window. */
  inForce: boolean;
  /** ServiceStop.notice or EmergencyStop.reason, as staff wrote it. */
  text: string;
  startsAt: string;
  /** Null for an emergency stop: it lasts until staff end it. */
  endsAt: string | null;
};

export type NoticeStop = StopRule;
export type NoticeEmergency = EmergencyRule & { startedAt: Date };
export type NoticeSource = { stops: NoticeStop[]; emergencies: NoticeEmergency[] };

/**
 * The planned stops not yet ended that start within the notice window, and the running emergency stops (those
 * not ended, as the service calendar judges them: server/service-calendar/load-calendar.ts).
 */
export async function loadStopNotices(tx: Tx, municipalityId: string, now: Date, horizonMs = UPCOMING_NOTICE_MS): Promise<NoticeSource> {
  const [stops, emergencies] = await Promise.all([
    tx.serviceStop.findMany({ where: { municipalityId, endsAt: { gt: now }, startsAt: { lte: new Date(now.getTime() + horizonMs) } }, orderBy: { startsAt: "asc" } }),
    tx.emergencyStop.findMany({ where: { municipalityId, endedAt: null }, orderBy: { startedAt: "asc" } }),
  ]);
  return {
    stops: stops.map((s) => ({ scope: s.scope, startsAt: s.startsAt, endsAt: s.endsAt, notice: s.notice })),
    emergencies: emergencies.map((e) => ({ certificateType: e.certificateType ? fromDbCertificateType(e.certificateType) : null, reason: e.reason, startedAt: e.startedAt })),
  };
}

/** The notices that concern one type at `now`: emergency stops first, then planned stops by start. */
export function stopNoticesFor(source: NoticeSource, type: CertificateTypeId, now: Date, horizonMs = UPCOMING_NOTICE_MS): StopNotice[] {
  const emergency = source.emergencies
    .filter((e) => e.certificateType === null || e.certificateType === type)
    .map((e): StopNotice => ({ kind: "emergency_stop", inForce: true, text: e.reason, startsAt: e.startedAt.toISOString(), endsAt: null }));
  const planned = source.stops
    .filter((s) => stopApplies(s, type) && now < s.endsAt && s.startsAt.getTime() <= now.getTime() + horizonMs)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((s): StopNotice => ({ kind: "planned_stop", inForce: s.startsAt <= now, text: s.notice, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() }));
  return [...emergency, ...planned];
}
