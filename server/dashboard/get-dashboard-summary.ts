import "server-only";
import type { RequestContext } from "../context";
import { requirePermission } from "../context";
import type { Tx } from "../db";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import type { MunicipalityStatus } from "../generated/prisma/enums";
import { addMonths } from "@/lib/months";
import { WEEKDAY_LABELS } from "@/lib/schemas/statistics";
import { isNationalHoliday, jstParts } from "../service-calendar/jst";
import { loadUsageStatistics, type StatRow, type Totals } from "../stats/get-usage-statistics";
import type { StatsMunicipality } from "../stats/stats-target";

/** Aggregate counts only: no resident, household or card data leaves this verb. */
export type DashboardCounts = {
  /** Residents on the register (status active). */
  activeResidents: number;
  /** Households with at least one active resident. */
  households: number;
  /** Card certificates that are active and not past validUntil. */
  activeCardCertificates: number;
  /** Issuances printed today (JST), counted by the day they were rendered. */
  printedIssuancesToday: number;
  /** Incidents not yet closed (open or acknowledged). */
  openIncidents: number;
};

export type DashboardMunicipality = {
  id: string;
  code: string;
  name: string;
  prefecture: string;
  status: MunicipalityStatus;
};

/** Printed issuances from the daily rollup (the statistics' numbers): what a clerk looks at every morning. */
export type DashboardUsage = {
  /** The 30 JST days ending today, oldest first, zero-filled; label like 12/7(月) or 11/23(月・祝). */
  last30Days: StatRow[];
  /** This month so far (YYYY-MM) and the month before. */
  thisMonth: Totals & { month: string };
  lastMonth: Totals & { month: string };
};

export type DashboardSummary =
  | {
      scope: "municipality";
      /** The JST calendar day "today" refers to, YYYY-MM-DD. */
      day: string;
      municipality: DashboardMunicipality;
      counts: DashboardCounts;
      usage: DashboardUsage;
    }
  | {
      scope: "operator";
      day: string;
      /** Summed over every municipality. */
      usage: DashboardUsage;
      municipalities: Array<DashboardMunicipality & { counts: DashboardCounts }>;
      /** Open incidents not tied to a municipality (platform-wide). */
      platformOpenIncidents: number;
    };

const NOT_CLOSED = ["open", "acknowledged"] as const;


/**
 * The dashboard of the signed-in staff member. The tenant comes from ctx only: staff of a municipality get
 * that municipality's counts; the operator (no tenant) gets one row per municipality.
 */
export async function getDashboardSummary({ ctx, now = new Date() }: { ctx: RequestContext; now?: Date }): Promise<DashboardSummary> {
  if (ctx.actor.type !== "staff") throw new AppError("forbidden", "the dashboard is for staff");
  const day = jstParts(now).ymd;

  if (ctx.municipalityId) {
    const municipalityId = ctx.municipalityId;
    return withTenant(ctx, async (tx) => {
      const found = await tx.municipality.findUnique({
        where: { id: municipalityId },
        select: { id: true, code: true, name: true, prefecture: true, status: true, commissionPerIssuance: true },
      });
      if (!found) throw new AppError("not_found", "municipality of the context not found");
      const { commissionPerIssuance, ...municipality } = found;
      const counts = await countsForMunicipality(tx, municipality.id, now, day);
      const usage = await usageOf(tx, { ...municipality, commissionPerIssuance }, day);
      return { scope: "municipality" as const, day, municipality, counts, usage };
    });
  }

  requirePermission(ctx, "all-municipalities");
  return withTenant(ctx, async (tx) => ({
    scope: "operator" as const,
    day,
    usage: await usageOf(tx, null, day),
    ...(await countsForAllMunicipalities(tx, now, day)),
  }));
}

const DAY_MS = 86_400_000;

/**
 * The last 30 days and the month totals, read through the statistics' own month query (rollups only) for each
 * month the 30 days touch (two, or three when today is early in March).
 */
