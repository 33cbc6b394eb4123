import fs from "node:fs";
import path from "node:path";
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

/** Source files of server/ (not tests, not the generated Prisma client). */
function serverSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : serverSources(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

/** The text of each `new AppError(...)` call, up to its closing parenthesis (strings and nesting skipped). */
function appErrorCalls(text: string): string[] {
  const calls: string[] = [];
  for (const m of text.matchAll(/new AppError\(/g)) {
    let i = m.index + m[0].length;
    for (let depth = 1; depth > 0 && i < text.length; i++) {
      const c = text[i];
      if ("([{".includes(c)) depth++;
      else if (")]}".includes(c)) depth--;
      else if ("\"'`".includes(c)) for (i++; text[i] !== c; i++) if (text[i] === "\\") i++;
    }
    calls.push(text.slice(m.index, i));
  }
  return calls;
}

describe("errors thrown by server/", () => {
  it("carry no Japanese text: messages are English, screens take Japanese from lib/error-messages.ts", () => {
    const japanese = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;
    const root = import.meta.dirname;
    const calls = serverSources(root).flatMap((f) => appErrorCalls(fs.readFileSync(f, "utf8")).map((call) => `${path.relative(root, f)}: ${call}`));
    expect(calls.length).toBeGreaterThan(150);
    expect(calls.filter((c) => japanese.test(c))).toEqual([]);
  });
});
