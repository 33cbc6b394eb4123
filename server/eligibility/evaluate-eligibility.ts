import "server-only";
import type { CertificateTypeId } from "@/lib/certificate-types";
import { refusalMessage, type RefusalCode } from "@/lib/refusal-reasons";
import type { EligibilityFacts } from "./facts";
import { RULES, ruleApplies } from "./rules";

export type TypeEligibility =
  | { type: CertificateTypeId; available: true; fee: number; copyLimit: number; allowMyNumber: boolean }
  | { type: CertificateTypeId; available: false; reason: RefusalCode; message: string; reasons: RefusalCode[] };

/** Every refusal that applies, the first one (by rule order) being the one a resident is told. */
export function evaluateEligibility(facts: EligibilityFacts, type: CertificateTypeId): TypeEligibility {
  const reasons = RULES.filter((r) => ruleApplies(r, type) && r.refuses(facts, type)).map((r) => r.code);
  if (reasons.length) return { type, available: false, reason: reasons[0], message: refusalMessage(reasons[0]), reasons };
  const t = facts.types[type]!;
  return { type, available: true, fee: t.fee!, copyLimit: t.offering!.copyLimit, allowMyNumber: t.offering!.allowMyNumber };
}
