import "server-only";
import { randomBytes } from "node:crypto";
import { ZApiClientCreate, type ApiClientCreateInput } from "@/lib/schemas/api-client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { encryptField, FieldContext } from "../crypto/field-encryption";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { apiClientDtoSelect, generateApiSecret, toApiClientDto, type ApiClientDto } from "./api-client-dto";

/**
 * Registers a kiosk centre. The secret is returned here once and stored only as an encrypted envelope; the
 * key id (`centre-…`) is public and names the client in every signed request. With a municipality code the
 * client is confined to that municipality. It may call only the scopes chosen here (least privilege: an
 * import job's key cannot issue certificates, a centre's key cannot import). Operator only.
 */
export async function createApiClient({ ctx, input }: { ctx: RequestContext; input: ApiClientCreateInput }): Promise<{ client: ApiClientDto; secret: string }> {
  requirePermission(ctx, "api-clients:manage");
  const { name, municipalityCode, scopes } = parseInput(ZApiClientCreate, input);
  const secret = generateApiSecret();
  return withTenant(ctx, async (tx) => {
    let municipalityId: string | null = null;
    if (municipalityCode) {
      const m = await tx.municipality.findUnique({ where: { code: municipalityCode }, select: { id: true } });
      if (!m) throw new AppError("municipality_not_found", "no municipality has this code");
      municipalityId = m.id;
    }
    const client = await tx.apiClient.create({
      data: {
        name,
        keyId: `centre-${randomBytes(9).toString("base64url")}`,
        secretCipher: encryptField(secret, FieldContext.apiClientSecret).cipher,
        municipalityId,
        scopes,
      },
      select: apiClientDtoSelect,
    });
    await writeAuditEvent(tx, ctx, {
      action: "api_client.create",
      targetType: "ApiClient",
      targetId: client.id,
      details: { keyId: client.keyId, municipalityCode: municipalityCode || null, scopes },
      municipalityId: null,
    });
    return { client: toApiClientDto(client), secret };
  });
}
