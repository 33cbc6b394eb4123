import { expect, type Locator, type Page } from "@playwright/test";

// The portal's month / date / date-time fields (components/form/date-fields.tsx) are a group named by its
// legend with one select per part, labelled 年・月・日・時・分, whose option values are the value's own digits.

const PARTS = ["年", "月", "日", "時", "分"] as const;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The field whose legend begins with `label` (the legend also holds 必須 on a required field). */
export function dateGroup(scope: Page | Locator, label: string): Locator {
  return scope.getByRole("group", { name: new RegExp(`^${escape(label)}`) });
}

/** The select of one part of a field. */
export function datePart(group: Locator, part: (typeof PARTS)[number]): Locator {
  return group.getByLabel(part, { exact: true });
}

/** Chooses "2026-12", "2026-12-07" or "2026-12-07T09:05" part by part (year first: it sets the days offered). */
export async function chooseDate(scope: Page | Locator, label: string, value: string): Promise<void> {
  const group = dateGroup(scope, label);
  const values = value.split(/[-T:]/);
  for (const [i, v] of values.entries()) {
    const select = datePart(group, PARTS[i]);
    await select.selectOption(v);
    await expect(select).toHaveValue(v);
  }
}
