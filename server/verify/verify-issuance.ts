import "server-only";
import crypto from "node:crypto";
import { CERTIFICATE_NAMES, fromDbCertificateType } from "@/lib/certificate-types";
import { jstDateString, formatJstTime } from "@/lib/jst";
import { ZVerificationLookup, type VerificationLookupInput, type VerificationResult } from "@/lib/schemas/verify";
import { formatWareki } from "@/lib/wareki";
import type { RequestContext } from "../context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { withSystemScope } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { enforceRateLimit, RATE_LIMITS, GLOBAL_SUBJECT } from "../public/rate-limit";
import { verificationCodeHash } from "./verification-code";

// The public check of a certificate by its 発行番号 and 照合番号 (docs/verify.md). It answers only whether a
// printed issuance with this pair exists and whether the municipality has declared it void, with what the
// paper itself shows about the issuance (type, municipality, time, pages) and the SHA-256 of the issued PDF:
// never anything about the person.

/** Compared with when no issuance can match, so a miss costs the same hash and comparison as a hit. */
const DUMMY_HASH = Buffer.alloc(32);

const notFound = () => new AppError("verification_not_found", "no printed issuance matches this issuance number and verification code");

/**
 * Every outcome that is not a printed issuance with this code — an unknown number, a wrong code, an issuance
 * that was rendered but never printed, cancelled or failed, one recorded before codes existed — is the same
 * `verification_not_found`, reached through the same query, one hash, one constant-time comparison and one
 * audit event (on the system chain; a found one goes to its municipality's chain).
 */
export async function verifyIssuance({ input, clientKey, now = new Date() }: { input: VerificationLookupInput; clientKey: string; now?: Date }): Promise<VerificationResult> {
  const lookup = parseInput(ZVerificationLookup, input, "the form has errors");
  await enforceRateLimit(RATE_LIMITS.verifyPerClient, clientKey, now);
  await enforceRateLimit(RATE_LIMITS.verifyGlobal, GLOBAL_SUBJECT, now);
  const presented = Buffer.from(verificationCodeHash(lookup.issuanceNo, lookup.code), "hex");

  // The number may belong to any municipality: one read across tenants (system scope), by the unique 発行番号.
  const result = await withSystemScope("verify-issuance", async (tx) => {
    const row = await tx.issuance.findUnique({
      where: { issuanceNo: lookup.issuanceNo },
      select: {
        id: true,
        municipalityId: true,
        issuanceNo: true,
        certificateType: true,
        status: true,
        verificationCodeHash: true,
        renderedAt: true,
        pageCount: true,
        pdfSha256: true,
        voidedAt: true,
        municipality: { select: { prefecture: true, name: true } },
      },
    });
    const candidate = row?.status === "printed" && row.verificationCodeHash ? row : null;
    const stored = candidate ? Buffer.from(candidate.verificationCodeHash!, "hex") : DUMMY_HASH;
    const matches = crypto.timingSafeEqual(presented, stored.length === presented.length ? stored : DUMMY_HASH) && candidate !== null;
    const ctx: RequestContext = { actor: { type: "resident", id: null }, municipalityId: matches ? candidate.municipalityId : null, requestId: crypto.randomUUID() };
    if (!matches) {
      // Neither the number nor the code: the number names a municipality's issuance when it exists.
      await writeAuditEvent(tx, ctx, { action: "issuance.verify", targetType: "Issuance", details: { result: "not_found" } });
      return null;
    }
    const status = candidate.voidedAt ? "void" : "valid";
    await writeAuditEvent(tx, ctx, { action: "issuance.verify", targetType: "Issuance", targetId: candidate.id, details: { result: status } });
    return {
      status,
      issuanceNo: candidate.issuanceNo,
      certificateName: CERTIFICATE_NAMES[fromDbCertificateType(candidate.certificateType)],
      municipalityName: `${candidate.municipality.prefecture}${candidate.municipality.name}`,
      issuedAt: `${formatWareki(jstDateString(candidate.renderedAt))} ${formatJstTime(candidate.renderedAt)}`,
      pageCount: candidate.pageCount,
      pdfSha256: candidate.pdfSha256,
    } satisfies VerificationResult;
  });
  if (!result) throw notFound();
  return result;
}
