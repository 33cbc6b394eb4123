// The promise, checked after every fault scenario from outside: by replaying keys over HTTP and by queries on
// the database as its superuser (every tenant's rows). Each failed check is one line in the returned list.
import crypto from "node:crypto";
import pg from "pg";
import { checkPdf } from "../../scripts/kiosk/pdf-checks";
import { verifyAuditChain } from "../../server/audit/verify-audit-chain";
import { createDb } from "../../server/db";
import { client, complete, send, type Attempt, type Person } from "./load";

export type InvariantReport = { failures: string[]; retried: number; replayed: number; pdfsChecked: number; chainsVerified: number; issuances: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A request that got no answer (or a retryable error) is sent again with its key until it gets a final one. */
async function settle(attempt: Attempt, baseUrl: string): Promise<Attempt> {
  for (let i = 0; i < 30; i++) {
    const again = await send(baseUrl, attempt.key, attempt.body, attempt.person, attempt.names);
    const retryable = again.outcome === "no_answer" || again.outcome === "failed" || again.code === "idempotency_key_in_progress";
    if (!retryable) return again;
    await sleep(Math.min(5, Number(again.retryAfter ?? 1)) * 1000);
  }
  return { ...attempt, outcome: "no_answer" };
}

export async function checkInvariants(opts: { baseUrl: string; ownerUrl: string; attempts: Attempt[]; crowd: Person[]; checkPdfs?: boolean }): Promise<InvariantReport> {
  const failures: string[] = [];
  const fail = (s: string) => failures.push(s);
  const { attempts } = opts;
  // 1. Unanswered and failed requests, retried with their keys.
  const finals = new Map<string, Attempt>();
  let retried = 0;
  // A key's final answer: an issuance if any request with it got one, else a refusal that is not "in progress".
  for (const a of attempts) if (a.outcome === "answered" && !finals.has(a.key)) finals.set(a.key, a);
  for (const a of attempts) if (a.outcome === "refused" && a.code !== "idempotency_key_in_progress" && !finals.has(a.key)) finals.set(a.key, a);
  for (const a of attempts) {
    if (finals.has(a.key)) continue;
    retried++;
    const s = await settle(a, opts.baseUrl);
    if (s.outcome === "no_answer" || s.outcome === "failed") fail(`key ${a.key}: still no final answer after 30 retries (${s.status ?? "no answer"} ${s.code ?? ""})`);
    finals.set(a.key, s);
  }
  // 2. Every answered key replays: the same bytes while open, 410 with the same issuance once completed.
  let replayed = 0;
  for (const a of attempts.filter((x) => x.outcome === "answered")) {
    if (a.completion && !a.completion.answered) await complete(a, a.completion.outcome);
    if (a.completion && !a.completion.answered) fail(`issuance ${a.issuanceNo}: the completion was never answered (${a.completion.status ?? "no answer"})`);
    const r = await client(opts.baseUrl).post<{ issuanceId?: string; pdf?: string; code?: string }>("/issuances", a.body, { idempotencyKey: a.key });
    replayed++;
    if (a.completion?.answered) {
      if (r.status !== 410 || r.body?.issuanceId !== a.issuanceId) fail(`issuance ${a.issuanceNo}: replay after completion answered ${r.status} ${r.body?.code ?? ""} for ${r.body?.issuanceId}`);
    } else if (r.status !== 200 || r.body?.issuanceId !== a.issuanceId || !Buffer.from(r.body.pdf ?? "", "base64").equals(a.pdf!)) {
      fail(`issuance ${a.issuanceNo}: replay of its key did not return the same bytes (${r.status} ${r.body?.code ?? ""})`);
    }
  }
  // 3. The database, as its superuser.
  const db = new pg.Client({ connectionString: opts.ownerUrl });
  await db.connect();
  let chainsVerified = 0;
  let issuances = 0;
  try {
    const { rows } = await db.query<{ id: string; issuanceNo: string; pdfSha256: string; idempotencyKey: string; status: string; completedAt: Date | null }>(
      `SELECT id, "issuanceNo", "pdfSha256", "idempotencyKey", status::text, "completedAt" FROM "Issuance" WHERE "storeChain" = 'fault-harness'`,
    );
    issuances = rows.length;
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) byKey.set(r.idempotencyKey, [...(byKey.get(r.idempotencyKey) ?? []), r]);
    for (const a of attempts.filter((x) => x.outcome === "answered")) {
      const row = rows.find((r) => r.id === a.issuanceId);
      if (!row) fail(`issuance ${a.issuanceNo} was answered but is not recorded`);
      else if (row.issuanceNo !== a.issuanceNo || row.pdfSha256 !== a.pdfSha256 || row.idempotencyKey !== a.key) fail(`issuance ${a.issuanceNo}: the record differs from the answer`);
    }
    for (const [key, final] of finals) {
      const recorded = byKey.get(key) ?? [];
      if (recorded.length > 1) fail(`key ${key}: ${recorded.length} issuances`);
      if (final.outcome === "answered" && recorded[0]?.id !== final.issuanceId) fail(`key ${key}: answered ${final.issuanceNo} but recorded ${recorded[0]?.issuanceNo ?? "nothing"}`);
      if (final.outcome === "refused" && final.code !== "pdf_no_longer_available" && recorded.length) fail(`key ${key}: refused (${final.code}) yet an issuance is recorded`);
    }
    for (const r of rows) if (r.status === "printed" && !r.completedAt) fail(`issuance ${r.issuanceNo}: printed without a completion time`);
    const dup = await db.query<{ n: string }>(`SELECT (count(*) - count(DISTINCT "issuanceNo"))::text AS n FROM "Issuance"`);
    if (dup.rows[0].n !== "0") fail(`${dup.rows[0].n} duplicate 発行番号`);
    // No fee and no printed count without a completion: the rollups equal the printed issuances, to the yen.
    const printed = await db.query<{ m: string; n: string; fee: string }>(
      `SELECT "municipalityId" AS m, count(*)::text AS n, coalesce(sum("feeTotal"), 0)::text AS fee FROM "Issuance" WHERE "storeChain" = 'fault-harness' AND status = 'printed' GROUP BY 1`,
    );
    for (const table of ["UsageDaily", "UsageHourly"]) {
      const usage = await db.query<{ m: string; n: string; fee: string }>(
        `SELECT "municipalityId" AS m, coalesce(sum(count), 0)::text AS n, coalesce(sum("feeTotal"), 0)::text AS fee FROM "${table}" WHERE "storeChain" = 'fault-harness' GROUP BY 1`,
      );
      const key = (r: { m: string; n: string; fee: string }) => `${r.m}:${r.n}:${r.fee}`;
      const want = printed.rows.map(key).sort().join(",");
      const got = usage.rows.filter((r) => r.n !== "0").map(key).sort().join(",");
      if (want !== got) fail(`${table} does not match the printed issuances: ${got} vs ${want}`);
    }
    // Every municipality's audit chain (and the system chain) verifies.
    const chains = await db.query<{ chain: string }>(`SELECT DISTINCT chain FROM "AuditEvent"`);
    const prisma = createDb(opts.ownerUrl, 2);
    try {
      for (const { chain } of chains.rows) {
        const v = await verifyAuditChain(prisma, chain);
        chainsVerified++;
        if (!v.ok) fail(`audit chain ${chain} broken at ${v.brokenAtSeq} (${v.reason})`);
      }
    } finally {
      await prisma.$disconnect();
    }
  } finally {
    await db.end();
  }
  // 4. No certificate names anyone but its requester (or, for 世帯全員, the household).
  let pdfsChecked = 0;
  if (opts.checkPdfs !== false) {
    const everyone = [...new Set(opts.crowd.flatMap((p) => p.household.map((m) => m.name)))];
    for (const a of [...attempts, ...finals.values()].filter((x) => x.outcome === "answered" && x.pdf)) {
      const report = await checkPdf(a.pdf!, { issuanceNo: a.issuanceNo!, pageCount: a.pageCount!, sha256: a.pdfSha256!, names: a.names, notNames: everyone.filter((n) => !a.names.includes(n)) });
      pdfsChecked++;
      if (!report.ok) fail(`issuance ${a.issuanceNo}: ${report.failures.join("; ")}`);
    }
  }
  return { failures, retried, replayed, pdfsChecked, chainsVerified, issuances };
}

export const newKey = () => crypto.randomUUID();
