import "server-only";
import { ZApiClientScopesUpdate, type ApiClientScopesUpdateInput } from "@/lib/schemas/api-client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { forgetApiClient } from "./api-client-cache";
import { apiClientDtoSelect, toApiClientDto, type ApiClientDto } from "./api-client-dto";

/**
 * Replaces what a client may call (its scopes). Takes effect at once in this process (the client cache entry
 * is dropped after the commit) and everywhere within API_CLIENT_CACHE_TTL_MS. The import scope needs a client
 * confined to one municipality (the import API refuses the others). Audited with the scopes before and
 * after; unchanged scopes write nothing.
 * Operator only, like creating, rotating and revoking.
 */
export async function updateApiClientScopes({ ctx, input }: { ctx: RequestContext; input: ApiClientScopesUpdateInput }): Promise<ApiClientDto> {
  requirePermission(ctx, "api-clients:manage");
  const { id, scopes } = parseInput(ZApiClientScopesUpdate, input);
  const client = await withTenant(ctx, async (tx) => {
    const before = await tx.apiClient.findUnique({ where: { id }, select: { status: true, keyId: true, municipalityId: true, scopes: true } });
    if (!before) throw new AppError("not_found", "no API client with this id");
    if (before.status === "revoked") throw new AppError("api_client_revoked", "a revoked client cannot be changed");
    if (scopes.includes("imports") && before.municipalityId === null) {
      throw new AppError("scope_requires_municipality", "the imports scope needs a client confined to one municipality");
    }
    if (before.scopes.length === scopes.length && scopes.every((s) => before.scopes.includes(s))) {
      return toApiClientDto(await tx.apiClient.findUniqueOrThrow({ where: { id }, select: apiClientDtoSelect }));
    }
    const updated = await tx.apiClient.update({ where: { id }, data: { scopes }, select: apiClientDtoSelect });
    await writeAuditEvent(tx, ctx, {
      action: "api_client.update_scopes",
      targetType: "ApiClient",
      targetId: id,
      details: { keyId: before.keyId, before: before.scopes, after: scopes },
      municipalityId: null,
    });
    return toApiClientDto(updated);
  });
  forgetApiClient(client.keyId);
  return client;
}
