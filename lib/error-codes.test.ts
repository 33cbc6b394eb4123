import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, isErrorCode, type ErrorCode, type ErrorCodeWithStatus, type ErrorKind } from "./error-codes";
import { REFUSAL_MESSAGES } from "./refusal-reasons";

const apiMd = fs.readFileSync(path.resolve(import.meta.dirname, "../docs/api.md"), "utf8");

/** The statuses each kind may have (lib/error-codes.ts, ErrorKind). */
const KIND_STATUSES: Record<ErrorKind, number[]> = {
  client: [400, 404, 405, 410, 413, 415, 422],
  auth: [401, 403],
  refused: [403],
  conflict: [409],
  unavailable: [429, 503],
  internal: [500, 501],
};

describe("the error code table", () => {
  it("gives every code a status that fits its kind", () => {
    const misfits = Object.entries(ERROR_CODES).filter(([, e]) => !KIND_STATUSES[e.kind].includes(e.status));
    expect(misfits).toEqual([]);
  });

  it("includes every refusal reason as a 403 refusal", () => {
    for (const code of Object.keys(REFUSAL_MESSAGES)) expect(ERROR_CODES[code as ErrorCode], code).toEqual({ status: 403, kind: "refused" });
  });

  it("is listed in docs/api.md, each code with its status", () => {
    const missing = Object.entries(ERROR_CODES)
      .filter(([code, e]) => !apiMd.includes(`| \`${code}\` | ${e.status} |`))
      .map(([code]) => code);
    expect(missing, "codes missing from the tables of docs/api.md (or with another status)").toEqual([]);
  });

  it("is closed: an unknown code is not an ErrorCode", () => {
    expect(isErrorCode("not_found")).toBe(true);
    expect(isErrorCode("no_such_code")).toBe(false);
    expect(isErrorCode("toString")).toBe(false);
    // @ts-expect-error a code outside the table does not compile
    const unknown: ErrorCode = "no_such_code";
    // @ts-expect-error 404 is not a status of payload_too_large
    const notFound: ErrorCodeWithStatus<413> = "not_found";
    expect([unknown, notFound]).toHaveLength(2);
  });
});
