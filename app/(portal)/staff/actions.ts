"use server";

import { revalidatePath } from "next/cache";
import { errorMessage } from "@/lib/error-messages";
import type { CreateStaffUserInput, StaffUserRefInput } from "@/lib/schemas/staff";
import { getStaffSession } from "@/server/auth/require-staff";
import { createStaffUser } from "@/server/staff/create-staff-user";
import { disableStaffUser } from "@/server/staff/disable-staff-user";
import { enableStaffUser } from "@/server/staff/enable-staff-user";
import { staffFormResult, type StaffResult } from "./staff-messages";

async function run<T>(fn: (ctx: NonNullable<Awaited<ReturnType<typeof getStaffSession>>>["ctx"]) => Promise<T>): Promise<StaffResult<T>> {
  const staff = await getStaffSession();
  if (!staff) return { ok: false, message: errorMessage("unauthenticated") };
  try {
    const data = await fn(staff.ctx);
    revalidatePath("/staff");
    return { ok: true, data };
  } catch (e) {
    return staffFormResult(e);
  }
}

export async function createStaffUserAction(input: CreateStaffUserInput) {
  return run(async (ctx) => (await createStaffUser({ ctx, input })).id);
}

export async function disableStaffUserAction(input: StaffUserRefInput) {
  return run((ctx) => disableStaffUser({ ctx, input }));
}

export async function enableStaffUserAction(input: StaffUserRefInput) {
  return run((ctx) => enableStaffUser({ ctx, input }));
}
