"use server";

import type { MunicipalityFormInput, MunicipalityStatusChangeInput } from "@/lib/schemas/municipality";
import type { RequestContext } from "@/server/context";
import { runStaffAction } from "@/server/http/server-actions";
import { createMunicipality } from "@/server/municipalities/create-municipality";
import { setMunicipalityStatus } from "@/server/municipalities/set-municipality-status";
import { updateMunicipality } from "@/server/municipalities/update-municipality";

// Codes that concern one field of the form are shown at that field too (text: lib/error-messages.ts).
const FIELDS = { municipality_code_taken: "code" };

const run = <T>(fn: (ctx: RequestContext) => Promise<T>) => runStaffAction(fn, { revalidate: "/municipalities", layout: true, fields: FIELDS });

export async function createMunicipalityAction(input: MunicipalityFormInput) {
  return run(async (ctx) => (await createMunicipality({ ctx, input })).code);
}

export async function updateMunicipalityAction(input: MunicipalityFormInput) {
  return run(async (ctx) => (await updateMunicipality({ ctx, input })).code);
}

export async function setMunicipalityStatusAction(input: MunicipalityStatusChangeInput) {
  return run(async (ctx) => (await setMunicipalityStatus({ ctx, input })).status);
}
