"use server";

import { headers } from "next/headers";
import { clientAddress } from "@/lib/client-address";
import type { PreRegistrationFormInput, RegistrationStatusLookupInput } from "@/lib/schemas/koseki-registration";
import { isAppError } from "@/server/errors";
import { formFailure } from "@/server/http/form-result";
import { lookupRegistrationStatus, type RegistrationStatusView } from "@/server/koseki-registration/lookup-registration-status";
import { submitPreRegistration, type PreRegistrationReceipt } from "@/server/koseki-registration/submit-pre-registration";

export type PublicResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string> };

/** Codes shown at a field of the form as well. */
const FIELDS = { municipality_unknown: "honsekiMunicipalityCode" } as const;

/** The caller for the throttle (lib/client-address.ts): the socket's address, or the trusted proxy's record. */
async function clientKey(): Promise<string> {
  const h = await headers();
  return clientAddress((name) => h.get(name));
}

async function run<T>(fn: (key: string) => Promise<T>): Promise<PublicResult<T>> {
  try {
    return { ok: true, data: await fn(await clientKey()) };
  } catch (e) {
    // The verbs' errors as the staff forms get them (rethrows what is not an AppError); a stop's notice is added.
    const failure = formFailure(e, FIELDS);
    const notice = isAppError(e) && typeof e.details?.notice === "string" ? `（お知らせ：${e.details.notice}）` : "";
    return { ok: false, message: failure.message + notice, fieldErrors: failure.fieldErrors };
  }
}

export async function submitPreRegistrationAction(input: PreRegistrationFormInput): Promise<PublicResult<PreRegistrationReceipt>> {
  return run((key) => submitPreRegistration({ input, clientKey: key }));
}

export async function lookupRegistrationStatusAction(input: RegistrationStatusLookupInput): Promise<PublicResult<RegistrationStatusView>> {
  return run((key) => lookupRegistrationStatus({ input, clientKey: key }));
}
