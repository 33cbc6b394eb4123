"use server";

import { revalidatePath } from "next/cache";
import { ZIncidentClose, ZIncidentRef } from "@/lib/schemas/logs";
import { getStaffSession } from "@/server/auth/require-staff";
import { isAppError } from "@/server/errors";
import { acknowledgeIncident } from "@/server/incidents/acknowledge-incident";
import { closeIncident } from "@/server/incidents/close-incident";

export type IncidentActionResult = { ok: true } | { ok: false; code: string };

async function run(incidentId: string, act: (ctx: NonNullable<Awaited<ReturnType<typeof getStaffSession>>>["ctx"]) => Promise<unknown>): Promise<IncidentActionResult> {
  const staff = await getStaffSession();
  if (!staff) return { ok: false, code: "unauthenticated" };
  try {
    await act(staff.ctx);
  } catch (e) {
    if (isAppError(e)) return { ok: false, code: e.code };
    throw e;
  }
  revalidatePath("/incidents");
  revalidatePath(`/incidents/${incidentId}`);
  return { ok: true };
}

export async function acknowledgeIncidentAction(input: unknown): Promise<IncidentActionResult> {
  const parsed = ZIncidentRef.safeParse(input);
  if (!parsed.success) return { ok: false, code: "validation_failed" };
  return run(parsed.data.incidentId, (ctx) => acknowledgeIncident({ ctx, input: parsed.data }));
}

export async function closeIncidentAction(input: unknown): Promise<IncidentActionResult> {
  const parsed = ZIncidentClose.safeParse(input);
  if (!parsed.success) return { ok: false, code: "validation_failed" };
  return run(parsed.data.incidentId, (ctx) => closeIncident({ ctx, input: parsed.data }));
}
