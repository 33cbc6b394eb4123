import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { isValidMyNumber } from "../../lib/my-number";
import { addBusinessDays, addYears, ageOn, todayJst } from "./dates";
import { BEGIN, DOC_PATH, DOC_REFERENCE_DAY, currentDocBlock, demoCardsMarkdown } from "./demo-cards";
import { FAMILY_NAMES, FEMALE_GIVEN_NAMES, KATAKANA, MALE_GIVEN_NAMES, NAGANO_FAMILY_NAMES, kosekiChildRelationship } from "./names";
import { MUNICIPALITIES, kanjiNumber } from "./places";
import { buildPlan, fifthBirthdayAfter } from "./plan";
import { Prng } from "./prng";
import { sealColumns } from "./seal-images";
import { computeResidentTax, pensionIncome, salaryIncome } from "./tax";
import { isValidMunicipalityCode } from "../../lib/municipality-code";

const DAY = "2026-11-27";

describe("Prng", () => {
  it("repeats the same sequence for the same seed and differs for another", () => {
    const a = new Prng("x");
    const b = new Prng("x");
    const c = new Prng("y");
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
  });

  it("keeps int() within bounds and reaches both ends", () => {
    const r = new Prng("bounds");
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = r.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it("forks independent streams by label", () => {
    expect(new Prng("s").fork("a").next()).toBe(new Prng("s").fork("a").next());
    expect(new Prng("s").fork("a").next()).not.toBe(new Prng("s").fork("b").next());
  });
});

describe("name data", () => {
  const all = [
    ...FAMILY_NAMES,
    ...NAGANO_FAMILY_NAMES,
    ...Object.values(MALE_GIVEN_NAMES).flat(),
    ...Object.values(FEMALE_GIVEN_NAMES).flat(),
  ];

  it("has enough names", () => {
    expect(FAMILY_NAMES.length + NAGANO_FAMILY_NAMES.length).toBeGreaterThanOrEqual(40);
    expect(Object.values(MALE_GIVEN_NAMES).flat().length).toBeGreaterThanOrEqual(40);
    expect(Object.values(FEMALE_GIVEN_NAMES).flat().length).toBeGreaterThanOrEqual(40);
  });

  it("gives every name a katakana reading", () => {
    for (const [kanji, kana] of all) {
      expect(kanji.length, kanji).toBeGreaterThan(0);
      expect(kana, kanji).toMatch(KATAKANA);
    }
  });

  it("lists each written name once per list", () => {
    for (const list of [[...FAMILY_NAMES, ...NAGANO_FAMILY_NAMES], Object.values(MALE_GIVEN_NAMES).flat(), Object.values(FEMALE_GIVEN_NAMES).flat()]) {
      const names = list.map(([k]) => k);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it("writes 続柄 the official way", () => {
    expect(kosekiChildRelationship("male", 2)).toBe("二男");
    expect(kosekiChildRelationship("female", 1)).toBe("長女");
  });
});

describe("places and dates", () => {
  it("uses valid municipality codes", () => {
    for (const m of Object.values(MUNICIPALITIES)) expect(isValidMunicipalityCode(m.code), m.code).toBe(true);
  });

  it("writes 丁目 numbers in kanji", () => {
    expect([1, 2, 9, 10, 12, 20, 34].map(kanjiNumber)).toEqual(["一", "二", "九", "十", "十二", "二十", "三十四"]);
  });

  it("handles 29 February and JST days", () => {
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(ageOn("2000-05-10", "2026-05-09")).toBe(25);
    expect(ageOn("2000-05-10", "2026-05-10")).toBe(26);
    expect(todayJst(new Date("2026-11-27T15:30:00Z"))).toBe("2026-11-28");
  });

  it("skips weekends, holidays and the year-end closure in business days", () => {
    expect(addBusinessDays("2026-11-20", 1)).toBe("2026-11-24"); // Mon 23 Nov is 勤労感謝の日
    expect(addBusinessDays("2026-12-28", 1)).toBe("2027-01-04");
  });

  it("ends card validity on the 5th birthday after issuance", () => {
    expect(fifthBirthdayAfter("1980-06-01", "2024-05-01")).toBe("2028-06-01");
    expect(fifthBirthdayAfter("1980-06-01", "2024-06-01")).toBe("2029-06-01");
  });

  it("lays out a seal's characters in columns from the right", () => {
    expect(sealColumns("世田谷区長之印")).toEqual([["世", "田", "谷"], ["区", "長"], ["之", "印"]]);
    expect(sealColumns("松本市長之印")).toEqual([["松", "本"], ["市", "長"], ["之", "印"]]);
  });
});

describe("tax", () => {
  it("computes 給与所得 with the 給与所得控除 brackets", () => {
    expect(salaryIncome(1_000_000, 2024)).toBe(450_000);
    expect(salaryIncome(1_000_000, 2025)).toBe(350_000);
    expect(salaryIncome(4_200_000, 2024)).toBe(4_200_000 - (840_000 + 440_000));
    expect(salaryIncome(10_000_000, 2024)).toBe(8_050_000);
    expect(pensionIncome(2_000_000, 70)).toBe(900_000);
  });

  it("rounds the taxable income down to ¥1,000 and adds the per-capita levy", () => {
    const t = computeResidentTax({
      income: [{ label: "給与収入", revenue: 4_200_000, amount: 2_920_000 }],
      deductions: [{ label: "社会保険料控除", amount: 620_123 }, { label: "基礎控除", amount: 430_000 }],
      dependentsIncludingSpouse: 0,
    });
    expect(t.taxableIncome).toBe(1_869_000);
    expect(t.municipalTax).toBe(112_100 + 3_000);
    expect(t.prefecturalTax).toBe(74_700 + 1_000);
    expect(t.nonTaxable).toBe(false);
  });

  it("is non-taxable within the limit", () => {
    const t = computeResidentTax({ income: [{ label: "給与収入", revenue: 1_000_000, amount: 450_000 }], deductions: [{ label: "基礎控除", amount: 430_000 }], dependentsIncludingSpouse: 0 });
    expect(t).toMatchObject({ nonTaxable: true, municipalTax: 0, prefecturalTax: 0 });
  });
});

describe("the demo plan", () => {
  const plan = buildPlan(DAY);

  it("is deterministic", () => {
    const again = buildPlan(DAY);
    const people = (p: typeof plan) => p.residents.map((r) => [r.residentNo, r.person.familyName, r.person.givenName, r.person.dob, r.household.address, r.myNumber, r.card?.serial]);
    expect(people(again)).toEqual(people(plan));
    expect(again.koseki.length).toBe(plan.koseki.length);
    expect(again.taxes.map((t) => t.municipalTax)).toEqual(plan.taxes.map((t) => t.municipalTax));
  });

  it("keeps the same people on another day", () => {
    const later = buildPlan("2027-02-10");
    const names = (p: typeof plan) => p.residents.map((r) => `${r.person.familyName} ${r.person.givenName} ${r.person.dob}`);
    expect(names(later)).toEqual(names(plan));
    expect(later.demoCards.map((d) => [d.serial, d.name])).toEqual(plan.demoCards.map((d) => [d.serial, d.name]));
  });

  it("has the population the demo needs", () => {
    const count = (m: string) => plan.residents.filter((r) => r.muni === m).length;
    expect(plan.residents.length).toBeGreaterThanOrEqual(220);
    expect(count("setagaya")).toBeGreaterThanOrEqual(115);
    expect(count("matsumoto")).toBeGreaterThanOrEqual(65);
    expect(count("obuse")).toBeGreaterThanOrEqual(33);
    expect(plan.residents.filter((r) => r.nationality).length).toBeGreaterThanOrEqual(8);
    for (const h of plan.households) {
      expect(h.members.length).toBeGreaterThanOrEqual(1);
      expect(h.members.length).toBeLessThanOrEqual(6);
      expect(h.members.filter((m) => m.isHouseholdHead).length).toBe(1);
    }
    const setagaya = plan.residents.filter((r) => r.muni === "setagaya");
    const inNagano = setagaya.filter((r) => r.honseki?.startsWith("長野県")).length;
    expect(inNagano / setagaya.length).toBeGreaterThan(0.25);
  });

  it("gives everyone a valid, unique 個人番号 and unique numbers per municipality", () => {
    expect(plan.residents.every((r) => isValidMyNumber(r.myNumber))).toBe(true);
    expect(new Set(plan.residents.map((r) => r.myNumber)).size).toBe(plan.residents.length);
    expect(new Set(plan.residents.map((r) => `${r.muni}/${r.residentNo}`)).size).toBe(plan.residents.length);
    expect(new Set(plan.households.map((h) => `${h.muni}/${h.householdNo}`)).size).toBe(plan.households.length);
    const serials = plan.residents.flatMap((r) => [r.card, ...r.extraCards].filter(Boolean).map((c) => c!.serial));
    expect(new Set(serials).size).toBe(serials.length);
  });

  it("writes Japanese names with katakana readings and dates in order", () => {
    for (const r of plan.residents) {
      if (!r.nationality) {
        expect(r.person.familyNameKana + r.person.givenNameKana, r.person.familyName).toMatch(KATAKANA);
        expect(r.honseki).toBeTruthy();
        expect(r.kosekiHeadName).toBeTruthy();
      }
      expect(r.becameResidentOn >= r.person.dob).toBe(true);
      expect(r.addressSetOn >= r.becameResidentOn).toBe(true);
      expect(r.notifiedOn <= DAY).toBe(true);
    }
  });

  it("only the long-name example exceeds 小布施町's name limit", () => {
    const long = plan.residents.filter((r) => (r.person.familyName + r.person.givenName).length > MUNICIPALITIES[r.muni].settings.nameMaxLength);
    expect(long.map((r) => r.demo?.serial)).toEqual(["JPKI-205419-900001"]);
  });

  it("has one resident per refusal example", () => {
    const serials = plan.demoCards.map((d) => d.serial);
    for (let n = 1; n <= 16; n++) expect(serials).toContain(`JPKI-131121-${String(900000 + n)}`);
    expect(serials).toEqual(expect.arrayContaining(["JPKI-202029-900001", "JPKI-205419-900001", "JPKI-205419-900002", "JPKI-131121-800001"]));
    const by = (s: string) => plan.residents.find((r) => r.demo?.serial === s)!;
    expect(by("JPKI-131121-900004").status).toBe("moved_out");
    expect(by("JPKI-131121-900005").status).toBe("deceased");
    expect(by("JPKI-131121-900002").moveOutPlannedOn! > DAY).toBe(true);
    expect(by("JPKI-131121-900002").household).toBe(by("JPKI-131121-900003").household);
    expect(ageOn(by("JPKI-131121-900006").person.dob, DAY)).toBeLessThan(15);
    expect(by("JPKI-131121-900008").becameResidentOn).toBe(DAY);
    expect(by("JPKI-131121-900009").card!.cardIssuedOn).toBe(DAY);
    expect(by("JPKI-131121-900010").card!.pinChangedOn).toBe(DAY);
    expect(by("JPKI-131121-900011").card!.validUntil < DAY).toBe(true);
    expect(by("JPKI-131121-900012").card!.status).toBe("revoked");
    expect(plan.seals.filter((s) => s.resident === by("JPKI-131121-900013")).map((s) => s.status)).toEqual(["abolished"]);
    expect(plan.taxes.filter((t) => t.resident === by("JPKI-131121-900014"))).toEqual([]);
    expect(plan.supportMeasures.map((s) => s.resident)).toEqual([by("JPKI-131121-900001"), by("JPKI-131121-900016")]);
  });

  it("puts the 附票 case's husband and wife in one 世田谷区 戸籍, both linked, she in her own household under 支援措置", () => {
    const he = plan.residents.find((r) => r.demo?.serial === "JPKI-131121-900015")!;
    const she = plan.residents.find((r) => r.demo?.serial === "JPKI-131121-900016")!;
    expect([he.person.familyName, he.person.givenName, she.person.familyName, she.person.givenName]).toEqual(["桐山", "修平", "桐山", "美咲"]);
    expect([he.muni, she.muni, he.status, she.status]).toEqual(["setagaya", "setagaya", "active", "active"]);
    expect(she.household).not.toBe(he.household);
    expect([he.household.members, she.household.members]).toEqual([[he], [she]]);
    // Built after the random filler: the last residents of 世田谷区, so adding them shifted no one.
    expect(plan.residents.filter((r) => r.muni === "setagaya").slice(-2)).toEqual([he, she]);
    expect([he.supportMeasure, she.supportMeasure]).toEqual([false, true]);
    expect(plan.supportMeasures.find((s) => s.resident === she)).toMatchObject({ startsOn: "2025-04-15", endsOn: null });
    // Both hold an active card, so the refusals come from the 戸籍 and her status.
    expect([he.card?.status, she.card?.status]).toEqual(["active", "active"]);

    const registers = plan.koseki.filter((k) => k.kind === "current" && k.members.some((m) => m.resident === he));
    expect(registers).toHaveLength(1);
    const [k] = registers;
    expect(k).toMatchObject({ muni: "setagaya", honseki: "東京都世田谷区上馬四丁目21番地", pendingFiling: false });
    expect(k.members.map((m) => [m.resident, m.spouseRole, m.removed])).toEqual([[he, "夫", false], [she, "妻", false]]);
    expect(he.honseki).toBe(k.honseki);
    expect(she.honseki).toBe(k.honseki);
    // Her 附票 ends with the address the 支援措置 protects, flagged by the 附票 feed; his lines are not flagged.
    const her = k.members[1].fuhyo;
    expect(her.at(-1)).toEqual({ address: she.household.address, since: "2025-03-20", supportMeasure: true });
    expect(her.slice(0, -1).some((f) => f.supportMeasure)).toBe(false);
    expect(k.members[0].fuhyo.some((f) => f.supportMeasure)).toBe(false);
    expect(k.members[0].fuhyo.at(-1)!.address).toBe(he.household.address);
    // Nobody else carries the 附票 feed's flag.
    expect(plan.koseki.flatMap((r) => r.members.filter((m) => m.fuhyo.some((f) => f.supportMeasure)).map((m) => m.person))).toEqual([she.person]);
  });

  it("keeps tax totals consistent", () => {
    for (const t of plan.taxes) {
      const d = t.details as { income: { amount: number }[]; deductions: { amount: number }[] };
      expect(t.totalIncome).toBe(d.income.reduce((s, i) => s + i.amount, 0));
      expect(t.totalDeductions).toBe(d.deductions.reduce((s, i) => s + i.amount, 0));
      expect(t.taxableIncome).toBe(Math.floor(Math.max(0, t.totalIncome - t.totalDeductions) / 1000) * 1000);
      if (t.nonTaxable) expect(t.municipalTax + t.prefecturalTax).toBe(0);
      else expect(t.municipalTax).toBe(Math.floor((t.taxableIncome * 6) / 10000) * 100 + 3000);
    }
    expect(plan.taxes.some((t) => t.nonTaxable)).toBe(true);
    expect(plan.taxes.filter((t) => !t.residentOnJan1).map((t) => [t.fiscalYear, t.resident.demo?.serial])).toEqual([[2026, "JPKI-131121-000008"]]);
  });

  it("builds the special registers", () => {
    const kinds = plan.koseki.map((k) => k.kind);
    expect(kinds).toContain("joseki");
    expect(kinds).toContain("kaisei_genkoseki");
    expect(plan.koseki.filter((k) => k.pendingFiling)).toHaveLength(1);
    const big = plan.koseki.find((k) => k.members.length >= 12);
    expect(big?.muni).toBe("obuse");
    expect(big!.members.filter((m) => m.events.length >= 2).length).toBeGreaterThanOrEqual(10);
    for (const k of plan.koseki) {
      expect(k.honseki.startsWith(k.muni === "setagaya" ? "東京都世田谷区" : k.muni === "matsumoto" ? "長野県松本市" : "長野県上高井郡小布施町")).toBe(true);
      expect(k.members[0].person).toBe(k.head);
      expect(k.events.length).toBeGreaterThan(0);
      for (const m of k.members) {
        if (m.resident) expect(m.resident.muni).toBe(k.muni);
        expect(m.events[0].kind).toBe("出生");
        expect(m.fuhyo.length).toBeLessThanOrEqual(3);
      }
    }
    // Each resident is linked to at most one member row.
    const linked = plan.koseki.flatMap((k) => k.members.filter((m) => m.resident).map((m) => m.resident));
    expect(new Set(linked).size).toBe(linked.length);
  });

  it("binds the 利用登録 examples to 世田谷区 cards (the web pre-registration has none yet)", () => {
    expect(plan.registrations.map((r) => [r.receiptNo, r.status, r.muni, r.source])).toEqual([
      ["RDEM-2026-0001", "approved", "matsumoto", "kiosk"],
      ["RDEM-2026-0002", "pending", "obuse", "kiosk"],
      ["RDEM-2026-0003", "rejected", "matsumoto", "web"],
      ["RDEM-2025-0004", "reregistration_needed", "obuse", "kiosk"],
      ["RDEM-2026-0005", "pending", "matsumoto", "web"],
    ]);
    for (const r of plan.registrations.slice(0, 4)) expect(r.cardSerial?.startsWith("JPKI-131121-")).toBe(true);
    expect(plan.registrations[4].cardSerial).toBeNull();
    // Receipt numbers have the public format, so the status page finds them.
    for (const r of plan.registrations) expect(r.receiptNo).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const approved = plan.registrations[0];
    expect(approved.member?.record.honseki).toBe(approved.honseki);
  });

  it("matches the demo cards table in docs/demo-data.md", () => {
    const doc = fs.readFileSync(DOC_PATH, "utf8");
    expect(doc).toContain(BEGIN);
    // If this fails: npx tsx prisma/seed-data/demo-cards.ts --write
    expect(currentDocBlock(doc)).toBe(demoCardsMarkdown(buildPlan(DOC_REFERENCE_DAY).demoCards));
  });
});
