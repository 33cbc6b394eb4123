import { describe, expect, it } from "vitest";
import { AppError, toProblem } from "./errors";

describe("AppError", () => {
  it("takes its status from the code (lib/error-codes.ts)", () => {
    expect(new AppError("not_found", "x").status).toBe(404);
    expect(new AppError("seal_too_large", "x").status).toBe(413);
    expect(new AppError("card_revoked", "x").status).toBe(403);
    expect(new AppError("server_busy", "x", { details: { retryAfterSeconds: 1 } }).status).toBe(503);
  });

  it("does not compile with an unknown code or an HTTP status", () => {
    // @ts-expect-error a code outside the closed table
    const unknown = () => new AppError("no_such_code", "x");
    // @ts-expect-error the status comes from the code, never from the call site
    const withStatus = () => new AppError("not_found", "x", { status: 410 });
    void unknown;
    expect(withStatus().status).toBe(404);
  });

  it("maps to a problem with the code's status; anything else is a 500 without internals", () => {
    expect(toProblem(new AppError("conflict", "already ended"), "/x")).toEqual({ type: "urn:konbini-shomei:problem:conflict", title: "conflict", status: 409, code: "conflict", detail: "already ended", instance: "/x" });
    expect(toProblem(new Error("secret"))).toMatchObject({ code: "internal_error", status: 500, detail: "An unexpected error occurred." });
  });
});
