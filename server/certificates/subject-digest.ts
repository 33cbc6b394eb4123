import "server-only";
import crypto from "node:crypto";
import { canonicalJson } from "../audit/canonical-json";

/** Who a certificate is about, bound to its request: printed names and ids, type, 発行番号 and issuance id. */
export function subjectDigest(input: {
  issuanceId: string;
  issuanceNo: string;
  municipalityCode: string;
  certificateType: string;
  persons: Array<{ id: string; name: string }>;
}): string {
  return crypto.createHash("sha256").update(canonicalJson(input)).digest("hex");
}
