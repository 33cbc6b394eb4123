import "server-only";
import { ZApiClientRef, type ApiClientRefInput } from "@/lib/schemas/api-client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { forgetApiClient } from "./api-client-cache";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { apiClientDtoSelect, toApiClientDto, type ApiClientDto } from "./api-client-dto";

/**
 * Revokes a client at once: every later request is refused (401 client_revoked), whichever secret signs it.
 * The secrets are dropped too. Revocation is final; a centre gets a new client. Operator only.
 */
export async function revokeApiClient({ ctx, input, now = new Date() }: { ctx: RequestContext; input: ApiClientRefInput; now?: Date }): Promise<ApiClientDto> {
  requirePermission(ctx, "api-clients:manage");
  const { id } = parseInput(ZApiClientRef, input);
  const revoked = await withTenant(ctx, async (tx) => {
    const before = await tx.apiClient.findUnique({ where: { id }, select: { status: true, keyId: true } });
    if (!before) throw new AppError("not_found", "no API client with this id");
    if (before.status === "revoked") throw new AppError("api_client_revoked", "this client is already revoked");
    const client = await tx.apiClient.update({
      where: { id },
      data: { status: "revoked", revokedAt: now, previousSecretCipher: null, previousValidUntil: null },
      select: apiClientDtoSelect,
    });
    await writeAuditEvent(tx, ctx, { action: "api_client.revoke", targetType: "ApiClient", targetId: id, details: { keyId: before.keyId }, municipalityId: null });
    return toApiClientDto(client);
  });
  // After the commit: this process refuses the client from its next request (others within the cache's TTL).
  forgetApiClient(revoked.keyId);
  return revoked;
}
