// The rollups the statistics read must equal a direct count over the issuances: randomized issuances are
// completed printed / cancelled / failed through the real completion verb (which maintains the rollups),
// then compared with GROUP BYs over "Issuance". Also: cancelled and failed never count, a fee change in the
// middle of a month splits, the month rebuild repairs a damaged rollup, and tenants stay apart.
import { afterAll, describe, expect, it } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import type { RequestContext } from "@/server/context";
import { ownerDb } from "@/tests/setup/owner-db";
import type { CertificateType } from "@/server/generated/prisma/enums";
import { completeIssuance } from "@/server/issuance/complete-issuance";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { getUsageStatistics } from "@/server/stats/get-usage-statistics";
import { rebuildUsageRollups } from "@/server/stats/rebuild-usage-rollups";
import { systemContext } from "@/server/context";
import { createStaffUser } from "../factories";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";
import { createRenderedIssuance, createUsageFixture } from "../factories/usage";

afterAll(closeRenderPool);

const TYPES: CertificateType[] = ["residence", "residence_entry", "seal", "tax_income", "koseki_full"];
const CHAINS = ["seven-eleven", "lawson", "familymart"];
const OUTCOMES = ["printed", "printed", "printed", "cancelled", "failed"] as const;

/** Deterministic PRNG (mulberry32): a failing seed can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T,>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];

async function staffCtx(municipalityId: string | null, role: "operator" | "municipal_admin" | "clerk" = municipalityId ? "municipal_admin" : "operator"): Promise<RequestContext> {
  const u = await createStaffUser({ municipalityId, role });
  return { actor: { type: "staff", id: u.id, role, municipalityId }, municipalityId, requestId: "t" };
}

type Key = string;
async function directHourly(municipalityId: string) {
  const rows = await ownerDb().$queryRaw<Array<{ k: string; n: number; c: number; f: number }>>`
    SELECT concat_ws('|', to_char(("completedAt" + interval '9 hours')::date, 'YYYY-MM-DD'), extract(hour from "completedAt" + interval '9 hours')::int,
                     "certificateType", "storeChain", "outOfTown", "feePerCopy") AS k,
           count(*)::int AS n, sum(copies)::int AS c, sum("feeTotal")::int AS f
    FROM "Issuance" WHERE "municipalityId" = ${municipalityId}::uuid AND status = 'printed' GROUP BY 1`;
  return new Map<Key, [number, number, number]>(rows.map((r) => [r.k, [r.n, r.c, r.f]]));
}
async function rolledHourly(municipalityId: string) {
  const rows = await ownerDb().$queryRaw<Array<{ k: string; n: number; c: number; f: number }>>`
    SELECT concat_ws('|', to_char("day", 'YYYY-MM-DD'), "hour", "certificateType", "storeChain", "outOfTown", "feePerCopy") AS k, "count" AS n, copies AS c, "feeTotal" AS f
    FROM "UsageHourly" WHERE "municipalityId" = ${municipalityId}::uuid`;
  return new Map<Key, [number, number, number]>(rows.map((r) => [r.k, [r.n, r.c, r.f]]));
}
async function directDaily(municipalityId: string) {
  const rows = await ownerDb().$queryRaw<Array<{ k: string; n: number; c: number; f: number }>>`
    SELECT concat_ws('|', to_char(("completedAt" + interval '9 hours')::date, 'YYYY-MM-DD'), "certificateType", "storeChain", "outOfTown") AS k,
           count(*)::int AS n, sum(copies)::int AS c, sum("feeTotal")::int AS f
    FROM "Issuance" WHERE "municipalityId" = ${municipalityId}::uuid AND status = 'printed' GROUP BY 1`;
  return new Map<Key, [number, number, number]>(rows.map((r) => [r.k, [r.n, r.c, r.f]]));
}
async function rolledDaily(municipalityId: string) {
  const rows = await ownerDb().$queryRaw<Array<{ k: string; n: number; c: number; f: number }>>`
    SELECT concat_ws('|', to_char("day", 'YYYY-MM-DD'), "certificateType", "storeChain", "outOfTown") AS k, "count" AS n, copies AS c, "feeTotal" AS f
    FROM "UsageDaily" WHERE "municipalityId" = ${municipalityId}::uuid`;
  return new Map<Key, [number, number, number]>(rows.map((r) => [r.k, [r.n, r.c, r.f]]));
}

/** Random issuances over November 2026 (and a few on 31 October late evening JST, at the month edge). */
async function randomIssuances(municipalityId: string, count: number, seed: number) {
  const { card, api } = await createUsageFixture(municipalityId);
  const r = rng(seed);
  const start = Date.parse("2026-10-31T20:00:00+09:00");
  const span = Date.parse("2026-12-01T02:00:00+09:00") - start;
  const outcomes: Record<string, number> = { printed: 0, cancelled: 0, failed: 0 };
  for (let i = 0; i < count; i++) {
    const at = new Date(start + Math.floor(r() * span));
    const iss = await createRenderedIssuance({
      municipalityId,
      cardCertificateId: card.id,
      apiClientId: api.client.id,
      certificateType: pick(r, TYPES),
      storeChain: pick(r, CHAINS),
      outOfTown: r() < 0.3,
      copies: 1 + Math.floor(r() * 3),
      feePerCopy: pick(r, [200, 200, 300]),
      renderedAt: new Date(at.getTime() - 60_000),
    });
    const outcome = pick(r, OUTCOMES);
    outcomes[outcome]++;
    await completeIssuance({ ctx: api.ctx, issuanceId: iss.id, input: { outcome, ...(outcome === "failed" ? { reason: "paper jam" } : {}) } as never, now: at });
  }
  return outcomes;
}

