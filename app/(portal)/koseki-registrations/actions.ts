"use server";

import { revalidatePath } from "next/cache";
import { ZApproveRegistration, ZRejectRegistration } from "@/lib/schemas/koseki-registration";
import { getStaffSession } from "@/server/auth/require-staff";
import { isAppError } from "@/server/errors";
import { approveRegistration } from "@/server/koseki-registration/approve-registration";
import { rejectRegistration } from "@/server/koseki-registration/reject-registration";

export type RegistrationActionResult = { ok: true } | { ok: false; code: string };

async function run(registrationId: string, act: (ctx: NonNullable<Awaited<ReturnType<typeof getStaffSession>>>["ctx"]) => Promise<unknown>): Promise<RegistrationActionResult> {
  const staff = await getStaffSession();
  if (!staff) return { ok: false, code: "unauthenticated" };
  try {
    await act(staff.ctx);
  } catch (e) {
    if (isAppError(e)) return { ok: false, code: e.code };
    throw e;
  }
  revalidatePath("/koseki-registrations");
  revalidatePath(`/koseki-registrations/${registrationId}`);
  return { ok: true };
}

export async function approveRegistrationAction(input: unknown): Promise<RegistrationActionResult> {
  const parsed = ZApproveRegistration.safeParse(input);
  if (!parsed.success) return { ok: false, code: "validation_failed" };
  return run(parsed.data.registrationId, (ctx) => approveRegistration({ ctx, input: parsed.data }));
}

export async function rejectRegistrationAction(input: unknown): Promise<RegistrationActionResult> {
  const parsed = ZRejectRegistration.safeParse(input);
  if (!parsed.success) return { ok: false, code: "validation_failed" };
  return run(parsed.data.registrationId, (ctx) => rejectRegistration({ ctx, input: parsed.data }));
}
