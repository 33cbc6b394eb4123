"use server";

import { revalidatePath } from "next/cache";
import { errorMessage } from "@/lib/error-messages";
import type { MunicipalityFormInput, MunicipalityStatusChangeInput } from "@/lib/schemas/municipality";
import { getStaffSession } from "@/server/auth/require-staff";
import { isAppError } from "@/server/errors";
import { createMunicipality } from "@/server/municipalities/create-municipality";
import { setMunicipalityStatus } from "@/server/municipalities/set-municipality-status";
import { updateMunicipality } from "@/server/municipalities/update-municipality";
import type { FormResult } from "./_components/form-result";

// Codes of this area without a line in lib/error-messages.ts yet.
const MESSAGES: Record<string, string> = { municipality_code_taken: "この団体コードの自治体はすでに登録されています。" };

function toFormResult(e: unknown): FormResult<never> {
  if (!isAppError(e)) throw e;
  const errors = (e.details?.errors ?? []) as { path: string; message: string }[];
  const fieldErrors = Object.fromEntries(errors.map((x) => [x.path, x.message]));
  if (e.code === "municipality_code_taken") fieldErrors.code = MESSAGES.municipality_code_taken;
  return { ok: false, message: MESSAGES[e.code] ?? errorMessage(e.code), fieldErrors };
}

async function run<T>(fn: (ctx: NonNullable<Awaited<ReturnType<typeof getStaffSession>>>["ctx"]) => Promise<T>): Promise<FormResult<T>> {
  const staff = await getStaffSession();
  if (!staff) return { ok: false, message: errorMessage("unauthenticated") };
  try {
    const data = await fn(staff.ctx);
    revalidatePath("/municipalities", "layout");
    return { ok: true, data };
  } catch (e) {
    return toFormResult(e);
  }
}

export async function createMunicipalityAction(input: MunicipalityFormInput) {
  return run(async (ctx) => (await createMunicipality({ ctx, input })).code);
}

export async function updateMunicipalityAction(input: MunicipalityFormInput) {
  return run(async (ctx) => (await updateMunicipality({ ctx, input })).code);
}

export async function setMunicipalityStatusAction(input: MunicipalityStatusChangeInput) {
  return run(async (ctx) => (await setMunicipalityStatus({ ctx, input })).status);
}
