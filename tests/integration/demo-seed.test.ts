// The demo seed itself: idempotent, and no 個人番号 in plaintext anywhere in the database (the same data a
// pg_dump would contain: every row of every table, as text).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptField, FieldContext } from "@/server/crypto/field-encryption";
import { ownerDb } from "@/tests/setup/owner-db";
import { isValidMyNumber } from "@/lib/my-number";
import { seedDemoData } from "@/prisma/seed";
import { DEMO_TOTP_SECRETS, staffPlans } from "@/prisma/seed-data/service-config";
import { verifyMfa } from "@/server/staff/verify-mfa";
import { demoCode } from "@/scripts/lib/demo-code";
import { buildPlan } from "@/prisma/seed-data/plan";
import { buildIssuanceHistory } from "@/prisma/seed-data/history";
import { HISTORY_CLIENT } from "@/prisma/seed-data/history-writer";
import { formatIssuanceNo, allocateIssuanceNo } from "@/server/issuance/issuance-number";
import { getUsageStatistics } from "@/server/stats/get-usage-statistics";
import { getDashboardSummary } from "@/server/dashboard/get-dashboard-summary";
import { getSettlement } from "@/server/settlement/get-settlement";
import { withTenant } from "@/server/db/tenant";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { systemContext, type RequestContext } from "@/server/context";
import { jstDateString } from "@/lib/jst";
import crypto from "node:crypto";

/** The seed's clock: 12:00 JST on Monday 2026-12-07 (the history runs 2025-12-01 … 2026-12-06). */
const NOW = new Date("2026-12-07T03:00:00Z");

async function tableCounts() {
  const db = ownerDb();
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name::text AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = n;
  }
  return counts;
}

