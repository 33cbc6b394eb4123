// The RFC 9457 problem details shape, in one place for the server's error mapping (server/errors.ts toProblem)
// and for proxy.ts, which answers methods Next cannot route before any server code runs and cannot import
// server-only modules. Client-safe: no server imports. The status comes from the code (lib/error-codes.ts).

import { ERROR_CODES, type ErrorCode } from "./error-codes";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
};

/** A problem for a stable code. Extensions come first: they can never overwrite a standard member. */
export function problemDetails(p: { code: ErrorCode; detail?: string; instance?: string; extensions?: Record<string, unknown> }): ProblemDetails {
  return {
    ...(p.extensions ?? {}),
    type: `urn:konbini-shomei:problem:${p.code}`,
    title: p.code,
    status: ERROR_CODES[p.code].status,
    code: p.code,
    ...(p.detail === undefined ? {} : { detail: p.detail }),
    ...(p.instance ? { instance: p.instance } : {}),
  };
}
