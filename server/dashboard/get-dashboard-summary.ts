import "server-only";
import type { RequestContext } from "../context";
import { requireRole } from "../context";
import type { Tx } from "../db";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import type { MunicipalityStatus } from "../generated/prisma/enums";
import { jstMidnight, jstParts } from "../service-calendar/jst";

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
const DAY_MS = 24 * 60 * 60 * 1000;

/** [start, end) of the JST calendar day containing `now`, and that day as YYYY-MM-DD. */
function jstDay(now: Date): { day: string; start: Date; end: Date } {
  const day = jstParts(now).ymd;
  const start = jstMidnight(day);
  return { day, start, end: new Date(start.getTime() + DAY_MS) };
}

/**
 * The dashboard of the signed-in staff member. The tenant comes from ctx only: staff of a municipality get
 * that municipality's counts; the operator (no tenant) gets one row per municipality.
 */
export async function getDashboardSummary({ ctx, now = new Date() }: { ctx: RequestContext; now?: Date }): Promise<DashboardSummary> {
  if (ctx.actor.type !== "staff") throw new AppError("forbidden", "the dashboard is for staff");
  const { day, start, end } = jstDay(now);

  if (ctx.municipalityId) {
    const municipalityId = ctx.municipalityId;
    return withTenant(ctx, async (tx) => {
      const municipality = await tx.municipality.findUnique({
        where: { id: municipalityId },
        select: { id: true, code: true, name: true, prefecture: true, status: true },
      });
      if (!municipality) throw new AppError("not_found", "municipality of the context not found");
      const counts = await countsForMunicipality(tx, municipality.id, now, start, end);
      return { scope: "municipality" as const, day, municipality, counts };
    });
  }

  requireRole(ctx, "operator");
  return { scope: "operator", day, ...(await withTenant(ctx, (tx) => countsForAllMunicipalities(tx, now, start, end))) };
}

async function countsForMunicipality(db: Tx, municipalityId: string, now: Date, start: Date, end: Date): Promise<DashboardCounts> {
  const [activeResidents, households, activeCardCertificates, printedIssuancesToday, openIncidents] = await Promise.all([
    db.resident.count({ where: { municipalityId, status: "active" } }),
    db.household.count({ where: { municipalityId, members: { some: { status: "active" } } } }),
    db.cardCertificate.count({ where: { municipalityId, status: "active", validUntil: { gt: now } } }),
    // renderedAt is indexed with status; a print completes minutes after rendering, so the day is the same.
    db.issuance.count({ where: { municipalityId, status: "printed", renderedAt: { gte: start, lt: end } } }),
    db.incident.count({ where: { municipalityId, status: { in: [...NOT_CLOSED] } } }),
  ]);
  return { activeResidents, households, activeCardCertificates, printedIssuancesToday, openIncidents };
}

type GroupCount = { municipalityId: string | null; _count: { _all: number } };

function byMunicipality(rows: GroupCount[]): Map<string | null, number> {
  return new Map(rows.map((r) => [r.municipalityId, r._count._all]));
}

async function countsForAllMunicipalities(db: Tx, now: Date, start: Date, end: Date) {
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
    db.issuance.groupBy({
      by: ["municipalityId"],
      where: { status: "printed", renderedAt: { gte: start, lt: end } },
      _count: { _all: true },
    }),
    db.incident.groupBy({
      by: ["municipalityId"],
      where: { status: { in: [...NOT_CLOSED] } },
      _count: { _all: true },
    }),
  ]);

  const r = byMunicipality(residents);
  const h = byMunicipality(households);
  const c = byMunicipality(cards);
  const i = byMunicipality(issuances);
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
