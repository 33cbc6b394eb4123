import "server-only";
import { CERTIFICATE_NAMES, fromDbCertificateType, type CertificateTypeDb } from "@/lib/certificate-types";
import { ZStatisticsQuery, WEEKDAY_LABELS } from "@/lib/schemas/statistics";
import { storeChainName } from "@/lib/store-chains";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { withTenant } from "../db/tenant";
import { Prisma } from "../generated/prisma/client";
import { addMonths, monthDays } from "@/lib/months";
import { statsTarget, type StatsMunicipality } from "./stats-target";
import { parseInput } from "../parse-input";

export type Totals = { count: number; copies: number; feeTotal: number };
export type StatRow = Totals & { key: string; label: string };
export type MunicipalityComparison = {
  municipality: { id: string; code: string; name: string };
  totals: Totals;
  previousMonth: Totals;
  outOfTownCount: number;
};

export type UsageStatistics = {
  month: string;
  /** Null: every municipality (operator). */
  municipality: Omit<StatsMunicipality, "commissionPerIssuance"> | null;
  totals: Totals;
  previousMonth: Totals & { month: string };
  sameMonthLastYear: Totals & { month: string };
  byType: StatRow[];
  byChain: StatRow[];
  /** Every day of the month, zero-filled. */
  byDay: StatRow[];
  /** 0–23, zero-filled. */
  byHour: StatRow[];
  /** Sunday first, zero-filled. */
  byWeekday: StatRow[];
  /** Residents of the municipality vs. out-of-town use (by the terminal's location). */
  byResidence: StatRow[];
  /** Certificate type × fee per copy: a fee change within the month shows as two rows. */
  byFee: Array<StatRow & { feePerCopy: number }>;
  /** Operator view without a municipality: one row per municipality. */
  comparison: MunicipalityComparison[] | null;
};

const ZERO: Totals = { count: 0, copies: 0, feeTotal: 0 };
const num = (v: bigint | number | null) => Number(v ?? 0);

// Columns of the grouping sets, in GROUPING() argument order (most significant bit first).
const DAILY_DIMS = ["certificateType", "storeChain", "day", "outOfTown"] as const;
const HOURLY_DIMS = ["certificateType", "hour", "feePerCopy"] as const;
const mask = (dims: readonly string[], present: string[]) => dims.reduce((m, d, i) => (present.includes(d) ? m : m | (1 << (dims.length - 1 - i))), 0);
const maskOf = (...present: Array<(typeof DAILY_DIMS)[number]>) => mask(DAILY_DIMS, present);
const hourlyMaskOf = (...present: Array<(typeof HOURLY_DIMS)[number]>) => mask(HOURLY_DIMS, present);

type GroupRow = { g: number; t: CertificateTypeDb | null; c: string | null; d: string | null; h: number | null; o: boolean | null; f: number | null; n: bigint; copies: bigint; fee: bigint };

/**
 * Printed issuances of one JST month for a municipality (or every municipality, operator only), read from the
 * rollups only (UsageHourly for the breakdowns, UsageDaily for the comparisons), so the answer does not grow
 * with the issuance table. Cancelled and failed issuances are never in the rollups.
 */
