// Fuzzing the check digits of 個人番号 (lib/my-number.ts) and 団体コード (lib/municipality-code.ts): a generated
// number passes; a change of the check digit always fails; a change of one other digit fails unless it moves the
// remainder between the two remainders the law maps to one check digit (r = 0 and 1 → 0 for 個人番号, r = 0
// and 10 → 1 for 団体コード: a property of the published algorithms, not of this code); anything that is not
// exactly the right number of ASCII digits is refused without throwing.
import fc from "fast-check";
import { describe, it } from "vitest";
import { isValidMunicipalityCode, municipalityCheckDigit } from "@/lib/municipality-code";
import { isValidMyNumber, myNumberCheckDigit } from "@/lib/my-number";
import { ZMunicipalityCode, ZMyNumber } from "@/lib/schemas/identifiers";
import { fuzzRuns, fuzzTimeout, runTarget } from "../fuzz-run";

const runs = fuzzRuns(500);
const digits = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });

/** Remainder mod 11 of the weighted sums, as the two laws define them. */
function myNumberRemainder(first11: string): number {
  let sum = 0;
  for (let n = 1; n <= 11; n++) sum += Number(first11[11 - n]) * (n <= 6 ? n + 1 : n - 5);
  return sum % 11;
}
const municipalityRemainder = (first5: string) => [...first5].reduce((a, d, i) => a + Number(d) * [6, 5, 4, 3, 2][i], 0) % 11;

type Scheme = {
  name: string;
  length: number;
  check: (body: string) => number;
  valid: (s: string) => boolean;
  remainder: (body: string) => number;
  /** The remainders the algorithm maps to one check digit. */
  aliases: [number, number];
  schema: { safeParse(v: unknown): { success: boolean } };
};

const SCHEMES: Scheme[] = [
  { name: "個人番号", length: 12, check: myNumberCheckDigit, valid: isValidMyNumber, remainder: myNumberRemainder, aliases: [0, 1], schema: ZMyNumber },
  { name: "団体コード", length: 6, check: municipalityCheckDigit, valid: isValidMunicipalityCode, remainder: municipalityRemainder, aliases: [0, 10], schema: ZMunicipalityCode },
];

/** Any value a form, a file or a request can carry where a number is expected. */
const garbage = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: fc.constantFrom(..."0123456789０１２３４５６７８９٠١ -") }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom("", " ", "\n", "1e11", "0x1F", "-12345678901"),
);

describe.each(SCHEMES)("fuzz: $name check digit", (s) => {
  it(
    "a generated number passes, and every single-digit change fails (except the documented remainder alias)",
    async () => {
      await runTarget(
        `check-digit/${s.name}/single-digit-change`,
        fc.property(digits(s.length - 1), fc.nat(s.length - 1), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
          const number = body + String(s.check(body));
          if (!s.valid(number) || !s.schema.safeParse(number).success) throw new Error(`${number} was generated valid and refused`);
          const changed = number.slice(0, at) + String((Number(number[at]) + delta) % 10) + number.slice(at + 1);
          if (!s.valid(changed)) return;
          const r = [s.remainder(body), s.remainder(changed.slice(0, -1))].sort((a, b) => a - b);
          const aliased = at < s.length - 1 && r[0] === s.aliases[0] && r[1] === s.aliases[1];
          if (!aliased) throw new Error(`${number} → ${changed} (digit ${at + 1}) still passes`);
        }),
        { runs },
      );
    },
    fuzzTimeout(runs, 1),
  );

  it(
    "anything but exactly the right number of ASCII digits is refused without throwing",
    async () => {
      await runTarget(
        `check-digit/${s.name}/garbage`,
        fc.property(garbage, (v) => {
          const shaped = new RegExp(`^\\d{${s.length}}$`).test(v);
          const ok = s.valid(v);
          if (ok && !shaped) throw new Error(`${JSON.stringify(v)} passes`);
          if (ok !== s.schema.safeParse(v).success && v.trim() === v) throw new Error(`the schema and the function disagree on ${JSON.stringify(v)}`);
          if (shaped && ok !== (Number(v[s.length - 1]) === s.check(v.slice(0, -1)))) throw new Error(`${v}: wrong verdict`);
        }),
        { runs },
      );
    },
    fuzzTimeout(runs, 1),
  );
});
