import "server-only";
import type { StaffRole } from "./generated/prisma/enums";
import { AppError } from "./errors";

// Who is acting, and for which municipality. Verbs take the tenant from here, never from a payload.
export type Actor =
  | { type: "staff"; id: string; role: StaffRole; municipalityId: string | null }
  | { type: "api_client"; id: string; municipalityId: string | null }
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

export function requireRole(ctx: RequestContext, ...roles: StaffRole[]): void {
  if (ctx.actor.type !== "staff" || !roles.includes(ctx.actor.role)) {
    throw new AppError("forbidden", "the signed-in role may not do this");
  }
}
