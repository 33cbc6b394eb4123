// The proofs of DOMAIN.md §6: under concurrency, with delays and faults injected at the render and database
// steps, a certificate never reaches the wrong person, an issuance happens exactly once, a timeout leaves
// nothing behind, and a status change refuses every request that starts after it.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { ownerDb } from "@/tests/setup/owner-db";
import type { Municipality } from "@/server/generated/prisma/client";
import { AdmissionGate } from "@/server/issuance/admission";
import { completeIssuance } from "@/server/issuance/complete-issuance";
import { ISSUANCE_STEPS, issueCertificate, type IssuanceHooks, type IssuanceStep } from "@/server/issuance/issue-certificate";
import type { IssuanceResponse } from "@/server/issuance/issuance-response";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { extractPdf } from "@/server/pdf/render-certificate";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";

process.env.DB_POOL_MAX = "40";
// These proofs put every issuance in flight at once (the barrier pairs wait for both sides inside the
// issuance), so the process's admission gate is opened wide here; the gate itself is tested below with its own.
process.env.ISSUANCE_CONCURRENCY = "1000";
process.env.ISSUANCE_QUEUE_MAX = "1000";

const FAMILY = ["青山", "石川", "上田", "大森", "岡本", "川口", "北村", "小松", "坂本", "杉山", "高木"];
const GIVEN = ["一郎", "花子", "健太", "美咲", "翔太", "陽菜", "大輔", "結衣", "拓海", "彩花"];
const squash = (s: string) => s.replace(/\s+/g, "");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (max: number) => sleep(Math.floor(Math.random() * max));

/** Random delays at the render and database steps. */
const delays: IssuanceHooks = {
  beforeStep: async (step) => {
    if (step === "render" || step === "eligibility" || step === "number" || step === "record" || step === "audit") await jitter(25);
  },
};

type Person = { municipality: Municipality; card: { issuer: string; serial: string }; name: string };

async function people(count: number, municipalities: Municipality[], offset = 0): Promise<Person[]> {
  const out: Person[] = [];
  for (let i = 0; i < count; i++) {
    const k = i + offset;
    const m = municipalities[k % municipalities.length];
    const familyName = FAMILY[k % FAMILY.length];
    const givenName = GIVEN[Math.floor(k / FAMILY.length) % GIVEN.length];
    const { card, head } = await createCardholder(m.id, { seal: true, resident: { familyName, givenName } });
    out.push({ municipality: m, card, name: `${head.familyName}${head.givenName}` });
  }
  return out;
}

/** The PDF names its own requester and nobody else of `all`, and every page carries its own 発行番号. */
async function assertBelongsTo(res: IssuanceResponse, me: Person, all: Person[]) {
  const text = await extractPdf(Buffer.from(res.pdf, "base64"));
  const joined = text.pageTexts.join("");
  expect(joined).toContain(me.name);
  const others = all.filter((p) => p.name !== me.name && joined.includes(p.name));
  expect(others.map((p) => p.name)).toEqual([]);
  for (const page of text.pageTexts) expect(page).toContain(squash(res.issuanceNo));
  expect(text.keywords).toContain(`issuance-id:${res.issuanceId}`);
}

let municipalities: Municipality[];
let ctx: Awaited<ReturnType<typeof createApiClient>>["ctx"];

beforeAll(async () => {
  municipalities = [await createServedMunicipality(), await createServedMunicipality()];
  ({ ctx } = await createApiClient());
}, 120_000);

afterAll(closeRenderPool);

