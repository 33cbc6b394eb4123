import "server-only";
import { fromDbCertificateType } from "@/lib/certificate-types";
import { decryptBytes, FieldContext } from "../crypto/field-encryption";
import { AppError } from "../errors";
import type { Issuance } from "../generated/prisma/client";

export type IssuanceResponse = {
  issuanceId: string;
  issuanceNo: string;
  certificateType: string;
  copies: number;
  feePerCopy: number;
  feeTotal: number;
  pageCount: number;
  pdfSha256: string;
  renderedAt: string;
  pdf: string;
};

/**
 * The answer to an issuance request, built only from the stored row so that a replay of the same
 * Idempotency-Key returns the very same bytes as the first answer. The stored PDF is encrypted at rest
 * (field keyring, AAD bound to the issuance id); the first answer decrypts it too, inside the issuing
 * transaction, so a row whose PDF would not decrypt is never committed.
 */
export function issuanceResponse(row: Omit<Issuance, "pdf"> & { pdf: Uint8Array | null }): IssuanceResponse {
  if (!row.pdf) {
    throw new AppError("pdf_no_longer_available", "the PDF of this issuance was deleted at completion or expiry", {
      details: { issuanceId: row.id, issuanceNo: row.issuanceNo, issuanceStatus: row.status },
    });
  }
  return {
    issuanceId: row.id,
    issuanceNo: row.issuanceNo,
    certificateType: fromDbCertificateType(row.certificateType),
    copies: row.copies,
    feePerCopy: row.feePerCopy,
    feeTotal: row.feeTotal,
    pageCount: row.pageCount,
    pdfSha256: row.pdfSha256,
    renderedAt: row.renderedAt.toISOString(),
    pdf: decryptBytes(row.pdf, FieldContext.issuancePdf(row.id)).toString("base64"),
  };
}
