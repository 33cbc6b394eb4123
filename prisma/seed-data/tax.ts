// 住民税 figures for the demo tax records. Simplified but internally consistent: the certificate renderer
// prints these numbers as they are, and a reviewer can check them by hand:
//   taxableIncome = max(0, totalIncome − totalDeductions) rounded down to ¥1,000;
//   municipal tax = 6 % of it (rounded down to ¥100) + 均等割 ¥3,000; prefectural = 4 % + ¥1,000;
//   非課税 (both 0) when the total income is within the non-taxable limit.

export type IncomeItem = { label: string; revenue: number; amount: number };
export type DeductionItem = { label: string; amount: number };

export const BASIC_DEDUCTION = 430_000; // 基礎控除 (住民税)
export const SPOUSE_DEDUCTION = 330_000; // 配偶者控除 (住民税, 一般)
export const DEPENDENT_DEDUCTION = 330_000; // 扶養控除 一般 (16–18, 23+)
export const SPECIFIC_DEPENDENT_DEDUCTION = 450_000; // 特定扶養 (19–22)
export const MUNICIPAL_RATE_PERCENT = 6;
export const PREFECTURAL_RATE_PERCENT = 4;
export const MUNICIPAL_PER_CAPITA = 3_000;
export const PREFECTURAL_PER_CAPITA = 1_000;

/** 給与所得 from 給与収入 (給与所得控除 from 2020; minimum raised to ¥650,000 for income of 2025 onward). */
export function salaryIncome(revenue: number, incomeYear: number): number {
  let deduction: number;
  if (incomeYear >= 2025 && revenue <= 1_900_000) deduction = 650_000;
  else if (revenue <= 1_625_000) deduction = 550_000;
  else if (revenue <= 1_800_000) deduction = Math.floor((revenue * 4) / 10) - 100_000;
  else if (revenue <= 3_600_000) deduction = Math.floor((revenue * 3) / 10) + 80_000;
  else if (revenue <= 6_600_000) deduction = Math.floor((revenue * 2) / 10) + 440_000;
  else if (revenue <= 8_500_000) deduction = Math.floor(revenue / 10) + 1_100_000;
  else deduction = 1_950_000;
  return Math.max(0, revenue - deduction);
}

/** 公的年金等に係る雑所得 (公的年金等控除; other income up to ¥10 million). */
export function pensionIncome(revenue: number, ageAtYearEnd: number): number {
  let deduction: number;
  if (ageAtYearEnd >= 65 && revenue <= 3_300_000) deduction = 1_100_000;
  else if (ageAtYearEnd < 65 && revenue <= 1_300_000) deduction = 600_000;
  else if (revenue <= 4_100_000) deduction = Math.floor(revenue / 4) + 275_000;
  else if (revenue <= 7_700_000) deduction = Math.floor((revenue * 15) / 100) + 685_000;
  else deduction = Math.floor((revenue * 5) / 100) + 1_455_000;
  return Math.max(0, revenue - deduction);
}

/** 非課税限度額 (1級地 simplified): ¥450,000 alone; 35万 × (self + dependents) + 10万 + 21万 with dependents. */
export function nonTaxableLimit(dependentsIncludingSpouse: number): number {
  if (dependentsIncludingSpouse <= 0) return 450_000;
  return 350_000 * (1 + dependentsIncludingSpouse) + 100_000 + 210_000;
}

export type TaxComputation = {
  totalIncome: number;
  totalDeductions: number;
  taxableIncome: number;
  nonTaxable: boolean;
  municipalTax: number;
  prefecturalTax: number;
  taxes: {
    municipal: { incomeLevy: number; perCapita: number };
    prefectural: { incomeLevy: number; perCapita: number };
  };
};

export function computeResidentTax(input: {
  income: readonly IncomeItem[];
  deductions: readonly DeductionItem[];
  /** Spouse (配偶者控除) plus dependents (扶養), for the non-taxable limit. */
  dependentsIncludingSpouse: number;
}): TaxComputation {
  const totalIncome = input.income.reduce((s, i) => s + i.amount, 0);
  const totalDeductions = input.deductions.reduce((s, d) => s + d.amount, 0);
  const taxableIncome = Math.floor(Math.max(0, totalIncome - totalDeductions) / 1000) * 1000;
  const nonTaxable = totalIncome <= nonTaxableLimit(input.dependentsIncludingSpouse);
  // Integer arithmetic: taxableIncome is a multiple of 1,000, so taxable × percent / 100 is exact.
  const levy = (percent: number) => (nonTaxable ? 0 : Math.floor((taxableIncome * percent) / 100 / 100) * 100);
  const municipal = { incomeLevy: levy(MUNICIPAL_RATE_PERCENT), perCapita: nonTaxable ? 0 : MUNICIPAL_PER_CAPITA };
  const prefectural = { incomeLevy: levy(PREFECTURAL_RATE_PERCENT), perCapita: nonTaxable ? 0 : PREFECTURAL_PER_CAPITA };
  return {
    totalIncome,
    totalDeductions,
    taxableIncome,
    nonTaxable,
    municipalTax: municipal.incomeLevy + municipal.perCapita,
    prefecturalTax: prefectural.incomeLevy + prefectural.perCapita,
    taxes: { municipal, prefectural },
  };
}
