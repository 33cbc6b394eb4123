import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_MESSAGES } from "@/lib/error-messages";
import { AppError } from "../errors";
import { formFailure, sessionFailure } from "./form-result";

describe("formFailure", () => {
  it("gives the Japanese text of the code and ties it to the field the form names", () => {
    const e = new AppError("login_id_taken", "the login id is in use");
    expect(formFailure(e, { login_id_taken: "loginId" })).toEqual({
      ok: false,
      code: "login_id_taken",
      message: "このログインIDはすでに使われています。",
      fieldErrors: { loginId: "このログインIDはすでに使われています。" },
    });
    expect(formFailure(e)).toEqual({ ok: false, code: "login_id_taken", message: "このログインIDはすでに使われています。" });
  });

  it("puts the schema's messages at their fields", () => {
    const e = new AppError("validation_failed", "x", { details: { errors: [{ path: "confirm", message: "確認のチェックを入れてください。" }] } });
    expect(formFailure(e).fieldErrors).toEqual({ confirm: "確認のチェックを入れてください。" });
  });

  it("never shows a raw code, and rethrows what is not an AppError", () => {
    // A code without Japanese text cannot compile any more; a forged one still gets the generic text.
    expect(formFailure(Object.assign(new AppError("internal_error", "x"), { code: "some_new_code" })).message).toBe("エラーが発生しました。しばらく時間をおいてから再度お試しください。");
    const boom = new Error("boom");
    expect(() => formFailure(boom)).toThrow(boom);
  });

  it("refuses a pending password change with its own message", () => {
    expect(sessionFailure(true).message).toContain("パスワードの変更が必要です");
    expect(sessionFailure().code).toBe("unauthenticated");
  });
});

describe("error catalogue", () => {
  it("has Japanese text for every code the staff and auth verbs throw", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const files = ["staff", "auth"].flatMap((dir) =>
      fs
        .readdirSync(path.join(root, dir))
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
        .map((f) => path.join(root, dir, f)),
    );
    const codes = new Set(files.flatMap((f) => [...fs.readFileSync(f, "utf8").matchAll(/new AppError\(\s*"([a-z_]+)"/g)].map((m) => m[1])));
    expect(codes.size).toBeGreaterThan(10);
    expect([...codes].filter((c) => !Object.hasOwn(ERROR_MESSAGES, c))).toEqual([]);
  });
});
