// Shared setup for the service-configuration tests (not a test file itself).
import { expect } from "vitest";
import type { RequestContext } from "@/server/context";
import { ownerDb } from "@/tests/setup/owner-db";
import type { StaffRole } from "@/server/generated/prisma/enums";
import { createMunicipality, createStaffUser } from "../factories";

export async function staffCtx(municipalityId: string | null, role: StaffRole = "municipal_admin"): Promise<RequestContext> {
  const user = await createStaffUser({ role, municipalityId });
  return { actor: { type: "staff", id: user.id, role, municipalityId }, municipalityId, requestId: crypto.randomUUID() };
}

/** Two municipalities with an admin each, and the operator. */
export async function twoTenants() {
  const a = await createMunicipality();
  const b = await createMunicipality();
  return { a, b, adminA: await staffCtx(a.id), adminB: await staffCtx(b.id), operator: await staffCtx(null, "operator") };
}

export const auditActions = async (municipalityId: string) =>
  (await ownerDb().auditEvent.findMany({ where: { municipalityId }, orderBy: { seq: "asc" }, select: { action: true } })).map((e) => e.action);

/** A `validation_failed` whose violations (`details.errors`, server/parse-input.ts) include a message matching `message`. */
export const invalidWith = (message: RegExp) => ({
  code: "validation_failed",
  details: { errors: expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(message) })]) },
});
