import "server-only";
import { refusalMessage, type RefusalCode } from "@/lib/refusal-reasons";
import { AppError } from "../errors";

/** A refusal as the API answers it: 403, the reason code, and the message a resident sees at the kiosk. */
export function refusalError(reason: RefusalCode, reasons?: RefusalCode[]): AppError {
  return new AppError(reason, refusalMessage(reason), {
    details: { reason, message: refusalMessage(reason), ...(reasons ? { reasons } : {}) },
  });
}
