import "server-only";
import { withSystemScope } from "../db/tenant";

/** Deletes stored PDFs whose retention has passed without a completion (the hash stays). Safe from many processes. */
export async function expireRenderedPdfs(now = new Date()): Promise<number> {
  const { count } = await withSystemScope("expire-rendered-pdfs", (tx) =>
    tx.issuance.updateMany({
      where: { pdfExpiresAt: { lt: now }, pdfDeletedAt: null },
      data: { pdf: null, pdfDeletedAt: now },
    }),
  );
  return count;
}
