"use server";

import type { ApiClientCreateInput, ApiClientRefInput, ApiClientScopesUpdateInput } from "@/lib/schemas/api-client";
import { createApiClient } from "@/server/api-clients/create-api-client";
import { revokeApiClient } from "@/server/api-clients/revoke-api-client";
import { rotateApiClient } from "@/server/api-clients/rotate-api-client";
import { updateApiClientScopes } from "@/server/api-clients/update-api-client-scopes";
import type { RequestContext } from "@/server/context";
import { runStaffAction } from "@/server/http/server-actions";
import type { FormResult } from "@/lib/form-result";

// Codes that concern one field of the form are shown at that field too (text: lib/error-messages.ts).
const FIELDS = { municipality_not_found: "municipalityCode", scope_requires_municipality: "scopes" };

/** The new secret travels to the browser once, in this answer; it is never stored in plaintext or shown again. */
type SecretResult = { keyId: string; secret: string; name: string };

const run = <T>(fn: (ctx: RequestContext) => Promise<T>) => runStaffAction(fn, { revalidate: "/api-clients", fields: FIELDS });

export async function createApiClientAction(input: ApiClientCreateInput): Promise<FormResult<SecretResult>> {
  return run(async (ctx) => {
    const { client, secret } = await createApiClient({ ctx, input });
    return { keyId: client.keyId, name: client.name, secret };
  });
}

export async function rotateApiClientAction(input: ApiClientRefInput): Promise<FormResult<SecretResult>> {
  return run(async (ctx) => {
    const { client, secret } = await rotateApiClient({ ctx, input });
    return { keyId: client.keyId, name: client.name, secret };
  });
}

export async function updateApiClientScopesAction(input: ApiClientScopesUpdateInput): Promise<FormResult<string>> {
  return run(async (ctx) => (await updateApiClientScopes({ ctx, input })).keyId);
}

export async function revokeApiClientAction(input: ApiClientRefInput): Promise<FormResult<string>> {
  return run(async (ctx) => (await revokeApiClient({ ctx, input })).keyId);
}
