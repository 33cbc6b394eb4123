import "server-only";
import { can } from "@/lib/permissions";
import { systemContext, type RequestContext } from "../context";
import { AppError } from "../errors";
import { getDb, type Tx } from "../db";

export type TenantTransactionOptions = { timeout?: number; maxWait?: number };

/**
 * Runs `fn` in one transaction scoped to the context's tenant: `SET LOCAL app.municipality_id` (via
 * set_config(..., true)) so PostgreSQL row-level security confines every row read or written to that
 * municipality (prisma/migrations/*_row_level_security). Work across tenants (`app.all_municipalities = on`)
 * is for operators, system work, and kiosk-centre API clients that serve every municipality.
 * The tenant comes from the session or the authenticated client, never from a payload.
 * Outside such a transaction the app's database role sees no tenant row at all.
 */
export async function withTenant<T>(ctx: RequestContext, fn: (tx: Tx) => Promise<T>, options: TenantTransactionOptions = {}): Promise<T> {
  const allTenants = ctx.municipalityId === null;
  if (allTenants && !mayActAcrossTenants(ctx)) throw new AppError("forbidden", "this action needs a municipality");
  return getDb().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.municipality_id', ${ctx.municipalityId ?? ""}, true), set_config('app.all_municipalities', ${allTenants ? "on" : "off"}, true)`;
      return fn(tx);
    },
    { timeout: options.timeout ?? 15_000, ...(options.maxWait !== undefined ? { maxWait: options.maxWait } : {}) },
  );
}

/** System work across every municipality (sign-in lookups, the kiosk centre, scheduled jobs). */
export function withSystemScope<T>(name: string, fn: (tx: Tx) => Promise<T>, options: TenantTransactionOptions = {}): Promise<T> {
  return withTenant(systemContext(name), fn, options);
}

function mayActAcrossTenants(ctx: RequestContext): boolean {
  switch (ctx.actor.type) {
    case "system":
      return true;
    case "staff":
      return can(ctx.actor.role, "all-municipalities");
    case "api_client":
      return ctx.actor.municipalityId === null; // a centre client serving every municipality
    default:
      return false;
  }
}
