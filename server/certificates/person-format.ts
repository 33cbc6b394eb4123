import "server-only";
import { formatWareki } from "@/lib/wareki";
import type { Resident } from "../generated/prisma/client";

const ymd = (d: Date) => d.toISOString().slice(0, 10);

export const printedName = (r: Pick<Resident, "familyName" | "givenName">) => `${r.familyName} ${r.givenName}`;
export const printedKana = (r: Pick<Resident, "familyNameKana" | "givenNameKana">) => `${r.familyNameKana} ${r.givenNameKana}`;

/** Japanese nationals' dates in 和暦; foreign residents' in 西暦, as 住民票 prints them. */
export function printedDate(d: Date, foreign: boolean): string {
  if (!foreign) return formatWareki(ymd(d));
  const [y, m, day] = ymd(d).split("-").map(Number);
  return `${y}年${m}月${day}日`;
}

export const printedSex = (sex: "male" | "female") => (sex === "male" ? "男" : "女");
