import "server-only";
import crypto from "node:crypto";

// Temporary passwords from an administrator's reset: 16 characters in groups of four from an alphabet without
// look-alikes (0/o, 1/l/i), about 79 bits; read out or handed over once, then replaced at the forced change.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function generateTemporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}
