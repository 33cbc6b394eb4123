// 住民税 records for the demo residents: 令和7年度 (2025, income of 2024) and 令和8年度 (2026, income of
// 2025). Incomes come from a per-resident stream; deductions depend on the household (spouse, dependants),
// so every household is computed together.
import { ageOn, type Ymd } from "./dates";
import { Prng } from "./prng";
import {
  BASIC_DEDUCTION,
  DEPENDENT_DEDUCTION,
  SPECIFIC_DEPENDENT_DEDUCTION,
  SPOUSE_DEDUCTION,
  computeResidentTax,
  pensionIncome,
  salaryIncome,
  type DeductionItem,
  type IncomeItem,
} from "./tax";
import type { HouseholdPlan, ResidentPlan } from "./types";

export const FISCAL_YEARS = [2025, 2026] as const;

export type TaxRecordPlan = {
  resident: ResidentPlan;
  fiscalYear: number;
  residentOnJan1: boolean;
  nonTaxable: boolean;
  details: Record<string, unknown>;
  totalIncome: number;
  totalDeductions: number;
  taxableIncome: number;
  municipalTax: number;
  prefecturalTax: number;
  dependents: number;
};

type Profile = { salary: number; pension: number; business: number; businessRatio: number; lifeInsurance: number };

/** Base revenues for income year 2024; the next year varies by a few percent. */
function profileFor(r: ResidentPlan): Profile {
  const rng = new Prng(`tax/${r.muni}/${r.residentNo}`);
  const age = ageOn(r.person.dob, "2024-12-31");
  const p: Profile = { salary: 0, pension: 0, business: 0, businessRatio: 0, lifeInsurance: 0 };
  if (age >= 65) {
    p.pension = rng.amount(800_000, 2_800_000, 1000);
    if (age < 75 && rng.chance(0.25)) p.salary = rng.amount(600_000, 1_800_000, 1000);
  } else if (r.residenceStatus === "留学" || (r.relationship === "子" && age <= 22)) {
    if (rng.chance(0.45)) p.salary = rng.amount(300_000, 1_100_000, 1000);
  } else if (r.relationship === "妻") {
    const k = rng.weighted([["none", 45], ["part", 35], ["full", 20]] as const);
    if (k === "part") p.salary = rng.amount(600_000, 1_500_000, 1000);
    if (k === "full") p.salary = rng.amount(2_800_000, 6_000_000, 1000);
  } else if (age >= 18) {
    if (rng.chance(0.12)) {
      p.business = rng.amount(4_000_000, 15_000_000, 1000);
      p.businessRatio = rng.int(25, 45) / 100;
    } else {
      const [lo, hi] = age < 30 ? [2_600_000, 5_200_000] : [3_200_000, 9_500_000];
      p.salary = rng.amount(lo, hi, 1000);
    }
  }
  if (p.salary + p.pension + p.business > 1_500_000 && rng.chance(0.5)) p.lifeInsurance = rng.amount(15_000, 70_000, 1000);
  return p;
}

function scaled(amount: number, rng: Prng): number {
  return Math.floor((amount * (100 + rng.int(-3, 6))) / 100 / 1000) * 1000;
}

function incomeItems(p: Profile, incomeYear: number, ageAtYearEnd: number): IncomeItem[] {
  const items: IncomeItem[] = [];
  if (p.salary > 0) items.push({ label: "給与収入", revenue: p.salary, amount: salaryIncome(p.salary, incomeYear) });
  if (p.pension > 0) items.push({ label: "公的年金等収入", revenue: p.pension, amount: pensionIncome(p.pension, ageAtYearEnd) });
  if (p.business > 0) items.push({ label: "営業等収入", revenue: p.business, amount: Math.floor(p.business * p.businessRatio) });
  return items;
}

/** Whether `r` has a record for `year` (resident on 1 January, adult, not a "no record" example). */
function hasRecord(r: ResidentPlan, year: number, skip: boolean): "yes" | "not_resident" | "no" {
  if (r.noTaxRecord || skip) return "no";
  if (r.taxNotResidentOnJan1Year === year) return "not_resident";
  if (r.becameResidentOn > `${year}-01-01`) return "no";
  if (r.status === "moved_out" && r.movedOutOn && r.movedOutOn < `${year}-01-01`) return "no";
  if (ageOn(r.person.dob, `${year}-01-01`) < 18) return "no";
  return "yes";
}

