import "server-only";
import type { Tx } from "../db";
import { AppError } from "../errors";

/** The registration of the municipality, locked for a decision (concurrent deciders queue here). */
export async function lockRegistration(tx: Tx, municipalityId: string, registrationId: string) {
  await tx.$queryRaw`SELECT 1 FROM "KosekiRegistration" WHERE id = ${registrationId}::uuid AND "municipalityId" = ${municipalityId}::uuid FOR UPDATE`;
  const r = await tx.kosekiRegistration.findFirst({ where: { id: registrationId, municipalityId } });
  if (!r) throw new AppError("not_found", "no such registration");
  if (r.status !== "pending") {
    throw new AppError("registration_already_decided", `a registration in status ${r.status} cannot be decided`, { details: { currentStatus: r.status } });
  }
  return r;
}
