import "server-only";
import { PREVIOUS_SECRET_GRACE_HOURS, ZApiClientRef, type ApiClientRefInput } from "@/lib/schemas/api-client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { encryptField, FieldContext } from "../crypto/field-encryption";
import { withTenant } from "../db/tenant";
import { forgetApiClient } from "./api-client-cache";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { apiClientDtoSelect, generateApiSecret, toApiClientDto, type ApiClientDto } from "./api-client-dto";

/**
 * Issues a new secret (returned once). The current one becomes the previous secret and keeps working for
 * 24 hours, so the centre can switch without downtime; a secret older than that is dropped. Operator only.
 */
export async function rotateApiClient({ ctx, input, now = new Date() }: { ctx: RequestContext; input: ApiClientRefInput; now?: Date }): Promise<{ client: ApiClientDto; secret: string }> {
  requirePermission(ctx, "api-clients:manage");
  const { id } = parseInput(ZApiClientRef, input);
  const secret = generateApiSecret();
  const rotated = await withTenant(ctx, async (tx) => {
    const before = await tx.apiClient.findUnique({ where: { id }, select: { id: true, status: true, secretCipher: true, keyId: true } });
    if (!before) throw new AppError("not_found", "no API client with this id");
    if (before.status !== "active") throw new AppError("api_client_revoked", "a revoked client cannot be rotated");
    const previousValidUntil = new Date(now.getTime() + PREVIOUS_SECRET_GRACE_HOURS * 3_600_000);
    const client = await tx.apiClient.update({
      where: { id },
      data: {
        secretCipher: encryptField(secret, FieldContext.apiClientSecret).cipher,
        previousSecretCipher: before.secretCipher,
        previousValidUntil,
        rotatedAt: now,
      },
      select: apiClientDtoSelect,
    });
    await writeAuditEvent(tx, ctx, {
      action: "api_client.rotate",
      targetType: "ApiClient",
      targetId: id,
      details: { keyId: before.keyId, previousValidUntil: previousValidUntil.toISOString() },
      municipalityId: null,
    });
    return { client: toApiClientDto(client), secret };
  });
  // After the commit: the new secret works in this process from its next request (others within the cache's TTL).
  forgetApiClient(rotated.client.keyId);
  return rotated;
}
