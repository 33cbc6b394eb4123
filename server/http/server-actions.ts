import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/client-address";
import { getEnv } from "../env";
import type { FormResult } from "@/lib/form-result";
import { signMfaProof } from "../auth/mfa-proof";
import { getSignedInStaff, getStaffSessionForPasswordChange } from "../auth/require-staff";
import type { RequestContext } from "../context";
import { isAppError, type ErrorCode } from "../errors";
import { formFailure, sessionFailure } from "./form-result";

// The one family of server-action wrappers. Each takes the caller (staff session, the session at the MFA step,
// or a public caller's address), runs the verb and answers a FormResult: errors go through formFailure, so the
// form hook (components/form/use-form-action.ts) shows them the same way everywhere. An action file is wiring
// (app/(portal)/incidents/actions.ts is the model): `export async function closeIncidentAction(input: X) {
// return runStaffAction((ctx) => closeIncident({ ctx, input }), { revalidate: "/incidents", layout: true }); }`.
// The verbs parse their input with the shared zod schema and authorize.

/** Codes tied to the form field they concern, e.g. `{ login_id_taken: "loginId" }` (see formFailure). */
type Fields = Readonly<Partial<Record<ErrorCode, string>>>;

export type StaffActionOptions = {
  /** The area whose pages show what the action changes; none for an action that changes nothing shown. */
  revalidate?: string;
  /** Revalidate every page under `revalidate` (its detail pages too), not only that page. */
  layout?: boolean;
  fields?: Fields;
  /** Only for the password change itself: the one action open while a forced password change is pending. */
  duringPasswordChange?: boolean;
};

/**
 * A portal action: a session that passed MFA (refused while a forced password change is pending, unless
 * `duringPasswordChange`), the verb with the session's context, the revalidation of the area.
 */
export async function runStaffAction<T>(fn: (ctx: RequestContext) => Promise<T>, opts: StaffActionOptions = {}): Promise<FormResult<T>> {
  const staff = await getStaffSessionForPasswordChange();
  if (!staff || (staff.mustChangePassword && !opts.duringPasswordChange)) return sessionFailure(staff?.mustChangePassword);
  try {
    const data = await fn(staff.ctx);
    if (opts.revalidate) revalidatePath(opts.revalidate, opts.layout ? "layout" : undefined);
    return { ok: true, data };
  } catch (e) {
    return formFailure(e, opts.fields);
  }
}

/**
 * The step between password and full session: "verify" (/login/mfa, a TOTP or recovery code) or "enrol"
 * (/account/mfa, the first set-up). Only a session at that step gets through. `proof()` signs the statement
 * that this session passed MFA, which the client hands to next-auth's session update (server/auth/mfa-proof.ts);
 * call it only once the verb has accepted the code.
 */
export async function runMfaStepAction<T>(
  step: "verify" | "enrol",
  fn: (s: { ctx: RequestContext; proof: () => string }) => Promise<T>,
  opts: { fields?: Fields } = {},
): Promise<FormResult<T>> {
  const staff = await getSignedInStaff();
  if (!staff || staff.mfa !== step) return sessionFailure();
  try {
    return { ok: true, data: await fn({ ctx: staff.ctx, proof: () => signMfaProof(staff.staffId, staff.signedInAt) }) };
  } catch (e) {
    return formFailure(e, opts.fields);
  }
}

/**
 * A resident's action before any sign-in (pre-registration, status lookup). The verb gets the caller's key
 * for its throttles (lib/client-address.ts: the socket's address, or the trusted proxy's record) and applies
 * its own limits, since each verb limits differently (per caller, per receipt number). A refusal that carries
 * a municipality's notice (a planned stop) shows it after the message.
 */
export async function runPublicAction<T>(fn: (clientKey: string) => Promise<T>, opts: { fields?: Fields } = {}): Promise<FormResult<T>> {
  const h = await headers();
  const clientKey = clientAddress((name) => h.get(name), getEnv().TRUSTED_PROXY_HOPS);
  try {
    return { ok: true, data: await fn(clientKey) };
  } catch (e) {
    const failure = formFailure(e, opts.fields);
    const notice = isAppError(e) && typeof e.details?.notice === "string" ? `（お知らせ：${e.details.notice}）` : "";
    return { ...failure, message: failure.message + notice };
  }
}
