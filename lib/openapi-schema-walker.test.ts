import { describe, expect, it } from "vitest";
import { refName, schemaRows, type Schemas } from "./openapi-schema-walker";

const schemas: Schemas = {
  Card: {
    type: "object",
    properties: { issuer: { type: "string", minLength: 1, maxLength: 64, description: "Issuer" }, serial: { type: "string" } },
    required: ["issuer"],
  },
  RefusalCode: { type: "string", enum: ["resident_deceased", "resident_moved_out"] },
  Request: {
    oneOf: [
      {
        type: "object",
        properties: { kind: { type: "string", const: "a" }, card: { $ref: "#/components/schemas/Card" }, copies: { type: "integer", minimum: 1, maximum: 9, default: 1 } },
        required: ["kind", "card"],
      },
      {
        type: "object",
        properties: { kind: { type: "string", enum: ["b"] }, card: { $ref: "#/components/schemas/Card" }, tags: { type: "array", items: { type: "string" }, minItems: 1 } },
        required: ["kind", "card", "tags"],
      },
    ],
  },
};

describe("schemaRows", () => {
  it("flattens nested objects through $ref, with types, required flags and constraints", () => {
    expect(schemaRows({ type: "object", properties: { card: { $ref: "#/components/schemas/Card", description: "The card" }, reason: { $ref: "#/components/schemas/RefusalCode" } }, required: ["card"] }, schemas)).toEqual([
      { path: "card", type: "object", required: true, description: "The card", constraints: [], condition: null },
      { path: "card.issuer", type: "string", required: true, description: "Issuer", constraints: ["1〜64文字"], condition: null },
      { path: "card.serial", type: "string", required: false, description: "", constraints: [], condition: null },
      { path: "reason", type: "理由コード（下の一覧）", required: false, description: "", constraints: [], condition: null },
    ]);
  });

  it("lists a union of objects once: the discriminator, the shared fields, then each variant's own under its condition", () => {
    expect(schemaRows({ $ref: "#/components/schemas/Request" }, schemas)).toEqual([
      { path: "kind", type: '"a" | "b"', required: true, description: "種別（値ごとの項目は条件欄を参照）", constraints: [], condition: null },
      { path: "card", type: "object", required: true, description: "", constraints: [], condition: null },
      { path: "card.issuer", type: "string", required: true, description: "Issuer", constraints: ["1〜64文字"], condition: null },
      { path: "card.serial", type: "string", required: false, description: "", constraints: [], condition: null },
      { path: "copies", type: "integer", required: false, description: "", constraints: ["1〜9", "省略時 1"], condition: 'kind = "a"' },
      { path: "tags", type: "string の配列", required: true, description: "", constraints: ["1件以上"], condition: 'kind = "b"' },
    ]);
  });
});

describe("refName", () => {
  it("is the last segment of a $ref", () => {
    expect(refName("#/components/schemas/IssueRequest")).toBe("IssueRequest");
  });
});
