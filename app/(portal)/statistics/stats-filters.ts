import { MONTH_RE, monthOf } from "@/lib/months";

// The statistics pages' filters, kept in the URL: ?municipality=CODE (operator only) and ?month=YYYY-MM.

/** ?month=YYYY-MM, defaulting to the current JST month. */
export function statsMonth(params: Record<string, string | string[] | undefined>): string {
  return typeof params.month === "string" && MONTH_RE.test(params.month) ? params.month : monthOf(new Date());
}

export function pageQuery(target: { code: string } | null, month: string, choosesMunicipality: boolean): string {
  const q = new URLSearchParams();
  if (choosesMunicipality && target) q.set("municipality", target.code);
  q.set("month", month);
  return `?${q.toString()}`;
}