export function buildTaxRecords(households: readonly HouseholdPlan[]): TaxRecordPlan[] {
  const out: TaxRecordPlan[] = [];
  for (const hh of households) {
    const profiles = new Map(hh.members.map((m) => [m, profileFor(m)]));
    // About 5 % of adults have no record (never filed); never a documented demo person, whose record is described.
    const skip = new Map(hh.members.map((m) => [m, !m.demo && new Prng(`tax-skip/${m.muni}/${m.residentNo}`).chance(0.05)]));
    for (const year of FISCAL_YEARS) {
      const incomeYear = year - 1;
      const yearEnd: Ymd = `${incomeYear}-12-31`;
      const varied = new Map<ResidentPlan, Profile>();
      for (const m of hh.members) {
        const base = profiles.get(m)!;
        const rng = new Prng(`tax/${m.muni}/${m.residentNo}/${year}`);
        varied.set(m, year === 2025 ? base : { ...base, salary: scaled(base.salary, rng), pension: base.pension, business: scaled(base.business, rng) });
      }
      const income = new Map(hh.members.map((m) => [m, incomeItems(varied.get(m)!, incomeYear, ageOn(m.person.dob, yearEnd))]));
      const total = (m: ResidentPlan) => income.get(m)!.reduce((s, i) => s + i.amount, 0);
      const earner = [...hh.members].sort((a, b) => total(b) - total(a))[0];
      for (const m of hh.members) {
        const status = hasRecord(m, year, skip.get(m)!);
        if (status === "no") continue;
        const items = income.get(m)!;
        const p = varied.get(m)!;
        const deductions: DeductionItem[] = [];
        // 社会保険料: about 14.5 % of salary, 7 % of pension (国保・介護), 12 % of business revenue.
        const social = Math.floor((p.salary * 145) / 1000) + Math.floor((p.pension * 7) / 100) + Math.floor((p.business * 12) / 100);
        if (social > 0) deductions.push({ label: "社会保険料控除", amount: social });
        if (p.lifeInsurance > 0) deductions.push({ label: "生命保険料控除", amount: p.lifeInsurance });
        let spouse = false;
        let general = 0;
        let specific = 0;
        let elderly = 0;
        let young = 0;
        if (m === earner && m.isHouseholdHead) {
          const partner = hh.members.find((x) => x !== m && (x.relationship === "妻" || x.relationship === "夫"));
          if (partner && total(partner) <= 480_000 && total(m) <= 9_000_000) spouse = true;
          for (const x of hh.members) {
            if (x === m || total(x) > 480_000) continue;
            const age = ageOn(x.person.dob, yearEnd);
            if (x.relationship === "子") {
              if (age < 16) young += 1;
              else if (age <= 18) general += 1;
              else if (age <= 22) specific += 1;
            } else if ((x.relationship === "父" || x.relationship === "母") && age >= 70) elderly += 1;
          }
        }
        if (spouse) deductions.push({ label: "配偶者控除", amount: SPOUSE_DEDUCTION });
        if (general + specific + elderly > 0) {
          deductions.push({ label: "扶養控除", amount: general * DEPENDENT_DEDUCTION + specific * SPECIFIC_DEPENDENT_DEDUCTION + elderly * 450_000 });
        }
        deductions.push({ label: "基礎控除", amount: BASIC_DEDUCTION });
        const dependents = general + specific + elderly + young;
        const t = computeResidentTax({ income: items, deductions, dependentsIncludingSpouse: dependents + (spouse ? 1 : 0) });
        out.push({
          resident: m,
          fiscalYear: year,
          residentOnJan1: status === "yes",
          nonTaxable: t.nonTaxable,
          details: {
            incomeYear,
            income: items,
            deductions,
            dependents: { spouse, general, specific, elderly, young },
            taxes: t.taxes,
          },
          totalIncome: t.totalIncome,
          totalDeductions: t.totalDeductions,
          taxableIncome: t.taxableIncome,
          municipalTax: t.municipalTax,
          prefecturalTax: t.prefecturalTax,
          dependents,
        });
      }
    }
  }
  return out;
}
