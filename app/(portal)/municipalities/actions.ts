"use server";

import { revalidatePath } from "next/cache";
import { errorMessage } from "@/lib/error-messages";
import type { MunicipalityFormInput, MunicipalityStatusChangeInput } from "@/lib/schemas/municipality";
import { getStaffSession } from "@/server/auth/require-staff";
import { formFailure } from "@/server/http/form-result";
import { createMunicipality } from "@/server/municipalities/create-municipality";
import { setMunicipalityStatus } from "@/server/municipalities/set-municipality-status";
import { updateMunicipality } from "@/server/municipalities/update-municipality";
import type { FormResult } from "./_components/form-result";

// Codes that concern one field of the form are shown at that field too (text: lib/error-messages.ts).
const FIELDS = { municipality_code_taken: "code" };

async function run<T>(fn: (ctx: NonNullable<Awaited<ReturnType<typeof getStaffSession>>>["ctx"]) => Promise<T>): Promise<FormResult<T>> {
  const staff = await getStaffSession();
  if (!staff) return { ok: false, message: errorMessage("unauthenticated") };
  try {
    const data = await fn(staff.ctx);
    revalidatePath("/municipalities", "layout");
    return { ok: true, data };
  } catch (e) {
    return formFailure(e, FIELDS);
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
