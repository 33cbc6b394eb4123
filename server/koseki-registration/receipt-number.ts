import "server-only";
import crypto from "node:crypto";
import { RECEIPT_ALPHABET } from "@/lib/schemas/koseki-registration";

/**
 * A fresh receipt number, XXXX-XXXX-XXXX from a 32-letter alphabet: 60 random bits, so guessing one is
 * hopeless even before the status page's throttle (docs/decisions/0006). Uniqueness is the database's job.
 */
export function newReceiptNo(): string {
  const bytes = crypto.randomBytes(12);
  const chars = Array.from(bytes, (b) => RECEIPT_ALPHABET[b & 31]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}
