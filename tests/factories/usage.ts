// Factories for statistics tests: rendered issuances inserted directly (no PDF rendering), then completed
// through the real completion verb, which maintains the rollups.
import crypto from "node:crypto";
import { ownerDb } from "@/tests/setup/owner-db";
import type { CertificateType } from "@/server/generated/prisma/enums";
import { createApiClient, createCardholder } from "./issuance";

export async function createUsageFixture(municipalityId: string) {
  const { card } = await createCardholder(municipalityId);
  const api = await createApiClient();
  return { card, api };
}

let n = 0;

export async function createRenderedIssuance(opts: {
  municipalityId: string;
  cardCertificateId: string;
  apiClientId: string;
  certificateType?: CertificateType;
  storeChain?: string;
  outOfTown?: boolean;
  copies?: number;
  feePerCopy?: number;
  renderedAt?: Date;
}) {
  const copies = opts.copies ?? 1;
  const feePerCopy = opts.feePerCopy ?? 200;
  const id = crypto.randomUUID();
  const seq = ++n;
  return ownerDb().issuance.create({
    data: {
      id,
      municipalityId: opts.municipalityId,
      issuanceNo: `T-${process.env.VITEST_POOL_ID ?? 0}-${seq}-${id.slice(0, 8)}`,
      certificateType: opts.certificateType ?? "residence",
      purpose: "residence",
      cardCertificateId: opts.cardCertificateId,
      subjectDigest: "0".repeat(64),
      options: {},
      copies,
      feePerCopy,
      feeTotal: copies * feePerCopy,
      apiClientId: opts.apiClientId,
      idempotencyKey: `usage-${seq}-${id}`,
      requestHash: "0".repeat(64),
      centreTransactionId: id,
      storeChain: opts.storeChain ?? "seven-eleven",
      storeCode: "0001",
      terminalId: "T1",
      outOfTown: opts.outOfTown ?? false,
      pdfExpiresAt: new Date(Date.now() + 86_400_000),
      pdfSha256: "0".repeat(64),
      pageCount: 1,
      renderedAt: opts.renderedAt ?? new Date(),
    },
  });
}
