import { describe, expect, it } from "vitest";
import { ZPreRegistrationForm, ZRegistrationStatusLookup } from "./koseki-registration";

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

// Found by tests/fuzz/db/public-forms.test.ts: a value of the wrong type (a number, an object, no object at all)
// got zod's English "Invalid input: expected string, received number" as the field error shown to the resident.
describe("the public forms' messages for values of the wrong type", () => {
  it.each([
    ["a number for a name", ZPreRegistrationForm, { familyName: 0, consent: "yes", honsekiMunicipalityCode: 131016, email: null }],
    ["an object for the receipt number", ZRegistrationStatusLookup, { receiptNo: {}, birthCalendar: 0, birthYear: 55 }],
    ["no object at all", ZPreRegistrationForm, "x"],
    ["null", ZRegistrationStatusLookup, null],
  ] as const)("%s: every message is Japanese", (_, schema, input) => {
    const r = schema.safeParse(input);
    expect(r.success).toBe(false);
    for (const issue of r.error!.issues) expect(issue.message).toMatch(JAPANESE);
  });
});
