import "server-only";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { apiClientDtoSelect, toApiClientDto, type ApiClientDto } from "./api-client-dto";

/** Every API client, active first, newest first (operator only). */
export async function listApiClients({ ctx }: { ctx: RequestContext }): Promise<ApiClientDto[]> {
  requirePermission(ctx, "api-clients:manage");
  const rows = await withTenant(ctx, (tx) =>
    tx.apiClient.findMany({ select: apiClientDtoSelect, orderBy: [{ status: "asc" }, { createdAt: "desc" }] }),
  );
  return rows.map(toApiClientDto);
}
