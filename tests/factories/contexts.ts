import crypto from "node:crypto";
import type { RequestContext } from "@/server/context";
import type { StaffRole } from "@/server/generated/prisma/client";

// Request contexts for calling verbs directly in tests. The staff member need not exist: verbs take the actor
// from the context (tests that need a real row use createStaffUser and pass its id).

export const staffCtx = (municipalityId: string | null, role: StaffRole, id: string = crypto.randomUUID()): RequestContext => ({
  actor: { type: "staff", id, role, municipalityId },
  municipalityId,
  requestId: "r",
});

export const systemCtx: RequestContext = { actor: { type: "system", id: "test" }, municipalityId: null, requestId: "r" };
