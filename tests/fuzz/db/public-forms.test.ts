// Fuzzing the public pre-registration and status forms through their server actions (the zod schemas of
// lib/schemas/koseki-registration.ts, then the verbs): any value a form post can carry gives a result, never a
// throw; a refusal carries a Japanese message (and Japanese field errors), and stores nothing.
import fc from "fast-check";
import { beforeAll, describe, it, vi } from "vitest";
import { ownerDb } from "@/tests/setup/owner-db";
import { createKosekiMunicipality, preRegistrationForm } from "../../factories/koseki-registration";
import { fuzzRuns, fuzzTimeout, runTarget } from "../fuzz-run";

// Server actions read the caller's address from next/headers; outside a request there is none.
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const { lookupRegistrationStatusAction, submitPreRegistrationAction } = await import("@/app/(public)/koseki-registration/actions");

const runs = fuzzRuns(250);
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

let townCode: string;
beforeAll(async () => {
  townCode = (await createKosekiMunicipality()).code;
});

/** Values a field may carry: what a browser sends (strings, booleans) and what a hand-made action call can (anything). */
const anyValue = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 300 }) },
  fc.constantFrom("", " ", "　", "0", "00", "99999", "-1", "1e3", "０５", "31", "2", "29", "showa", "heisei", "reiwa", "taisho", "seireki", "meiji", "__proto__", "a@b", "x@example.jp"),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.constant(undefined),
  fc.anything({ maxDepth: 2 }),
);

/** A form near a valid one: each field kept or replaced, maybe an extra field, or the whole input replaced. */
function nearForm(base: Record<string, unknown>) {
  return fc.oneof(
    { weight: 8, arbitrary: fc.record(Object.fromEntries(Object.keys(base).map((k) => [k, fc.oneof({ weight: 3, arbitrary: fc.constant(base[k]) }, anyValue)]))).chain((form) => fc.record({ extra: fc.option(fc.tuple(fc.string({ maxLength: 10 }), anyValue), { nil: undefined }) }).map(({ extra }) => (extra ? { ...form, [extra[0]]: extra[1] } : form))) },
    fc.anything({ maxDepth: 2 }),
  );
}

type PublicResult = { ok: true; data: unknown } | { ok: false; message: string; fieldErrors?: Record<string, string> };

function expectRefusalShape(r: PublicResult) {
  if (r.ok) return;
  if (typeof r.message !== "string" || !JAPANESE.test(r.message)) throw new Error(`a refusal without a Japanese message: ${JSON.stringify(r)}`);
  for (const [field, message] of Object.entries(r.fieldErrors ?? {})) {
    if (typeof message !== "string" || !JAPANESE.test(message)) throw new Error(`field error of ${field} is not Japanese: ${JSON.stringify(message)}`);
  }
}

const stored = () => ownerDb().kosekiRegistration.count();

describe("fuzz: public forms (server actions)", () => {
  it(
    "pre-registration: any input gives a result; a refusal is Japanese and stores nothing",
    async () => {
      let accepted = 0;
      await runTarget(
        "forms/pre-registration",
        fc.asyncProperty(nearForm(preRegistrationForm("000000") as unknown as Record<string, unknown>), fc.boolean(), async (form, useTown) => {
          const input = form && typeof form === "object" && !Array.isArray(form) && useTown && "honsekiMunicipalityCode" in form && (form as Record<string, unknown>).honsekiMunicipalityCode === "000000" ? { ...form, honsekiMunicipalityCode: townCode } : form;
          const before = await stored();
          const r = (await submitPreRegistrationAction(input as never)) as PublicResult;
          expectRefusalShape(r);
          const after = await stored();
          if (r.ok) {
            accepted++;
            if (after !== before + 1) throw new Error(`accepted but ${after - before} rows stored`);
          } else if (after !== before) throw new Error(`refused (${r.message}) but ${after - before} rows stored`);
        }),
        { runs },
      );
      console.log(`[fuzz] forms/pre-registration: ${accepted} accepted`);
    },
    fuzzTimeout(runs, 20),
  );

  it(
    "status lookup: any input gives a result, a refusal in Japanese, and no application changes",
    async () => {
      const base = { receiptNo: "K7QX-M2PA-9TRB", birthCalendar: "showa", birthYear: "55", birthMonth: "4", birthDay: "1" };
      await runTarget(
        "forms/status-lookup",
        fc.asyncProperty(nearForm(base), async (input) => {
          const before = await stored();
          const r = (await lookupRegistrationStatusAction(input as never)) as PublicResult;
          expectRefusalShape(r);
          if ((await stored()) !== before) throw new Error("a status lookup changed the applications");
        }),
        { runs },
      );
    },
    fuzzTimeout(runs, 20),
  );
});