describe("demo seed", () => {
  beforeAll(async () => {
    const first = await seedDemoData(ownerDb(), (line) => console.log(line), { now: NOW });
    expect(first.created).toBe(true);
  }, 120_000);
  afterAll(closeRenderPool);

  it("holds the three municipalities, ≥ 200 residents and staff for every role", async () => {
    const db = ownerDb();
    const codes = (await db.municipality.findMany({ select: { code: true }, orderBy: { code: "asc" } })).map((m) => m.code);
    expect(codes).toEqual(["131121", "202029", "205419"]);
    expect(await db.resident.count()).toBeGreaterThanOrEqual(200);
    const roles = new Set((await db.staffUser.findMany({ select: { role: true } })).map((u) => u.role));
    expect([...roles].sort()).toEqual(["auditor", "clerk", "municipal_admin", "operator"]);
  });

  it("enrols every demo account's TOTP with its published secret, stored encrypted", async () => {
    const users = await ownerDb().staffUser.findMany({ select: { loginId: true, mfaSecretCipher: true, mfaEnrolledAt: true, lastTotpStep: true } });
    expect(users.map((u) => u.loginId).sort()).toEqual(staffPlans().map((s) => s.loginId).sort());
    for (const u of users) {
      expect(u.mfaEnrolledAt, u.loginId).not.toBeNull();
      expect(u.lastTotpStep, u.loginId).toBeNull();
      expect(u.mfaSecretCipher, u.loginId).not.toContain(DEMO_TOTP_SECRETS[u.loginId]);
      expect(decryptField(u.mfaSecretCipher!, FieldContext.mfaSecret), u.loginId).toBe(DEMO_TOTP_SECRETS[u.loginId]);
    }
  });

  it("accepts the code `npm run demo:code` gives for a seeded account at the sign-in's MFA step, and only for that account", async () => {
    const now = new Date("2026-12-07T12:00:10+09:00");
    const users = await ownerDb().staffUser.findMany({ select: { id: true, loginId: true, role: true, municipalityId: true } });
    const ctxOf = (u: (typeof users)[number]): RequestContext => ({
      actor: { type: "staff", id: u.id, role: u.role, municipalityId: u.municipalityId },
      municipalityId: u.municipalityId,
      requestId: crypto.randomUUID(),
    });
    const admin = users.find((u) => u.loginId === "setagaya-admin")!;
    const clerk = users.find((u) => u.loginId === "setagaya-clerk")!;
    // Another account's code is refused.
    await expect(verifyMfa({ ctx: ctxOf(clerk), input: { code: demoCode("setagaya-admin", now.getTime())!.code }, now })).rejects.toMatchObject({ code: "invalid_code" });
    for (const u of users) {
      await expect(verifyMfa({ ctx: ctxOf(u), input: { code: demoCode(u.loginId, now.getTime())!.code }, now }), u.loginId).resolves.toBeUndefined();
    }
    expect(await ownerDb().auditEvent.count({ where: { action: "staff.mfa_passed", targetId: admin.id } })).toBe(1);
  });

  it("gives the simulator's API client only what the kiosk simulator and scripts/kiosk call: no imports", async () => {
    const client = await ownerDb().apiClient.findUniqueOrThrow({ where: { keyId: "demo-simulator" } });
    expect(client.scopes).toEqual(["kiosk_issuance", "koseki_intake"]);
  });

  it("gives every 稼働中 municipality a 公印 PNG (none is served without one)", async () => {
    const active = await ownerDb().municipality.findMany({ where: { status: "active" }, select: { code: true, sealImage: true, sealImageMime: true } });
    expect(active.length).toBeGreaterThan(0);
    for (const m of active) {
      expect(m.sealImageMime, m.code).toBe("image/png");
      expect(Buffer.from(m.sealImage ?? []).subarray(0, 8).toString("hex"), m.code).toBe("89504e470d0a1a0a");
    }
  });

  it("holds 利用登録 examples the queue and the status page can use: an overdue one, a web pre-registration, a sent notice", async () => {
    const db = ownerDb();
    const byReceipt = Object.fromEntries((await db.kosekiRegistration.findMany({ include: { notices: true } })).map((r) => [r.receiptNo, r]));
    expect(Object.keys(byReceipt).sort()).toEqual(["RDEM-2025-0004", "RDEM-2026-0001", "RDEM-2026-0002", "RDEM-2026-0003", "RDEM-2026-0005"]);
    expect(byReceipt["RDEM-2026-0002"].dueOn.getTime()).toBeLessThan(NOW.getTime() - 86_400_000);
    expect(byReceipt["RDEM-2026-0005"]).toMatchObject({ source: "web", status: "pending", cardSerial: null });
    expect(decryptField(byReceipt["RDEM-2026-0005"].emailCipher!, FieldContext.registrationEmail)).toBe("demo-applicant-3@example.jp");
    expect(byReceipt["RDEM-2026-0003"].notices).toEqual([expect.objectContaining({ kind: "registration_rejected", status: "sent" })]);
  });

  it("holds refusals of the documented refusal cards before the seed day, each bound to the card's holder", async () => {
    const db = ownerDb();
    const rows = await db.refusal.findMany({ include: { resident: { select: { id: true, cardCertificates: { select: { serial: true } } } } } });
    expect(rows.length).toBe(14);
    expect(rows.every((r) => r.refusedAt < new Date("2026-12-07T00:00:00+09:00") && r.refusedAt >= new Date("2026-11-30T00:00:00+09:00"))).toBe(true);
    const smRows = rows.filter((r) => r.reason === "resident_support_measure");
    expect(smRows.map((r) => r.source).sort()).toEqual(["eligibility", "issuance"]);
    expect(smRows.every((r) => r.resident?.cardCertificates.some((c) => c.serial === "JPKI-131121-900001"))).toBe(true);
    expect(rows.filter((r) => r.residentId === null).map((r) => r.reason)).toEqual(["card_unknown"]);
  });

  it("links the 附票 case's husband and wife to one 世田谷区 戸籍, she under a 支援措置 and flagged on her 附票", async () => {
    const db = ownerDb();
    const card = (serial: string) => db.cardCertificate.findFirstOrThrow({ where: { issuer: "JPKI", serial }, include: { resident: { include: { supportMeasures: true } } } });
    const he = (await card("JPKI-131121-900015")).resident;
    const she = (await card("JPKI-131121-900016")).resident;
    expect([he.familyName, he.givenName, she.familyName, she.givenName]).toEqual(["桐山", "修平", "桐山", "美咲"]);
    expect(she.householdId).not.toBe(he.householdId);
    expect(he.supportMeasures).toEqual([]);
    expect(she.supportMeasures).toEqual([expect.objectContaining({ endsOn: null, municipalityId: she.municipalityId })]);

    const members = await db.kosekiMember.findMany({ where: { residentId: { in: [he.id, she.id] } }, include: { kosekiRecord: { include: { municipality: true } }, fuhyoEntries: { orderBy: { position: "asc" } } } });
    expect(members).toHaveLength(2);
    expect(new Set(members.map((m) => m.kosekiRecordId)).size).toBe(1);
    const record = members[0].kosekiRecord;
    expect(record).toMatchObject({ kind: "current", honseki: "東京都世田谷区上馬四丁目21番地", pendingFiling: false, municipality: { code: "131121" } });
    expect(await db.kosekiMember.count({ where: { kosekiRecordId: record.id } })).toBe(2);
    const hers = members.find((m) => m.residentId === she.id)!;
    const his = members.find((m) => m.residentId === he.id)!;
    expect(hers.fuhyoEntries.map((f) => f.supportMeasure)).toEqual([false, false, true]);
    expect(his.fuhyoEntries.some((f) => f.supportMeasure)).toBe(false);
    expect(await db.fuhyoEntry.count({ where: { supportMeasure: true } })).toBe(1);
  });

  it("is idempotent: a second run writes nothing", async () => {
    const before = await tableCounts();
    const second = await seedDemoData(ownerDb(), () => {});
    expect(second.created).toBe(false);
    expect(await tableCounts()).toEqual(before);
  }, 120_000);

  it("stores no 個人番号 in plaintext in any table", async () => {
    const db = ownerDb();
    const residents = await db.resident.findMany({ where: { myNumberCipher: { not: null } }, select: { myNumberCipher: true } });
    expect(residents.length).toBeGreaterThanOrEqual(200);
    const plain = residents.map((r) => decryptField(r.myNumberCipher!, FieldContext.myNumber));
    expect(plain.every(isValidMyNumber)).toBe(true);

    const tables = Object.keys(await tableCounts());
    let dump = "";
    for (const t of tables) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${t}" t`);
      dump += rows.map((r) => r.row).join("\n");
    }
    expect(dump.length).toBeGreaterThan(10_000);
    const leaked = plain.filter((n) => dump.includes(n));
    expect(leaked).toEqual([]);
  });

  describe("issuance history", () => {
    const db = () => ownerDb();
    const HISTORY = `"apiClientId" = (SELECT id FROM "ApiClient" WHERE "keyId" = '${HISTORY_CLIENT.keyId}')`;
    const jst = (col: string) => `("${col}" + interval '9 hours')`;
    const staff = async (loginId: string): Promise<RequestContext> => {
      const u = await db().staffUser.findUniqueOrThrow({ where: { loginId } });
      return { actor: { type: "staff", id: u.id, role: u.role, municipalityId: u.municipalityId }, municipalityId: u.municipalityId, requestId: "t" };
    };
    const q = <T>(sql: string) => db().$queryRawUnsafe<T[]>(sql);

    it("is the same set at the same clock: (発行番号, type, completion) from a second build equal the rows written", async () => {
      const again = buildIssuanceHistory(buildPlan(jstDateString(NOW)));
      const codes = Object.fromEntries((await db().municipality.findMany()).map((m) => [m.id, m.code]));
      const digest = (rows: Array<[string, string, Date]>) =>
        crypto.createHash("sha256").update(rows.map(([no, t, at]) => `${no}|${t}|${at.toISOString()}`).sort().join("\n")).digest("hex");
      const written = await db().issuance.findMany({ where: { apiClient: { keyId: HISTORY_CLIENT.keyId } }, select: { issuanceNo: true, certificateType: true, completedAt: true, municipalityId: true } });
      expect(written.length).toBe(again.issuances.length);
      expect(written.length).toBeGreaterThan(10_000);
      // A fresh database's sequence starts at 1: the numbers are 1…n in the order of issue.
      const { MUNICIPALITIES } = await import("@/prisma/seed-data/places");
      const expected = again.issuances.map((x, i): [string, string, Date] => [formatIssuanceNo(MUNICIPALITIES[x.muni].code, x.renderedAt, BigInt(i + 1)), x.certificateType, x.completedAt]);
      expect(digest(written.map((w) => [w.issuanceNo, w.certificateType, w.completedAt!]))).toBe(digest(expected));
      expect(new Set(written.map((w) => codes[w.municipalityId])).size).toBe(3);
    });

    it("is marked: the revoked client 「デモ履歴（合成データ）」, a DEMO-HIST transaction id, no 照合番号, the PDF deleted", async () => {
      const client = await db().apiClient.findUniqueOrThrow({ where: { keyId: HISTORY_CLIENT.keyId } });
      expect(client).toMatchObject({ name: "デモ履歴（合成データ）", status: "revoked", scopes: [] });
      const [bad] = await q<{ n: number }>(`
        SELECT count(*)::int AS n FROM "Issuance" WHERE ${HISTORY} AND NOT ("centreTransactionId" LIKE 'DEMO-HIST-%' AND "verificationCodeHash" IS NULL
          AND pdf IS NULL AND "pdfDeletedAt" = "completedAt" AND status IN ('printed', 'cancelled') AND "completedAt" > "renderedAt")`);
      expect(bad.n).toBe(0);
      expect(await db().issuance.count({ where: { apiClientId: { not: client.id } } })).toBe(0);
    });

    it("lies between 6:30 and 23:00 JST, never on 12/29–1/3, and ends yesterday", async () => {
      const [r] = await q<{ outside: number; yearEnd: number; first: string; last: string }>(`
        SELECT count(*) FILTER (WHERE ${jst("renderedAt")}::time < '06:30' OR ${jst("completedAt")}::time >= '23:00' OR ${jst("completedAt")}::date <> ${jst("renderedAt")}::date)::int AS outside,
               count(*) FILTER (WHERE to_char(${jst("renderedAt")}, 'MM-DD') >= '12-29' OR to_char(${jst("renderedAt")}, 'MM-DD') <= '01-03')::int AS "yearEnd",
               to_char(min(${jst("renderedAt")}), 'YYYY-MM-DD') AS first, to_char(max(${jst("completedAt")}), 'YYYY-MM-DD') AS last
        FROM "Issuance" WHERE ${HISTORY}`);
      expect(r).toEqual({ outside: 0, yearEnd: 0, first: "2025-12-01", last: "2026-12-06" });
    });

    it("has past planned stops with nothing issued inside their windows (戸籍 types only, for a 戸籍 stop)", async () => {
      const stops = await db().serviceStop.findMany({ where: { endsAt: { lt: NOW } } });
      expect(new Set(stops.map((s) => s.municipalityId)).size).toBe(3);
      const [r] = await q<{ n: number }>(`
        SELECT count(*)::int AS n FROM "Issuance" i JOIN "ServiceStop" s ON s."municipalityId" = i."municipalityId"
        WHERE ${HISTORY.replace('"apiClientId"', 'i."apiClientId"')} AND i."renderedAt" < s."endsAt" AND i."completedAt" > s."startsAt"
          AND (s.scope = 'all' OR (s.scope = 'koseki' AND i."certificateType" IN ('koseki_full', 'koseki_individual', 'koseki_fuhyo')))`);
      expect(r.n).toBe(0);
    });

    it("has the shape of real use: 住民票 first, weekday and month-end peaks, a daytime curve, 世田谷区 largest, some cancellations", async () => {
      const byType = await q<{ code: string; t: string; n: number }>(`
        SELECT m.code, i."certificateType"::text AS t, count(*)::int AS n FROM "Issuance" i JOIN "Municipality" m ON m.id = i."municipalityId"
        WHERE ${HISTORY.replace('"apiClientId"', 'i."apiClientId"')} GROUP BY 1, 2 ORDER BY 1, 3 DESC`);
      for (const code of ["131121", "202029", "205419"]) expect(byType.find((r) => r.code === code)?.t, code).toBe("residence");
      const total = (code: string) => byType.filter((r) => r.code === code).reduce((a, r) => a + r.n, 0);
      expect(total("131121")).toBeGreaterThan(total("202029"));
      expect(total("202029")).toBeGreaterThan(total("205419"));
      const ofType = (t: string) => byType.filter((r) => r.t === t).reduce((a, r) => a + r.n, 0);
      expect(ofType("seal")).toBeGreaterThan(ofType("koseki_full"));

      const [shape] = await q<{ weekday: number; sunday: number; monthEnd: number; midMonth: number; peakHour: number; cancelled: number; all: number }>(`
        WITH d AS (SELECT ${jst("completedAt")}::date AS day, count(*) AS n FROM "Issuance" WHERE ${HISTORY} AND "municipalityId" = (SELECT id FROM "Municipality" WHERE code = '131121') GROUP BY 1)
        SELECT (SELECT avg(n) FROM d WHERE extract(isodow FROM day) BETWEEN 1 AND 5)::float AS weekday,
               (SELECT avg(n) FROM d WHERE extract(isodow FROM day) = 7)::float AS sunday,
               (SELECT avg(n) FROM d WHERE day + 3 > (date_trunc('month', day) + interval '1 month')::date AND extract(isodow FROM day) BETWEEN 1 AND 5)::float AS "monthEnd",
               (SELECT avg(n) FROM d WHERE extract(day FROM day) BETWEEN 10 AND 20 AND extract(isodow FROM day) BETWEEN 1 AND 5)::float AS "midMonth",
               (SELECT extract(hour FROM ${jst("completedAt")})::int FROM "Issuance" WHERE ${HISTORY} GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS "peakHour",
               (SELECT count(*) FROM "Issuance" WHERE ${HISTORY} AND status = 'cancelled')::int AS cancelled,
               (SELECT count(*) FROM "Issuance" WHERE ${HISTORY})::int AS "all"`);
      expect(shape.weekday).toBeGreaterThan(1.5 * shape.sunday);
      expect(shape.monthEnd).toBeGreaterThan(1.15 * shape.midMonth);
      expect(shape.peakHour).toBeGreaterThanOrEqual(10);
      expect(shape.peakHour).toBeLessThanOrEqual(19);
      expect(shape.cancelled / shape.all).toBeGreaterThan(0.01);
      expect(shape.cancelled / shape.all).toBeLessThan(0.05);

      const chains = await q<{ c: string }>(`SELECT "storeChain" AS c FROM "Issuance" WHERE ${HISTORY} GROUP BY 1 ORDER BY count(*) DESC`);
      expect(chains[0].c).toBe("seven-eleven");
      expect(chains.map((r) => r.c)).toEqual(expect.arrayContaining(["lawson", "familymart"]));
    });

    it("charges the fee in force that day and gives 本籍地 戸籍 to 世田谷区 residents in 松本市 and 小布施町", async () => {
      const [fees] = await q<{ wrong: number }>(`
        SELECT count(*)::int AS wrong FROM "Issuance" i WHERE ${HISTORY.replace('"apiClientId"', 'i."apiClientId"')} AND ("feeTotal" <> "feePerCopy" * copies OR "feePerCopy" <> (
          SELECT f.amount FROM "Fee" f WHERE f."municipalityId" = i."municipalityId" AND f."certificateType" = i."certificateType"
            AND f."effectiveFrom" <= i."renderedAt" AND (f."effectiveUntil" IS NULL OR i."renderedAt" < f."effectiveUntil")
          ORDER BY (f.kind = 'campaign') DESC, f."effectiveFrom" DESC LIMIT 1))`);
      expect(fees.wrong).toBe(0);
      const honseki = await q<{ code: string; n: number; fromSetagaya: number; outOfTown: number; noRequester: number }>(`
        SELECT m.code, count(*)::int AS n, count(*) FILTER (WHERE cm.code = '131121')::int AS "fromSetagaya",
               count(*) FILTER (WHERE i."outOfTown")::int AS "outOfTown", count(*) FILTER (WHERE i."requesterResidentId" IS NULL)::int AS "noRequester"
        FROM "Issuance" i JOIN "Municipality" m ON m.id = i."municipalityId" JOIN "CardCertificate" c ON c.id = i."cardCertificateId" JOIN "Municipality" cm ON cm.id = c."municipalityId"
        WHERE ${HISTORY.replace('"apiClientId"', 'i."apiClientId"')} AND i.purpose = 'honseki' GROUP BY 1 ORDER BY 1`);
      expect(honseki.map((h) => h.code)).toEqual(["202029", "205419"]);
      for (const h of honseki) expect(h, h.code).toEqual({ code: h.code, n: h.n, fromSetagaya: h.n, outOfTown: h.n, noRequester: h.n });
      // The 発行番号 sequence is shared: the next real issuance follows the history.
      const next = await withTenant(systemContext("t"), (tx) => allocateIssuanceNo(tx, "131121", NOW));
      const [max] = await q<{ n: string }>(`SELECT max(split_part("issuanceNo", '-', 3)::bigint)::text AS n FROM "Issuance"`);
      expect(BigInt(next.split("-")[2])).toBeGreaterThan(BigInt(max.n));
    });

    it("has rollups equal to a rebuild from the issuances (printed only, by the JST hour of completion)", async () => {
      const fromIssuances = await q<Record<string, unknown>>(`
        SELECT "municipalityId", to_char(${jst("completedAt")}, 'YYYY-MM-DD') AS day, extract(hour FROM ${jst("completedAt")})::int AS hour, "certificateType"::text AS t,
               "storeChain", "outOfTown", "feePerCopy", count(*)::int AS count, sum(copies)::int AS copies, sum("feeTotal")::int AS "feeTotal"
        FROM "Issuance" WHERE status = 'printed' GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`);
      const hourly = await q<Record<string, unknown>>(`
        SELECT "municipalityId", to_char(day, 'YYYY-MM-DD') AS day, hour::int AS hour, "certificateType"::text AS t, "storeChain", "outOfTown", "feePerCopy", count, copies, "feeTotal"
        FROM "UsageHourly" ORDER BY 1, 2, 3, 4, 5, 6, 7`);
      expect(hourly.length).toBeGreaterThan(1000);
      expect(hourly).toEqual(fromIssuances);
      const [daily] = await q<{ a: string; b: string }>(`
        SELECT (SELECT sum(count)::text FROM "UsageDaily") AS a, (SELECT count(*)::text FROM "Issuance" WHERE status = 'printed') AS b`);
      expect(daily.a).toBe(daily.b);
    });

    it("has the scheduled monthly report of each of the 12 finished months for every municipality", async () => {
      const reports = await db().monthlyReport.findMany({ select: { month: true, trigger: true, generatedByName: true, pdf: true, municipalityId: true } });
      const months = [...new Set(reports.map((r) => r.month))].sort();
      expect(months).toEqual(["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
      expect(reports).toHaveLength(36);
      for (const r of reports) {
        expect(r.trigger).toBe("scheduled");
        expect(r.generatedByName).toBe("自動作成");
        expect(Buffer.from(r.pdf).subarray(0, 5).toString()).toBe("%PDF-");
      }
    });

    it("shows non-zero statistics, settlement and dashboard for last month and yesterday", async () => {
      const clerk = await staff("setagaya-clerk");
      const stats = await getUsageStatistics({ ctx: clerk, input: { month: "2026-11" } });
      expect(stats.totals.count).toBeGreaterThan(500);
      expect(stats.previousMonth.count).toBeGreaterThan(0);
      expect(stats.byType[0].key).toBe("residence");
      expect(stats.byHour.slice(0, 6).every((h) => h.count === 0)).toBe(true);
      expect(stats.byHour[23].count).toBe(0);
      expect(stats.byResidence[1].count).toBeGreaterThan(0);
      const operator = await staff("operator");
      const all = await getUsageStatistics({ ctx: operator, input: { month: "2026-11" } });
      expect(all.comparison!.every((c) => c.totals.count > 0)).toBe(true);
      const settlement = await getSettlement({ ctx: clerk, input: { month: "2026-11" } });
      expect(settlement.totals.commission).toBeGreaterThan(0);
      expect(settlement.kioskShare).toBeGreaterThan(0.15);
      expect(settlement.kioskShare).toBeLessThan(0.3);
      const yesterday = new Date(NOW.getTime() - 86_400_000);
      const dashboard = await getDashboardSummary({ ctx: clerk, now: yesterday });
      expect(dashboard.scope === "municipality" && dashboard.counts.printedIssuancesToday).toBeGreaterThan(0);
    });
  });
});
