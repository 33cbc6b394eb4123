import "server-only";
import crypto from "node:crypto";

// Recovery codes: 10 per enrolment, "xxxxx-xxxxx" from an alphabet without look-alikes (0/o, 1/l/i),
// about 49 bits each; stored as argon2id hashes and usable once.
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function generateRecoveryCode(): string {
  const pick = () => Array.from({ length: 5 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join("");
  return `${pick()}-${pick()}`;
}
