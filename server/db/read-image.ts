import "server-only";
import type { Tx } from "../db";

// Images (the 公印, a 印影) read for a certificate as base64 text, not as bytea: the Prisma pg adapter turns a
// bytea into a JavaScript array of numbers byte by byte; a 10 KB image cost ≈ 2.4 ms of main-thread CPU through
// the model API against ≈ 0.5 ms this way (docs/benchmarks.md, "HTTP"). The same bytes: PostgreSQL encodes,
// Buffer decodes.

/** The municipality's 公印 image, or null when it has none. */
export async function readOfficialSealImage(tx: Tx, municipalityId: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const rows = await tx.$queryRaw<Array<{ image: string | null }>>`SELECT encode("sealImage", 'base64') AS image FROM "Municipality" WHERE id = ${municipalityId}::uuid`;
  return decode(rows[0]?.image);
}

/** A seal registration's 印影 image, or null when it has none. */
export async function readSealRegistrationImage(tx: Tx, registrationId: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const rows = await tx.$queryRaw<Array<{ image: string | null }>>`SELECT encode("sealImage", 'base64') AS image FROM "SealRegistration" WHERE id = ${registrationId}::uuid`;
  return decode(rows[0]?.image);
}

function decode(base64: string | null | undefined): Uint8Array<ArrayBuffer> | null {
  if (base64 === null || base64 === undefined) return null;
  // A copy of its own (not a view of Node's shared Buffer pool), as Prisma hands out bytes.
  return new Uint8Array(Buffer.from(base64, "base64"));
}
