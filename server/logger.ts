import "server-only";
import pino from "pino";
import { getEnv } from "./env";

// Personal data never reaches the logs: these paths are censored wherever they appear (one or two levels
// deep), and the code logs ids and codes, not records. The list is tested in logger.test.ts.
export const REDACT_KEYS = [
  "myNumber", "myNumberCipher", "password", "passwordHash", "secret", "secretCipher", "mfaSecretCipher",
  "familyName", "givenName", "familyNameKana", "givenNameKana", "name", "nameKana", "applicantFamilyName",
  "applicantGivenName", "dateOfBirth", "address", "previousAddress", "honseki", "kosekiHeadName", "email",
  "residenceCardNo", "supportMeasure", "detailsCipher", "pdf", "authorization", "cookie", "signature",
];

export const REDACT_PATHS = REDACT_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export function createLogger(options: pino.LoggerOptions = {}, destination?: pino.DestinationStream) {
  return pino(
    {
      level: getEnv().LOG_LEVEL,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      base: { service: "konbini-shomei" },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...options,
    },
    destination,
  );
}

const globalForLog = globalThis as unknown as { __logger?: pino.Logger };
export const logger: pino.Logger = (globalForLog.__logger ??= createLogger());
