import "server-only";
import type { RequestContext } from "../context";
import { AppError } from "../errors";
import { getDb, type Tx } from "../db";

/**
 * Runs `fn` in one transaction scoped to the context's tenant: `SET LOCAL app.municipality_id` (via
 * set_config(..., true)) so PostgreSQL row-level security confines every row read or written to that
 * municipality. An operator (no municipality) works across tenants: `app.all_municipalities = on`.
 * Staff verbs use this for every query; the tenant comes from the session, never from a payload.
 */
export async function withTenant<T>(ctx: RequestContext, fn: (tx: Tx) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  const allTenants = ctx.municipalityId === null;
  if (allTenants && !(ctx.actor.type === "staff" && ctx.actor.role === "operator") && ctx.actor.type !== "system") {
    throw new AppError("forbidden", "this action needs a municipality");
  }
  return getDb().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.municipality_id', ${ctx.municipalityId ?? ""}, true), set_config('app.all_municipalities', ${allTenants ? "on" : "off"}, true)`;
      return fn(tx);
    },
    { timeout: options.timeout ?? 15_000 },
  );
}
