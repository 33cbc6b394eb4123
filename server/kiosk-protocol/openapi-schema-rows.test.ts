import { describe, expect, it } from "vitest";
import { schemaRows, type Schema, type Schemas } from "@/lib/openapi-schema-walker";
import { buildOpenApiDocument } from "./openapi";

// The API reference page (app/api-docs/page.tsx) renders the published document through lib/openapi-schema-walker.ts:
// the real schemas must come out as the page shows them.
const doc = buildOpenApiDocument() as unknown as {
  paths: Record<string, { post: { requestBody?: { content: Record<string, { schema: Schema }> } } }>;
  components: { schemas: Schemas };
};
const requestRows = (path: string) => schemaRows(doc.paths[path].post.requestBody!.content["application/json"].schema, doc.components.schemas);

describe("the kiosk API's request bodies as field rows", () => {
  it("lists the issuance request's certificate types once, with each type's options under its condition", () => {
    const rows = requestRows("/api/kiosk/v1/issuances");
    const type = rows.find((r) => r.path === "certificateType");
    expect(type).toMatchObject({ required: true, condition: null });
    expect(type?.type).toContain('"residence" | "residence-entry"');
    expect(rows.filter((r) => r.path === "certificateType")).toHaveLength(1);
    expect(rows.find((r) => r.path === "card.serial")).toMatchObject({ type: "string", required: true, constraints: ["1〜128文字"], condition: null });
    expect(rows.find((r) => r.path === "options.fiscalYear" && r.condition === 'certificateType = "tax-income"')).toMatchObject({ type: "integer", required: true, constraints: ["2000〜2100"] });
    expect(rows.find((r) => r.path === "options.members" && r.condition === 'certificateType = "residence"')?.type).toBe('"all" または string（uuid） の配列');
  });

  it("lists the completion request's fields", () => {
    expect(requestRows("/api/kiosk/v1/issuances/{id}/completion").map((r) => [r.path, r.type, r.required])).toEqual([
      ["outcome", '"printed" | "cancelled" | "failed"', true],
      ["reason", "string", false],
    ]);
  });
});

describe("the eligibility answer as field rows", () => {
  const answer = doc.paths["/api/kiosk/v1/eligibility"].post as unknown as { responses: Record<string, { content: Record<string, { schema: Schema }> }> };
  const rows = schemaRows(answer.responses["200"].content["application/json"].schema, doc.components.schemas);

  it("lists the optional stop notices once, with their fields", () => {
    expect(rows.filter((r) => r.path === "certificates[].notices")).toEqual([expect.objectContaining({ type: "object の配列", required: false })]);
    expect(rows.filter((r) => r.path.startsWith("certificates[].notices[].")).map((r) => [r.path, r.type, r.required])).toEqual([
      ["certificates[].notices[].kind", '"planned_stop" | "emergency_stop"', true],
      ["certificates[].notices[].inForce", "boolean", true],
      ["certificates[].notices[].text", "string", true],
      ["certificates[].notices[].startsAt", "string（date-time）", true],
      ["certificates[].notices[].endsAt", "string | null（date-time）", true],
    ]);
  });
});
