// An issuance row written directly (no PDF rendering), for the tests of what staff do with issuances
// afterwards (the log, the detail, the void and the recall export): they read only these columns.
import crypto from "node:crypto";
import { ownerDb } from "@/tests/setup/owner-db";
import type { Prisma } from "@/server/generated/prisma/client";

export type IssuanceTown = {
  m: { id: string; code: string };
  holder: { card: { id: string }; head: { id: string } };
  client: { id: string };
};

let seq = 0;

/** A printed 住民票 of the town's cardholder at `at` (JST 2026-11-27 10:00 unless given), numbered `<code>-2026-<8 digits>`. */
export async function createIssuanceRow(t: IssuanceTown, overrides: Partial<Prisma.IssuanceUncheckedCreateInput> & { at?: string } = {}) {
  const { at = "2026-11-27T10:00:00+09:00", ...rest } = overrides;
  const n = ++seq;
  return ownerDb().issuance.create({
    data: {
      municipalityId: t.m.id,
      issuanceNo: `${t.m.code}-2026-${String(n).padStart(8, "0")}`,
      certificateType: "residence",
      purpose: "residence",
      cardCertificateId: t.holder.card.id,
      requesterResidentId: t.holder.head.id,
      subjectDigest: "0".repeat(64),
      options: {},
      copies: 1,
      feePerCopy: 200,
      feeTotal: 200,
      status: "printed",
      apiClientId: t.client.id,
      idempotencyKey: `k-${n}-${crypto.randomUUID()}`,
      requestHash: "0".repeat(64),
      centreTransactionId: crypto.randomUUID(),
      storeChain: "test-mart",
      storeCode: "0001",
      terminalId: "T1",
      pdfExpiresAt: new Date(Date.parse(at) + 86_400_000),
      pdfSha256: "a".repeat(64),
      pageCount: 1,
      renderedAt: new Date(at),
      ...rest,
    },
  });
}
