"use server";

import { headers } from "next/headers";
import { clientAddress } from "@/lib/client-address";
import { errorMessage } from "@/lib/error-messages";
import type { PreRegistrationFormInput, RegistrationStatusLookupInput } from "@/lib/schemas/koseki-registration";
import { getEnv } from "@/server/env";
import { isAppError } from "@/server/errors";
import { lookupRegistrationStatus, type RegistrationStatusView } from "@/server/koseki-registration/lookup-registration-status";
import { submitPreRegistration, type PreRegistrationReceipt } from "@/server/koseki-registration/submit-pre-registration";

export type PublicResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string> };

/** The caller for the throttle (lib/client-address.ts): the socket's address, or the trusted proxy's record. */
async function clientKey(): Promise<string> {
  const h = await headers();
  return clientAddress((name) => h.get(name), getEnv().TRUSTED_PROXY_HOPS);
}

async function run<T>(fn: (key: string) => Promise<T>): Promise<PublicResult<T>> {
  try {
    return { ok: true, data: await fn(await clientKey()) };
  } catch (e) {
    if (!isAppError(e)) throw e;
    const fieldErrors = (e.details?.fieldErrors as Record<string, string> | undefined) ?? undefined;
    const notice = typeof e.details?.notice === "string" ? `（お知らせ：${e.details.notice}）` : "";
    return { ok: false, message: errorMessage(e.code) + notice, fieldErrors };
  }
}

export async function submitPreRegistrationAction(input: PreRegistrationFormInput): Promise<PublicResult<PreRegistrationReceipt>> {
  return run((key) => submitPreRegistration({ input, clientKey: key }));
}

export async function lookupRegistrationStatusAction(input: RegistrationStatusLookupInput): Promise<PublicResult<RegistrationStatusView>> {
  return run((key) => lookupRegistrationStatus({ input, clientKey: key }));
}