describe("no cross-delivery under load", () => {
  it("500 concurrent issuances for 110 residents in 2 municipalities each name only their own requester", async () => {
    const crowd = await people(110, municipalities);
    const jobs = Array.from({ length: 500 }, (_, i) => {
      const me = crowd[(i * 7) % crowd.length];
      const type = i % 2 ? "seal" : "residence";
      return { me, input: ZIssueRequest.parse(issueBody(me.municipality.code, me.card, type)), key: `load-${i}` };
    });
    const results = await Promise.all(jobs.map((j) => issueCertificate({ ctx, input: j.input, idempotencyKey: j.key, now: OPEN_AT, hooks: delays, timeoutMs: 180_000 })));
    expect(new Set(results.map((r) => r.response.issuanceNo)).size).toBe(500);
    expect(new Set(results.map((r) => r.response.issuanceId)).size).toBe(500);
    for (let i = 0; i < jobs.length; i++) await assertBelongsTo(results[i].response, jobs[i].me, crowd);
    const rows = await ownerDb().issuance.findMany({ where: { idempotencyKey: { startsWith: "load-" } }, select: { requesterResidentId: true, cardCertificateId: true, issuanceNo: true } });
    expect(rows).toHaveLength(500);
  }, 300_000);

  it("200 pairs released at the same instant never interfere", async () => {
    const crowd = await people(40, municipalities, 200);
    const pairs = Array.from({ length: 200 }, (_, i) => [crowd[(2 * i) % crowd.length], crowd[(2 * i + 1) % crowd.length]] as const);
    const results = await Promise.all(
      pairs.map(async ([a, b], i) => {
        // A barrier per pair: both requests wait for each other at the start and again right before rendering.
        let arrivedStart = 0;
        let arrivedRender = 0;
        let openStart!: () => void;
        let openRender!: () => void;
        const start = new Promise<void>((r) => (openStart = r));
        const render = new Promise<void>((r) => (openRender = r));
        const barrier: IssuanceHooks = {
          beforeStep: async (step: IssuanceStep) => {
            if (step === "claim" && ++arrivedStart === 2) openStart();
            if (step === "claim") await start;
            if (step === "render" && ++arrivedRender === 2) openRender();
            if (step === "render") await render;
          },
        };
        const run = (p: Person, side: string) =>
          issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(p.municipality.code, p.card, "seal")), idempotencyKey: `pair-${i}-${side}`, now: OPEN_AT, hooks: barrier, timeoutMs: 180_000 });
        const [ra, rb] = await Promise.all([run(a, "a"), run(b, "b")]);
        return { a, b, ra: ra.response, rb: rb.response };
      }),
    );
    for (const { a, b, ra, rb } of results) {
      expect(ra.issuanceNo).not.toBe(rb.issuanceNo);
      await assertBelongsTo(ra, a, crowd);
      await assertBelongsTo(rb, b, crowd);
    }
  }, 300_000);
});

describe("exactly once", () => {
  it("sequential replays give one issuance, one fee and byte-identical PDFs", async () => {
    const [me] = await people(1, municipalities, 400);
    const input = ZIssueRequest.parse(issueBody(me.municipality.code, me.card, "residence", { copies: 2 }));
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await issueCertificate({ ctx, input, idempotencyKey: "seq-replay", now: OPEN_AT, hooks: delays }));
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(new Set(answers.map((a) => JSON.stringify(a.response))).size).toBe(1);
    const rows = await ownerDb().issuance.findMany({ where: { idempotencyKey: "seq-replay" } });
    expect(rows).toHaveLength(1);
    await completeIssuance({ ctx, issuanceId: rows[0].id, input: { outcome: "printed" }, now: OPEN_AT });
    const usage = await ownerDb().usageDaily.findMany({ where: { municipalityId: me.municipality.id } });
    expect(usage.reduce((n, u) => n + u.count, 0)).toBe(1);
    expect(usage.reduce((n, u) => n + u.feeTotal, 0)).toBe(rows[0].feeTotal);
  });

  it("10 concurrent requests with one key execute once; every answer is the same bytes or 'in progress'", async () => {
    const [me] = await people(1, municipalities, 401);
    const input = ZIssueRequest.parse(issueBody(me.municipality.code, me.card, "seal"));
    const settled = await Promise.allSettled(Array.from({ length: 10 }, () => issueCertificate({ ctx, input, idempotencyKey: "conc-replay", now: OPEN_AT, hooks: delays })));
    const ok = settled.filter((s): s is PromiseFulfilledResult<Awaited<ReturnType<typeof issueCertificate>>> => s.status === "fulfilled").map((s) => s.value);
    const failed = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected").map((s) => s.reason);
    expect(ok.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(ok.map((r) => JSON.stringify(r.response))).size).toBe(1);
    for (const e of failed) expect(e).toMatchObject({ code: "idempotency_key_in_progress", status: 409 });
    expect(await ownerDb().issuance.count({ where: { idempotencyKey: "conc-replay" } })).toBe(1);
    const later = await issueCertificate({ ctx, input, idempotencyKey: "conc-replay", now: OPEN_AT });
    expect(JSON.stringify(later.response)).toBe(JSON.stringify(ok[0].response));
  });
});

