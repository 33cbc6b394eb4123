import "server-only";
import { can, type Permission } from "@/lib/permissions";
import type { ApiClientScope, StaffRole } from "./generated/prisma/enums";
import { AppError } from "./errors";

// Who is acting, and for which municipality. Verbs take the tenant from here, never from a payload.
export type Actor =
  | { type: "staff"; id: string; role: StaffRole; municipalityId: string | null }
  /** `scopes`: what the client may call, set by request authentication; a context without them passes no scope check. */
  | { type: "api_client"; id: string; municipalityId: string | null; scopes?: readonly ApiClientScope[] }
  | { type: "system"; id: string }
  | { type: "resident"; id: string | null };

export type RequestContext = {
  actor: Actor;
  /** The tenant the request acts in; null only for operator-wide work. */
  municipalityId: string | null;
  requestId: string;
};

export function systemContext(name: string, municipalityId: string | null = null): RequestContext {
  return { actor: { type: "system", id: name }, municipalityId, requestId: crypto.randomUUID() };
}

/** The tenant of the context, or a refusal when the verb needs one. */
export function requireMunicipality(ctx: RequestContext): string {
  if (!ctx.municipalityId) throw new AppError("forbidden", "this action needs a municipality");
  return ctx.municipalityId;
}

/** The staff authorisation: the signed-in staff member's role must hold `permission` (lib/permissions.ts; 403 otherwise). */
export function requirePermission(ctx: RequestContext, permission: Permission): void {
  if (ctx.actor.type !== "staff" || !can(ctx.actor.role, permission)) {
    throw new AppError("forbidden", "the signed-in role may not do this");
  }
}

/** The machine API's authorisation: the signed-in API client must hold the route's scope (403 otherwise). */
export function requireScope(ctx: RequestContext, scope: ApiClientScope): void {
  if (ctx.actor.type !== "api_client" || !ctx.actor.scopes?.includes(scope)) {
    throw new AppError("scope_not_granted", `this API client is not granted the ${scope} scope`, { details: { requiredScope: scope } });
  }
}
