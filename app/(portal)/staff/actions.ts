"use server";

import type {
  ChangeRoleInput,
  CreateStaffUserInput,
  DisableStaffUserInput,
  ResetMfaInput,
  ResetPasswordInput,
  StaffUserRefInput,
} from "@/lib/schemas/staff";
import type { RequestContext } from "@/server/context";
import type { FormResult } from "@/lib/form-result";
import { runStaffAction } from "@/server/http/server-actions";
import { changeRole } from "@/server/staff/change-role";
import { createStaffUser } from "@/server/staff/create-staff-user";
import { disableStaffUser } from "@/server/staff/disable-staff-user";
import { enableStaffUser } from "@/server/staff/enable-staff-user";
import { resetMfa } from "@/server/staff/reset-mfa";
import { resetPassword } from "@/server/staff/reset-password";

// Wiring only: the verbs parse with the shared zod schema, authorize and take the tenant from the session.
// Codes that concern one field of a form are shown at that field too.
const FIELDS = {
  login_id_taken: "loginId",
  municipality_required: "municipalityCode",
  municipality_not_found: "municipalityCode",
  password_equals_login_id: "initialPassword",
  role_scope_mismatch: "role",
  last_admin: "role",
};

const run = <T>(fn: (ctx: RequestContext) => Promise<T>): Promise<FormResult<T>> => runStaffAction(fn, { revalidate: "/staff", layout: true, fields: FIELDS });

export async function createStaffUserAction(input: CreateStaffUserInput) {
  return run(async (ctx) => (await createStaffUser({ ctx, input })).id);
}

export async function changeRoleAction(input: ChangeRoleInput) {
  return run((ctx) => changeRole({ ctx, input }));
}

export async function disableStaffUserAction(input: DisableStaffUserInput) {
  return run((ctx) => disableStaffUser({ ctx, input }));
}

export async function enableStaffUserAction(input: StaffUserRefInput) {
  return run((ctx) => enableStaffUser({ ctx, input }));
}

/** The temporary password comes back once, to be shown to the administrator and handed over. */
export async function resetPasswordAction(input: ResetPasswordInput) {
  return run((ctx) => resetPassword({ ctx, input }));
}

export async function resetMfaAction(input: ResetMfaInput) {
  return run((ctx) => resetMfa({ ctx, input }));
}