export async function getUsageStatistics({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<UsageStatistics> {
  const q = parseInput(ZStatisticsQuery, input);
  const target = await statsTarget(ctx, q.municipalityId, "stats:read");
  return withTenant(target.ctx, (tx) => loadUsageStatistics(tx, target.municipality, q.month));
}

/** The statistics of one month inside the caller's tenant transaction (also used by the monthly report). */
export async function loadUsageStatistics(tx: Tx, municipality: StatsMunicipality | null, month: string): Promise<UsageStatistics> {
  const mId = municipality?.id ?? null;
  const { first, next, days } = monthDays(month);
  const prevMonth = addMonths(month, -1);
  const lastYear = addMonths(month, -12);
  const prev = monthDays(prevMonth);
  const ly = monthDays(lastYear);
  const onlyMunicipality = mId ? Prisma.sql`AND "municipalityId" = ${mId}::uuid` : Prisma.empty;

  // Type, chain, day and residence from the daily rollup (about a sixth of the hourly rows); hour and the
  // type × fee split from the hourly one.
  const daily = await tx.$queryRaw<GroupRow[]>`
    SELECT GROUPING("certificateType", "storeChain", "day", "outOfTown")::int AS g,
           "certificateType"::text AS t, "storeChain" AS c, to_char("day", 'YYYY-MM-DD') AS d, NULL::int AS h, "outOfTown" AS o, NULL::int AS f,
           sum("count")::bigint AS n, sum("copies")::bigint AS copies, sum("feeTotal")::bigint AS fee
    FROM "UsageDaily"
    WHERE "day" >= ${first}::date AND "day" < ${next}::date ${onlyMunicipality}
    GROUP BY GROUPING SETS (("certificateType"), ("storeChain"), ("day"), ("outOfTown"), ())`;
  const hourly = await tx.$queryRaw<GroupRow[]>`
    SELECT GROUPING("certificateType", "hour", "feePerCopy")::int AS g,
           "certificateType"::text AS t, NULL::text AS c, NULL::text AS d, "hour"::int AS h, NULL::boolean AS o, "feePerCopy" AS f,
           sum("count")::bigint AS n, sum("copies")::bigint AS copies, sum("feeTotal")::bigint AS fee
    FROM "UsageHourly"
    WHERE "day" >= ${first}::date AND "day" < ${next}::date ${onlyMunicipality}
    GROUP BY GROUPING SETS (("hour"), ("certificateType", "feePerCopy"))`;
  const [cmp] = await tx.$queryRaw<Array<Record<"pn" | "pc" | "pf" | "yn" | "yc" | "yf", bigint | null>>>`
    SELECT sum("count") FILTER (WHERE "day" >= ${prev.first}::date AND "day" < ${prev.next}::date)::bigint AS pn,
           sum("copies") FILTER (WHERE "day" >= ${prev.first}::date AND "day" < ${prev.next}::date)::bigint AS pc,
           sum("feeTotal") FILTER (WHERE "day" >= ${prev.first}::date AND "day" < ${prev.next}::date)::bigint AS pf,
           sum("count") FILTER (WHERE "day" >= ${ly.first}::date AND "day" < ${ly.next}::date)::bigint AS yn,
           sum("copies") FILTER (WHERE "day" >= ${ly.first}::date AND "day" < ${ly.next}::date)::bigint AS yc,
           sum("feeTotal") FILTER (WHERE "day" >= ${ly.first}::date AND "day" < ${ly.next}::date)::bigint AS yf
    FROM "UsageDaily"
    WHERE (("day" >= ${prev.first}::date AND "day" < ${prev.next}::date) OR ("day" >= ${ly.first}::date AND "day" < ${ly.next}::date)) ${onlyMunicipality}`;

  const of = (mask: number) => daily.filter((r) => r.g === mask);
  const ofHourly = (mask: number) => hourly.filter((r) => r.g === mask);
  const totalsOf = (r: GroupRow): Totals => ({ count: num(r.n), copies: num(r.copies), feeTotal: num(r.fee) });
  const total = of(maskOf())[0];

  const byType = of(maskOf("certificateType"))
    .map((r) => ({ key: fromDbCertificateType(r.t!), label: CERTIFICATE_NAMES[fromDbCertificateType(r.t!)], ...totalsOf(r) }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const byChain = of(maskOf("storeChain"))
    .map((r) => ({ key: r.c!, label: storeChainName(r.c!), ...totalsOf(r) }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

  const dayMap = new Map(of(maskOf("day")).map((r) => [r.d!, totalsOf(r)]));
  const byDay: StatRow[] = [];
  const weekday: Totals[] = WEEKDAY_LABELS.map(() => ({ ...ZERO }));
  for (let i = 0; i < days; i++) {
    const d = new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000);
    const key = d.toISOString().slice(0, 10);
    const t = dayMap.get(key) ?? ZERO;
    byDay.push({ key, label: `${d.getUTCDate()}日`, ...t });
    const w = weekday[d.getUTCDay()];
    w.count += t.count;
    w.copies += t.copies;
    w.feeTotal += t.feeTotal;
  }
  const hourMap = new Map(ofHourly(hourlyMaskOf("hour")).map((r) => [r.h!, totalsOf(r)]));
  const byHour = Array.from({ length: 24 }, (_, h) => ({ key: String(h), label: `${h}時台`, ...(hourMap.get(h) ?? ZERO) }));
  const byWeekday = WEEKDAY_LABELS.map((label, i) => ({ key: String(i), label: `${label}曜日`, ...weekday[i] }));
  const residence = new Map(of(maskOf("outOfTown")).map((r) => [r.o!, totalsOf(r)]));
  const byResidence = [
    { key: "resident", label: "市区町村内の住民", ...(residence.get(false) ?? ZERO) },
    { key: "out-of-town", label: "市区町村外での利用", ...(residence.get(true) ?? ZERO) },
  ];
  const byFee = ofHourly(hourlyMaskOf("certificateType", "feePerCopy"))
    .map((r) => ({ key: `${fromDbCertificateType(r.t!)}:${r.f}`, label: CERTIFICATE_NAMES[fromDbCertificateType(r.t!)], feePerCopy: r.f!, ...totalsOf(r) }))
    .sort((a, b) => a.key.localeCompare(b.key) || a.feePerCopy - b.feePerCopy);

  return {
    month: month,
    municipality: municipality ? { id: municipality.id, code: municipality.code, name: municipality.name } : null,
    totals: total ? totalsOf(total) : { ...ZERO },
    previousMonth: { month: prevMonth, count: num(cmp?.pn ?? 0), copies: num(cmp?.pc ?? 0), feeTotal: num(cmp?.pf ?? 0) },
    sameMonthLastYear: { month: lastYear, count: num(cmp?.yn ?? 0), copies: num(cmp?.yc ?? 0), feeTotal: num(cmp?.yf ?? 0) },
    byType,
    byChain,
    byDay,
    byHour,
    byWeekday,
    byResidence,
    byFee,
    comparison: mId ? null : await compareMunicipalities(tx, month),
  };
}

/** Every municipality's month against its previous month (operator view), from the daily rollup. */
async function compareMunicipalities(tx: Tx, month: string): Promise<MunicipalityComparison[]> {
  const cur = monthDays(month);
  const prev = monthDays(addMonths(month, -1));
  const rows = await tx.$queryRaw<Array<{ id: string; code: string; name: string; n: bigint | null; copies: bigint | null; fee: bigint | null; pn: bigint | null; pc: bigint | null; pf: bigint | null; oot: bigint | null }>>`
    SELECT m.id, m.code, m.name, u.n, u.copies, u.fee, u.pn, u.pc, u.pf, u.oot
    FROM "Municipality" m
    LEFT JOIN (
      SELECT "municipalityId",
             sum("count") FILTER (WHERE "day" >= ${cur.first}::date)::bigint AS n,
             sum("copies") FILTER (WHERE "day" >= ${cur.first}::date)::bigint AS copies,
             sum("feeTotal") FILTER (WHERE "day" >= ${cur.first}::date)::bigint AS fee,
             sum("count") FILTER (WHERE "day" < ${cur.first}::date)::bigint AS pn,
             sum("copies") FILTER (WHERE "day" < ${cur.first}::date)::bigint AS pc,
             sum("feeTotal") FILTER (WHERE "day" < ${cur.first}::date)::bigint AS pf,
             sum("count") FILTER (WHERE "day" >= ${cur.first}::date AND "outOfTown")::bigint AS oot
      FROM "UsageDaily"
      WHERE "day" >= ${prev.first}::date AND "day" < ${cur.next}::date
      GROUP BY "municipalityId"
    ) u ON u."municipalityId" = m.id
    ORDER BY m.code`;
  return rows.map((r) => ({
    municipality: { id: r.id, code: r.code, name: r.name },
    totals: { count: num(r.n), copies: num(r.copies), feeTotal: num(r.fee) },
    previousMonth: { count: num(r.pn), copies: num(r.pc), feeTotal: num(r.pf) },
    outOfTownCount: num(r.oot),
  }));
}