describe("a timeout aborts all of it", () => {
  it.each(ISSUANCE_STEPS.map((s) => [s]))("a timeout at step %s returns no PDF and leaves no issuance or fee; the key can be retried", async (step) => {
    const [me] = await people(1, municipalities, 420 + ISSUANCE_STEPS.indexOf(step));
    const input = ZIssueRequest.parse(issueBody(me.municipality.code, me.card, "residence"));
    const key = `timeout-${step}`;
    const stall: IssuanceHooks = {
      beforeStep: async (s, signal) => {
        if (s !== step) return;
        await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
        await sleep(50);
      },
    };
    const before = await ownerDb().auditEvent.count({ where: { action: "issuance.render" } });
    const usageBefore = await ownerDb().usageDaily.count();
    await expect(issueCertificate({ ctx, input, idempotencyKey: key, now: OPEN_AT, hooks: stall, timeoutMs: 1_500 })).rejects.toMatchObject({ code: "issuance_timeout" });
    expect(await ownerDb().issuance.count({ where: { idempotencyKey: key } })).toBe(0);
    expect(await ownerDb().usageDaily.count()).toBe(usageBefore);
    expect(await ownerDb().auditEvent.count({ where: { action: "issuance.render" } })).toBe(before);
    const retry = await issueCertificate({ ctx, input, idempotencyKey: key, now: OPEN_AT });
    expect(retry.replayed).toBe(false);
    expect(await ownerDb().issuance.count({ where: { idempotencyKey: key } })).toBe(1);
  });
});

describe("a database that stops answering", () => {
  it("is answered issuance_timeout at the deadline, not when the stalled step returns, and nothing is left behind", async () => {
    const [me] = await people(1, municipalities, 430);
    const input = ZIssueRequest.parse(issueBody(me.municipality.code, me.card, "residence"));
    const key = "stalled-database";
    // A step that ignores the deadline, as a query on a stalled connection does (tests/faults "stall" over HTTP).
    let stalled!: Promise<unknown>;
    const stall: IssuanceHooks = {
      beforeStep: async (s) => {
        if (s === "number") await (stalled = sleep(3_000));
      },
    };
    const started = performance.now();
    await expect(issueCertificate({ ctx, input, idempotencyKey: key, now: OPEN_AT, hooks: stall, timeoutMs: 600 })).rejects.toMatchObject({ code: "issuance_timeout", details: { retryAfterSeconds: 5 } });
    expect(performance.now() - started).toBeLessThan(2_000);
    await stalled;
    await sleep(200);
    expect(await ownerDb().issuance.count({ where: { idempotencyKey: key } })).toBe(0);
    const retry = await issueCertificate({ ctx, input, idempotencyKey: key, now: OPEN_AT });
    expect(retry.replayed).toBe(false);
  });
});

describe("admission", () => {
  it("answers server_busy before any work when the gate is full, and the same key succeeds later", async () => {
    const [first, second] = await people(2, municipalities, 440);
    const gate = new AdmissionGate(1, 0);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inRender = new Promise<void>((r) => (started = r));
    const hold: IssuanceHooks = { beforeStep: async (s) => (s === "render" ? (started(), held) : undefined) };
    const running = issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(first.municipality.code, first.card, "residence")), idempotencyKey: "gate-first", now: OPEN_AT, hooks: hold, gate });
    await inRender;
    const input = ZIssueRequest.parse(issueBody(second.municipality.code, second.card, "residence"));
    await expect(issueCertificate({ ctx, input, idempotencyKey: "gate-second", now: OPEN_AT, gate })).rejects.toMatchObject({ code: "server_busy", status: 503 });
    expect(await ownerDb().issuance.count({ where: { idempotencyKey: "gate-second" } })).toBe(0);
    release();
    expect((await running).replayed).toBe(false);
    expect(gate.running).toBe(0);
    const retried = await issueCertificate({ ctx, input, idempotencyKey: "gate-second", now: OPEN_AT, gate });
    expect(retried.replayed).toBe(false);
    expect(await ownerDb().issuance.count({ where: { idempotencyKey: { in: ["gate-first", "gate-second"] } } })).toBe(2);
  });

  it("a request queued past its deadline is answered issuance_timeout without opening a transaction", async () => {
    const [first, second] = await people(2, municipalities, 450);
    const gate = new AdmissionGate(1, 5);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inRender = new Promise<void>((r) => (started = r));
    const steps: string[] = [];
    const hold: IssuanceHooks = { beforeStep: async (s) => (s === "render" ? (started(), held) : undefined) };
    const running = issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(first.municipality.code, first.card, "residence")), idempotencyKey: "queue-first", now: OPEN_AT, hooks: hold, gate });
    await inRender;
    const record: IssuanceHooks = { beforeStep: async (s) => void steps.push(s) };
    const input = ZIssueRequest.parse(issueBody(second.municipality.code, second.card, "residence"));
    await expect(issueCertificate({ ctx, input, idempotencyKey: "queue-second", now: OPEN_AT, hooks: record, gate, timeoutMs: 300 })).rejects.toMatchObject({ code: "issuance_timeout" });
    expect(steps).toEqual([]); // not even the claim step ran
    release();
    await running;
    expect(gate.queued).toBe(0);
  });
});

