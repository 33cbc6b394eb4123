import "server-only";
import type { RequestContext } from "../context";
import { requirePermission } from "../context";
import type { Tx } from "../db";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import type { MunicipalityStatus } from "../generated/prisma/enums";
import { jstParts } from "../service-calendar/jst";

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

export type DashboardSummary =
  | {
      scope: "municipality";
      /** The JST calendar day "today" refers to, YYYY-MM-DD. */
      day: string;
      municipality: DashboardMunicipality;
      counts: DashboardCounts;
    }
  | {
      scope: "operator";
      day: string;
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
      const municipality = await tx.municipality.findUnique({
        where: { id: municipalityId },
        select: { id: true, code: true, name: true, prefecture: true, status: true },
      });
      if (!municipality) throw new AppError("not_found", "municipality of the context not found");
      const counts = await countsForMunicipality(tx, municipality.id, now, day);
      return { scope: "municipality" as const, day, municipality, counts };
    });
  }

  requirePermission(ctx, "all-municipalities");
  return { scope: "operator", day, ...(await withTenant(ctx, (tx) => countsForAllMunicipalities(tx, now, day))) };
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
