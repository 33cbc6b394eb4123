import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { PROBLEM_CONTENT_TYPE, problemResponse } from "./problem-response";

describe("problem+json at the edge", () => {
  it("maps an AppError to its status and stable code", async () => {
    const res = problemResponse(new AppError("not_found", "no such issuance", { details: { issuanceId: "x" } }), "/api/kiosk/v1/issuances/x");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
    expect(await res.json()).toEqual({
      type: "urn:konbini-shomei:problem:not_found",
      title: "not_found",
      status: 404,
      code: "not_found",
      detail: "no such issuance",
      instance: "/api/kiosk/v1/issuances/x",
      issuanceId: "x",
    });
  });

  it("uses an explicit status for a domain code", async () => {
    const res = problemResponse(new AppError("idempotency_key_in_progress", "in flight"), "/x");
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe("idempotency_key_in_progress");
  });

  it("hides the internals of an unexpected error", async () => {
    const res = problemResponse(new Error("connection string postgres://secret@db"), "/x");
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.code).toBe("internal_error");
    expect(JSON.stringify(body)).not.toContain("secret");
  });

  it("never lets an extension overwrite a standard member", async () => {
    const res = problemResponse(new AppError("completion_conflict", "already printed", { details: { status: "printed", code: "x" } }), "/x");
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ status: 409, code: "completion_conflict" });
  });

});
