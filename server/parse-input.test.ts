import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { fieldErrorsOf } from "./http/form-result";
import { parseInput } from "./parse-input";

const ZForm = z.object({ name: z.string().min(1, "氏名を入力してください。").regex(/^\p{L}+$/u, "文字で入力してください。"), dates: z.object({ from: z.string().min(1, "開始日を入力してください。") }) });

describe("parseInput", () => {
  it("returns the parsed value", () => {
    expect(parseInput(ZForm, { name: "山田", dates: { from: "2026-01-01" } })).toEqual({ name: "山田", dates: { from: "2026-01-01" } });
  });

  it("throws validation_failed with every violation in details.errors (path and the schema's message)", () => {
    let thrown: unknown;
    try {
      parseInput(ZForm, { name: "", dates: { from: "" } }, "the form has errors");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({
      code: "validation_failed",
      status: 422,
      message: "the form has errors",
      details: { errors: [{ path: "name", message: "氏名を入力してください。" }, { path: "name", message: "文字で入力してください。" }, { path: "dates.from", message: "開始日を入力してください。" }] },
    });
    // A form shows the first message of each field, as the browser's resolver does.
    expect(fieldErrorsOf((thrown as AppError).details?.errors)).toEqual({ name: "氏名を入力してください。", "dates.from": "開始日を入力してください。" });
  });

  it("can word its detail from the violations", () => {
    expect(() => parseInput(ZForm, {}, (errors) => `${errors.length} violations`)).toThrow("2 violations");
  });
});
