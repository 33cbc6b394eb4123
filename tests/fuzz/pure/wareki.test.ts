// Fuzzing the 和暦 functions (lib/wareki.ts): format then parse gives the same date in every era a resident
// may enter (西暦, 令和, 平成, 昭和, 大正), and garbage never throws from the parser.
import fc from "fast-check";
import { describe, it } from "vitest";
import { BIRTH_CALENDARS, dateFromCalendar, formatWareki, toWareki, type BirthCalendar } from "@/lib/wareki";
import { fuzzRuns, fuzzTimeout, runTarget } from "../fuzz-run";

const runs = fuzzRuns(500);
const CALENDAR_OF: Record<string, BirthCalendar> = { 令和: "reiwa", 平成: "heisei", 昭和: "showa", 大正: "taisho" };
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** Calendar dates from the first day of 大正 to 2100 (明治 cannot be entered in the forms). */
const dateInEras = fc.date({ min: new Date("1912-07-30T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }).map(ymd);

describe("fuzz: 和暦", () => {
  it(
    "round-trips: toWareki then dateFromCalendar gives the same date, and formatWareki names that era, year, month and day",
    async () => {
      await runTarget(
        "wareki/round-trip",
        fc.property(dateInEras, (date) => {
          const w = toWareki(date);
          const calendar = CALENDAR_OF[w.era];
          if (!calendar) throw new Error(`unexpected era ${w.era} for ${date}`);
          const back = dateFromCalendar(calendar, w.year, w.month, w.day);
          if (back !== date) throw new Error(`${date} → ${w.era}${w.year}年${w.month}月${w.day}日 → ${back}`);
          if (dateFromCalendar("seireki", Number(date.slice(0, 4)), w.month, w.day) !== date) throw new Error(`西暦 does not round-trip ${date}`);
          const text = formatWareki(date);
          const expected = `${w.era}${w.year === 1 ? "元" : w.year}年${w.month}月${w.day}日`;
          if (text !== expected) throw new Error(`formatWareki(${date}) = ${text}, expected ${expected}`);
        }),
        { runs },
      );
    },
    fuzzTimeout(runs, 1),
  );

  it(
    "a date that does not exist in the calendar chosen is null; the answer, when there is one, lies in that era",
    async () => {
      const year = fc.oneof(fc.integer({ min: -5, max: 70 }), fc.integer(), fc.double(), fc.constantFrom(NaN, Infinity, -0, 0.5, 1e21));
      const small = fc.oneof(fc.integer({ min: -2, max: 33 }), fc.integer(), fc.double(), fc.constantFrom(NaN, Infinity, 0.5));
      await runTarget(
        "wareki/garbage",
        fc.property(fc.constantFrom(...BIRTH_CALENDARS), year, small, small, (calendar, y, m, d) => {
          const out = dateFromCalendar(calendar, y, m, d);
          if (out === null) return;
          if (!/^\d{4}-\d{2}-\d{2}$/.test(out)) throw new Error(`not YYYY-MM-DD: ${out}`);
          const w = toWareki(out);
          if (w.month !== m || w.day !== d) throw new Error(`${calendar} ${y}/${m}/${d} → ${out}`);
          if (calendar !== "seireki" && (CALENDAR_OF[w.era] !== calendar || w.year !== y)) throw new Error(`${calendar} ${y}/${m}/${d} → ${out} is ${w.era}${w.year}`);
          if (calendar === "seireki" && Number(out.slice(0, 4)) !== y) throw new Error(`西暦 ${y} → ${out}`);
        }),
        { runs },
      );
    },
    fuzzTimeout(runs, 1),
  );

  it(
    "toWareki and formatWareki refuse anything but a YYYY-MM-DD string or a Date with their documented Error, never another",
    async () => {
      await runTarget(
        "wareki/format-garbage",
        fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.date(), fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/)), (input) => {
          try {
            const text = formatWareki(input);
            if (!/^(令和|平成|昭和|大正|明治)(元|\d+)年\d+月\d+日$/.test(text)) throw new Error(`formatWareki(${String(input)}) = ${text}`);
          } catch (e) {
            if (!(e instanceof Error) || !/^(not a date: |date before 明治: )/.test(e.message)) throw new Error(`undocumented error for ${JSON.stringify(input)}: ${String(e)}`);
          }
        }),
        { runs },
      );
    },
    fuzzTimeout(runs, 1),
  );
});