describe("usage rollups", () => {
  it("equal a direct count over randomized printed, cancelled and failed issuances; the statistics verb agrees", async () => {
    const m = await createServedMunicipality();
    const outcomes = await randomIssuances(m.id, 240, 20261127);
    expect(outcomes.cancelled).toBeGreaterThan(0);
    expect(outcomes.failed).toBeGreaterThan(0);

    const [dh, rh, dd, rd] = await Promise.all([directHourly(m.id), rolledHourly(m.id), directDaily(m.id), rolledDaily(m.id)]);
    expect(rh.size).toBeGreaterThan(50);
    expect(Object.fromEntries(rh)).toEqual(Object.fromEntries(dh));
    expect(Object.fromEntries(rd)).toEqual(Object.fromEntries(dd));

    // The statistics of November: only printed issuances completed in November JST.
    const ctx = await staffCtx(m.id);
    const stats = await getUsageStatistics({ ctx, input: { month: "2026-11" } });
    const [direct] = await ownerDb().$queryRaw<Array<{ n: number; c: number; f: number; oot: number }>>`
      SELECT count(*)::int AS n, coalesce(sum(copies), 0)::int AS c, coalesce(sum("feeTotal"), 0)::int AS f, count(*) FILTER (WHERE "outOfTown")::int AS oot
      FROM "Issuance" WHERE "municipalityId" = ${m.id}::uuid AND status = 'printed'
        AND "completedAt" >= ${new Date("2026-11-01T00:00:00+09:00")} AND "completedAt" < ${new Date("2026-12-01T00:00:00+09:00")}`;
    expect(stats.totals).toEqual({ count: direct.n, copies: direct.c, feeTotal: direct.f });
    expect(stats.byResidence.find((r) => r.key === "out-of-town")!.count).toBe(direct.oot);
    const sum = (rows: Array<{ count: number }>) => rows.reduce((a, r) => a + r.count, 0);
    for (const rows of [stats.byType, stats.byChain, stats.byDay, stats.byHour, stats.byWeekday, stats.byResidence, stats.byFee]) expect(sum(rows)).toBe(direct.n);
    expect(stats.byDay).toHaveLength(30);
    expect(stats.byHour).toHaveLength(24);
    // October's evening issuances are the previous month's.
    const [oct] = await ownerDb().$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "Issuance" WHERE "municipalityId" = ${m.id}::uuid AND status = 'printed' AND "completedAt" < ${new Date("2026-11-01T00:00:00+09:00")}`;
    expect(stats.previousMonth.count).toBe(oct.n);
  });

  it("never counts cancelled or failed issuances", async () => {
    const m = await createServedMunicipality();
    const { card, api } = await createUsageFixture(m.id);
    const at = new Date("2026-11-10T10:15:00+09:00");
    for (const outcome of ["cancelled", "failed"] as const) {
      const iss = await createRenderedIssuance({ municipalityId: m.id, cardCertificateId: card.id, apiClientId: api.client.id, copies: 2 });
      await completeIssuance({ ctx: api.ctx, issuanceId: iss.id, input: { outcome } as never, now: at });
    }
    expect(await ownerDb().usageHourly.count({ where: { municipalityId: m.id } })).toBe(0);
    expect(await ownerDb().usageDaily.count({ where: { municipalityId: m.id } })).toBe(0);
    const printed = await createRenderedIssuance({ municipalityId: m.id, cardCertificateId: card.id, apiClientId: api.client.id, copies: 2 });
    await completeIssuance({ ctx: api.ctx, issuanceId: printed.id, input: { outcome: "printed" } as never, now: at });
    // A repeated completion report is answered again but not counted twice.
    await completeIssuance({ ctx: api.ctx, issuanceId: printed.id, input: { outcome: "printed" } as never, now: at });
    const stats = await getUsageStatistics({ ctx: await staffCtx(m.id), input: { month: "2026-11" } });
    expect(stats.totals).toEqual({ count: 1, copies: 2, feeTotal: 400 });
    expect(stats.byHour[10].count).toBe(1);
    expect(stats.byWeekday[2]).toMatchObject({ label: "火曜日", count: 1 }); // 2026-11-10 is a Tuesday
  });

  it("splits a fee change in the middle of the month into two rows", async () => {
    const m = await createServedMunicipality();
    const { card, api } = await createUsageFixture(m.id);
    const days = [
      ["2026-11-14T16:00:00+09:00", 300],
      ["2026-11-15T09:00:00+09:00", 350],
      ["2026-11-15T09:30:00+09:00", 350],
    ] as const;
    for (const [at, fee] of days) {
      const iss = await createRenderedIssuance({ municipalityId: m.id, cardCertificateId: card.id, apiClientId: api.client.id, certificateType: "seal", feePerCopy: fee, copies: 1 });
      await completeIssuance({ ctx: api.ctx, issuanceId: iss.id, input: { outcome: "printed" } as never, now: new Date(at) });
    }
    const stats = await getUsageStatistics({ ctx: await staffCtx(m.id), input: { month: "2026-11" } });
    expect(stats.byFee.filter((r) => r.key.startsWith("seal:"))).toEqual([
      { key: "seal:300", label: "印鑑登録証明書", feePerCopy: 300, count: 1, copies: 1, feeTotal: 300 },
      { key: "seal:350", label: "印鑑登録証明書", feePerCopy: 350, count: 2, copies: 2, feeTotal: 700 },
    ]);
    expect(stats.byType).toEqual([{ key: "seal", label: "印鑑登録証明書", count: 3, copies: 3, feeTotal: 1000 }]);
  });

  it("rebuilds a damaged month from the issuances and leaves other months and municipalities alone", async () => {
    const a = await createServedMunicipality();
    const b = await createServedMunicipality();
    await randomIssuances(a.id, 60, 7);
    await randomIssuances(b.id, 30, 8);
    const before = Object.fromEntries(await rolledHourly(a.id));
    const beforeDaily = Object.fromEntries(await rolledDaily(a.id));
    const otherBefore = Object.fromEntries(await rolledHourly(b.id));
    // Damage: a lost row, an inflated row, a phantom row.
    const db = ownerDb();
    const some = await db.usageHourly.findFirstOrThrow({ where: { municipalityId: a.id, day: { gte: new Date("2026-11-01"), lt: new Date("2026-12-01") } } });
    const { count: _c, copies: _p, feeTotal: _f, ...key } = some;
    await db.usageHourly.delete({ where: { municipalityId_day_hour_certificateType_storeChain_outOfTown_feePerCopy: key } });
    await db.$executeRaw`UPDATE "UsageDaily" SET "count" = "count" + 5 WHERE "municipalityId" = ${a.id}::uuid AND "day" >= '2026-11-01'`;
    await db.usageHourly.create({ data: { municipalityId: a.id, day: new Date("2026-11-02"), hour: 3, certificateType: "seal", storeChain: "ghost", outOfTown: false, feePerCopy: 1, count: 9, copies: 9, feeTotal: 9 } });
    // October is not rebuilt: corrupt it to prove the rebuild stays inside its month.
    await db.$executeRaw`UPDATE "UsageHourly" SET "count" = "count" + 100 WHERE "municipalityId" = ${a.id}::uuid AND "day" < '2026-11-01'`;

    const result = await rebuildUsageRollups({ ctx: systemContext("rollup-rebuild", a.id), input: { month: "2026-11" } });
    expect(result.hourlyRows).toBeGreaterThan(0);
    const after = Object.fromEntries(await rolledHourly(a.id));
    const expected = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, k < "2026-11" ? [v[0] + 100, v[1], v[2]] : v]));
    expect(after).toEqual(expected);
    expect(Object.fromEntries(await rolledDaily(a.id))).toEqual(beforeDaily);
    expect(Object.fromEntries(await rolledHourly(b.id))).toEqual(otherBefore);

    // Staff other than the operator may not rebuild.
    await expect(rebuildUsageRollups({ ctx: await staffCtx(a.id), input: { month: "2026-11" } })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("keeps municipalities apart; the operator sees every municipality and compares them", async () => {
    const a = await createServedMunicipality();
    const b = await createServedMunicipality();
    for (const [m, n] of [[a, 2], [b, 3]] as const) {
      const { card, api } = await createUsageFixture(m.id);
      for (let i = 0; i < n; i++) {
        const iss = await createRenderedIssuance({ municipalityId: m.id, cardCertificateId: card.id, apiClientId: api.client.id });
        await completeIssuance({ ctx: api.ctx, issuanceId: iss.id, input: { outcome: "printed" } as never, now: new Date("2026-11-20T12:00:00+09:00") });
      }
    }
    const clerkA = await staffCtx(a.id, "clerk");
    expect((await getUsageStatistics({ ctx: clerkA, input: { month: "2026-11" } })).totals.count).toBe(2);
    await expect(getUsageStatistics({ ctx: clerkA, input: { month: "2026-11", municipalityId: b.id } })).rejects.toMatchObject({ code: "forbidden" });

    const op = await staffCtx(null);
    const one = await getUsageStatistics({ ctx: op, input: { month: "2026-11", municipalityId: b.id } });
    expect(one.totals.count).toBe(3);
    expect(one.comparison).toBeNull();
    const all = await getUsageStatistics({ ctx: op, input: { month: "2026-11" } });
    expect(all.municipality).toBeNull();
    const rows = new Map(all.comparison!.map((c) => [c.municipality.id, c.totals.count]));
    expect(rows.get(a.id)).toBe(2);
    expect(rows.get(b.id)).toBe(3);
    expect(all.totals.count).toBeGreaterThanOrEqual(5);
  });

  it("counts out-of-town use by the terminal's location when the centre sends it, else by the requester's residence", async () => {
    const m = await createServedMunicipality();
    const { card } = await createCardholder(m.id);
    const { ctx } = await createApiClient();
    const terminals = [
      { storeChain: "lawson", storeCode: "0001", terminalId: "T1", municipalityCode: "011002" }, // a store in another city
      { storeChain: "lawson", storeCode: "0002", terminalId: "T1", municipalityCode: m.code }, // a store in town
      { storeChain: "lawson", storeCode: "0003", terminalId: "T1" }, // location not sent: the resident is local
    ];
    const ids: string[] = [];
    for (const [i, terminal] of terminals.entries()) {
      const { response } = await issueCertificate({ ctx, input: ZIssueRequest.parse({ ...issueBody(m.code, card), terminal }), idempotencyKey: `loc-key-${i}`, now: OPEN_AT });
      await completeIssuance({ ctx, issuanceId: response.issuanceId, input: { outcome: "printed" } as never, now: OPEN_AT });
      ids.push(response.issuanceId);
    }
    const rows = await ownerDb().issuance.findMany({ where: { id: { in: ids } }, select: { storeCode: true, terminalMunicipalityCode: true, outOfTown: true }, orderBy: { storeCode: "asc" } });
    expect(rows).toEqual([
      { storeCode: "0001", terminalMunicipalityCode: "011002", outOfTown: true },
      { storeCode: "0002", terminalMunicipalityCode: m.code, outOfTown: false },
      { storeCode: "0003", terminalMunicipalityCode: null, outOfTown: false },
    ]);
    const stats = await getUsageStatistics({ ctx: await staffCtx(m.id), input: { month: "2026-11" } });
    expect(stats.byResidence.map((r) => [r.key, r.count])).toEqual([
      ["resident", 2],
      ["out-of-town", 1],
    ]);
  });
});