describe("an import holding the municipality", () => {
  it("makes a waiting issuance give up after the lock timeout with server_busy, leaving nothing behind", async () => {
    const [me] = await people(1, municipalities, 460);
    // What an import does while it locks its rows: the municipality's eligibility gate, exclusively.
    const importer = new pg.Client({ connectionString: process.env.OWNER_DATABASE_URL });
    await importer.connect();
    try {
      await importer.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`eligibility:${me.municipality.id}`]);
      const input = ZIssueRequest.parse(issueBody(me.municipality.code, me.card, "residence"));
      await expect(issueCertificate({ ctx, input, idempotencyKey: "behind-import", now: OPEN_AT })).rejects.toMatchObject({ code: "server_busy", status: 503 });
      expect(await ownerDb().issuance.count({ where: { idempotencyKey: "behind-import" } })).toBe(0);
      await importer.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [`eligibility:${me.municipality.id}`]);
      expect((await issueCertificate({ ctx, input, idempotencyKey: "behind-import", now: OPEN_AT })).replayed).toBe(false);
    } finally {
      await importer.end();
    }
  });
});

describe("a status change takes effect for the next request", () => {
  const flags = {
    "死亡": async (residentId: string) => ownerDb().resident.update({ where: { id: residentId }, data: { status: "deceased", deceasedOn: new Date("2026-11-27") } }),
    "転出": async (residentId: string) => ownerDb().resident.update({ where: { id: residentId }, data: { status: "moved_out", movedOutOn: new Date("2026-11-27") } }),
    "支援措置": async (residentId: string) =>
      ownerDb().$transaction(async (tx) => {
        const r = await tx.resident.findUniqueOrThrow({ where: { id: residentId } });
        await tx.supportMeasure.create({ data: { municipalityId: r.municipalityId, residentId, startsOn: new Date("2026-11-01"), detailsCipher: "v1.x.x.x.x", detailsKeyId: "x" } });
        // Writers that change eligibility touch the Resident row, so they queue behind in-flight issuances.
        await tx.resident.update({ where: { id: residentId }, data: { updatedAt: new Date() } });
      }),
  } as const;

  it.each(Object.keys(flags) as Array<keyof typeof flags>)("%s set mid-run refuses every request that starts after it", async (flag) => {
    const [me] = await people(1, municipalities, 440 + Object.keys(flags).indexOf(flag));
    const resident = await ownerDb().cardCertificate.findFirstOrThrow({ where: { serial: me.card.serial } });
    let flaggedAt = Infinity;
    const runs: Array<Promise<{ startedAt: number; ok: boolean; code?: string }>> = [];
    for (let i = 0; i < 40; i++) {
      if (i === 20) {
        await flags[flag](resident.residentId);
        flaggedAt = performance.now();
      }
      const startedAt = performance.now();
      const kind = i % 2 ? "seal" : "residence";
      runs.push(
        issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(me.municipality.code, me.card, kind)), idempotencyKey: `flag-${flag}-${i}`, now: OPEN_AT, hooks: delays })
          .then(() => ({ startedAt, ok: true }))
          .catch((e: { code?: string }) => ({ startedAt, ok: false, code: e.code })),
      );
      await sleep(3);
    }
    const outcomes = await Promise.all(runs);
    const after = outcomes.filter((o) => o.startedAt >= flaggedAt);
    expect(after.length).toBe(20);
    const expected = { "死亡": "resident_deceased", "転出": "resident_moved_out", "支援措置": "resident_support_measure" }[flag];
    expect(after.filter((o) => o.ok)).toEqual([]);
    expect(new Set(after.map((o) => o.code))).toEqual(new Set([expected]));
    // Requests that started before the change may have been served; all of them were answered.
    expect(outcomes.filter((o) => o.startedAt < flaggedAt).every((o) => o.ok || o.code === expected)).toBe(true);
  });
});
