import "server-only";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { checkRegistrationIntake } from "../service-calendar/check-availability";
import { jstParts } from "../service-calendar/jst";
import { loadCalendar, loadClosureDaysFrom } from "../service-calendar/load-calendar";
import { refusalMessage } from "@/lib/refusal-reasons";
import { addBusinessDays } from "./business-days";

// What the web form and the kiosk intake share: the 本籍地 municipality must be active and its
// registration intake open (stops of scope all or registration_intake close it), the review deadline, and
// the full 本籍 text from the municipality and what the resident typed.

export type IntakeMunicipality = { id: string; code: string; name: string; prefecture: string; status: string; registrationReviewDays: number };

export const INTAKE_MUNICIPALITY_SELECT = { id: true, code: true, name: true, prefecture: true, status: true, registrationReviewDays: true } as const;

/** Refuses when the municipality does not take applications now. */
export async function assertIntakeOpen(tx: Tx, m: IntakeMunicipality, now: Date): Promise<void> {
  if (m.status !== "active") {
    throw new AppError("municipality_not_active", "the municipality's service is not active", { details: { reason: "municipality_not_active", message: refusalMessage("municipality_not_active") } });
  }
  const intake = checkRegistrationIntake(await loadCalendar(tx, m.id, now), now);
  if (!intake.open) {
    throw new AppError("registration_intake_closed", "the municipality does not accept koseki registrations now (planned stop)", { details: { notice: intake.notice ?? null } });
  }
}

/** The review deadline: the municipality's review days counted in business days (its closure days skipped). */
export async function reviewDueOn(tx: Tx, m: IntakeMunicipality, now: Date): Promise<Date> {
  const today = jstParts(now).ymd;
  return new Date(`${addBusinessDays(today, m.registrationReviewDays, await loadClosureDaysFrom(tx, m.id, today))}T00:00:00Z`);
}

/** 本籍 as one text: prefecture + municipality + what was typed (without repeating a typed prefix). */
export function fullHonseki(m: IntakeMunicipality, typed: string): string {
  let rest = typed.normalize("NFKC").trim().replace(/\s+/g, "");
  if (rest.startsWith(m.prefecture)) rest = rest.slice(m.prefecture.length);
  if (rest.startsWith(m.name)) rest = rest.slice(m.name.length);
  return `${m.prefecture}${m.name}${rest}`;
}

export const ymdOf = (d: Date) => d.toISOString().slice(0, 10);