async function usageOf(tx: Tx, municipality: StatsMunicipality | null, today: string): Promise<DashboardUsage> {
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const days = Array.from({ length: 30 }, (_, i) => new Date(todayMs - (29 - i) * DAY_MS).toISOString().slice(0, 10));
  const month = today.slice(0, 7);
  const months: string[] = [];
  for (let m = days[0].slice(0, 7); m <= month; m = addMonths(m, 1)) months.push(m);
  const stats = [];
  for (const m of months) stats.push(await loadUsageStatistics(tx, municipality, m)); // one transaction: in turn
  const byDay = new Map(stats.flatMap((s) => s.byDay.map((r) => [r.key, r] as const)));
  const current = stats[stats.length - 1];
  return {
    last30Days: days.map((key) => {
      const r = byDay.get(key);
      return { key, label: dayLabel(key), count: r?.count ?? 0, copies: r?.copies ?? 0, feeTotal: r?.feeTotal ?? 0 };
    }),
    thisMonth: { month: current.month, ...current.totals },
    lastMonth: current.previousMonth,
  };
}

/** 12/7(月), 11/23(月・祝): weekends and national holidays read in the axis and the table. */
function dayLabel(ymd: string): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  const holiday = isNationalHoliday(ymd) ? "・祝" : "";
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}(${WEEKDAY_LABELS[d.getUTCDay()]}${holiday})`;
}

async function countsForMunicipality(db: Tx, municipalityId: string, now: Date, day: string): Promise<DashboardCounts> {
  const [activeResidents, households, activeCardCertificates, printedIssuancesToday, openIncidents] = await Promise.all([
    db.resident.count({ where: { municipalityId, status: "active" } }),
    db.household.count({ where: { municipalityId, members: { some: { status: "active" } } } }),
    db.cardCertificate.count({ where: { municipalityId, status: "active", validUntil: { gt: now } } }),
    // Printed today = completed as printed on this JST day: the daily rollup the statistics read too.
    db.usageDaily.aggregate({ where: { municipalityId, day: new Date(day) }, _sum: { count: true } }).then((a) => a._sum.count ?? 0),
    db.incident.count({ where: { municipalityId, status: { in: [...NOT_CLOSED] } } }),
  ]);
  return { activeResidents, households, activeCardCertificates, printedIssuancesToday, openIncidents };
}

type GroupCount = { municipalityId: string | null; _count: { _all: number } };

function byMunicipality(rows: GroupCount[]): Map<string | null, number> {
  return new Map(rows.map((r) => [r.municipalityId, r._count._all]));
}

async function countsForAllMunicipalities(db: Tx, now: Date, day: string) {
  const [municipalities, residents, households, cards, issuances, incidents] = await Promise.all([
    db.municipality.findMany({
      select: { id: true, code: true, name: true, prefecture: true, status: true },
      orderBy: { code: "asc" },
    }),
    db.resident.groupBy({ by: ["municipalityId"], where: { status: "active" }, _count: { _all: true } }),
    db.household.groupBy({
      by: ["municipalityId"],
      where: { members: { some: { status: "active" } } },
      _count: { _all: true },
    }),
    db.cardCertificate.groupBy({
      by: ["municipalityId"],
      where: { status: "active", validUntil: { gt: now } },
      _count: { _all: true },
    }),
    db.usageDaily.groupBy({ by: ["municipalityId"], where: { day: new Date(day) }, _sum: { count: true } }),
    db.incident.groupBy({
      by: ["municipalityId"],
      where: { status: { in: [...NOT_CLOSED] } },
      _count: { _all: true },
    }),
  ]);

  const r = byMunicipality(residents);
  const h = byMunicipality(households);
  const c = byMunicipality(cards);
  const i = new Map(issuances.map((g) => [g.municipalityId, g._sum.count ?? 0]));
  const o = byMunicipality(incidents);

  return {
    municipalities: municipalities.map((m) => ({
      ...m,
      counts: {
        activeResidents: r.get(m.id) ?? 0,
        households: h.get(m.id) ?? 0,
        activeCardCertificates: c.get(m.id) ?? 0,
        printedIssuancesToday: i.get(m.id) ?? 0,
        openIncidents: o.get(m.id) ?? 0,
      },
    })),
    platformOpenIncidents: o.get(null) ?? 0,
  };
}
