// 交付停止 (counter block, issue 17): staff stop kiosk issuance for one person at once, before the next data
// feed. It takes effect for the next request — read under lock in the issuing transaction — and an issuance
// that commits after the block is never one that was allowed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusalMessage } from "@/lib/refusal-reasons";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { checkEligibility } from "@/server/eligibility/check-eligibility";
import { issueCertificate, type IssuanceHooks } from "@/server/issuance/issue-certificate";
import { liftIssuanceBlock } from "@/server/issuance-blocks/lift-issuance-block";
import { listIssuanceBlocks } from "@/server/issuance-blocks/list-issuance-blocks";
import { setIssuanceBlock } from "@/server/issuance-blocks/set-issuance-block";
import { closeRenderPool, warmUpRenderPool } from "@/server/pdf/render-pool";
import { ownerDb } from "@/tests/setup/owner-db";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";
import { staffContext } from "../factories/koseki-registration";

process.env.DB_POOL_MAX = "30";
beforeAll(() => warmUpRenderPool(), 120_000);
afterAll(closeRenderPool);

let keys = 0;
const key = () => `block-${++keys}-${Math.random().toString(36).slice(2, 8)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup(opts: { size?: number } = {}) {
  const m = await createServedMunicipality();
  const holder = await createCardholder(m.id, { seal: true, size: opts.size ?? 1 });
  const { ctx } = await createApiClient();
  const issue = (type: "residence" | "seal" = "residence", hooks?: IssuanceHooks) =>
    issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, holder.card, type)), idempotencyKey: key(), now: OPEN_AT, hooks });
  const clerk = await staffContext(m.id, "clerk");
  const admin = await staffContext(m.id, "municipal_admin");
  return { m, ...holder, ctx, issue, clerk, admin };
}

const STOPPED = { code: "resident_issuance_stopped", status: 403, details: { message: refusalMessage("resident_issuance_stopped") } };

describe("a counter block", () => {
  it("refuses every certificate of the person from the next request with the generic answer; only an administrator lifts it; both audited", async () => {
    const s = await setup();
    await expect(s.issue("seal")).resolves.toMatchObject({ replayed: false });
    const { id } = await setIssuanceBlock({ ctx: s.clerk, input: { residentNo: s.head.residentNo, reason: "card_lost", note: "" }, now: OPEN_AT });
    await expect(s.issue("seal")).rejects.toMatchObject(STOPPED);
    await expect(s.issue("residence")).rejects.toMatchObject(STOPPED);
    expect(refusalMessage("resident_issuance_stopped")).toBe(refusalMessage("resident_support_measure"));
    const e = await checkEligibility({ ctx: s.ctx, input: issueBody(s.m.code, s.card), now: OPEN_AT });
    expect(e.certificates.every((c) => !c.available && c.reason === "resident_issuance_stopped")).toBe(true);

    await expect(setIssuanceBlock({ ctx: s.clerk, input: { residentNo: s.head.residentNo, reason: "own_request", note: "" } })).rejects.toMatchObject({ code: "issuance_block_exists" });
    await expect(liftIssuanceBlock({ ctx: s.clerk, input: { blockId: id } })).rejects.toMatchObject({ code: "forbidden" });
    await liftIssuanceBlock({ ctx: s.admin, input: { blockId: id }, now: OPEN_AT });
    await expect(liftIssuanceBlock({ ctx: s.admin, input: { blockId: id } })).rejects.toMatchObject({ code: "issuance_block_lifted" });
    await expect(s.issue("seal")).resolves.toMatchObject({ replayed: false });

    const audit = await ownerDb().auditEvent.findMany({ where: { targetId: s.head.id, action: { startsWith: "issuance_block." } }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["issuance_block.set", s.clerk.actor.type === "staff" ? s.clerk.actor.id : null],
      ["issuance_block.lift", s.admin.actor.type === "staff" ? s.admin.actor.id : null],
    ]);
    expect(audit[0].details).toMatchObject({ blockId: id, reason: "card_lost" });
  });

  it("keeps the その他 text encrypted, lists blocks in force first and audits the read; auditors read, never set", async () => {
    const s = await setup();
    await expect(setIssuanceBlock({ ctx: s.clerk, input: { residentNo: s.head.residentNo, reason: "other", note: "" } })).rejects.toMatchObject({ code: "validation_failed", details: { errors: [{ path: "note" }] } });
    await expect(setIssuanceBlock({ ctx: s.clerk, input: { residentNo: "NO-SUCH-1", reason: "own_request", note: "" } })).rejects.toMatchObject({ code: "block_resident_not_found" });
    const note = "家族からの申出により窓口で確認中";
    await setIssuanceBlock({ ctx: s.clerk, input: { residentNo: s.head.residentNo, reason: "other", note }, now: OPEN_AT });
    const row = await ownerDb().issuanceBlock.findFirstOrThrow({ where: { residentId: s.head.id } });
    expect(row.noteCipher).not.toContain("家族");
    const auditor = await staffContext(s.m.id, "auditor");
    await expect(setIssuanceBlock({ ctx: auditor, input: { residentNo: s.head.residentNo, reason: "own_request", note: "" } })).rejects.toMatchObject({ code: "forbidden" });
    const list = await listIssuanceBlocks({ ctx: auditor, now: OPEN_AT });
    expect(list).toEqual([expect.objectContaining({ residentNo: s.head.residentNo, reason: "other", note, liftedAt: null })]);
    expect(await ownerDb().auditEvent.count({ where: { action: "issuance_block.list", municipalityId: s.m.id } })).toBe(1);
  });

  it("never reaches another municipality's residents or blocks", async () => {
    const a = await setup();
    const b = await setup();
    await expect(setIssuanceBlock({ ctx: a.clerk, input: { residentNo: b.head.residentNo, reason: "card_lost", note: "" } })).rejects.toMatchObject({ code: "block_resident_not_found" });
    const { id } = await setIssuanceBlock({ ctx: b.clerk, input: { residentNo: b.head.residentNo, reason: "card_lost", note: "" } });
    await expect(liftIssuanceBlock({ ctx: a.admin, input: { blockId: id } })).rejects.toMatchObject({ code: "not_found" });
    expect(await listIssuanceBlocks({ ctx: a.admin })).toEqual([]);
    const operator = await staffContext(null, "operator");
    await expect(setIssuanceBlock({ ctx: operator, input: { residentNo: b.head.residentNo, reason: "card_lost", note: "" } })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("for a 支援措置の申出 protects the person's address in the household's 住民票; for a lost card only the person", async () => {
    const s = await setup({ size: 2 });
    const other = s.members[1];
    await setIssuanceBlock({ ctx: s.clerk, input: { residentNo: other.residentNo, reason: "card_lost", note: "" } });
    await expect(s.issue("residence")).resolves.toMatchObject({ replayed: false });
    const t = await setup({ size: 2 });
    await setIssuanceBlock({ ctx: t.clerk, input: { residentNo: t.members[1].residentNo, reason: "support_measure_request", note: "" } });
    await expect(t.issue("residence")).rejects.toMatchObject({ code: "household_support_measure" });
    await expect(t.issue("seal")).resolves.toMatchObject({ replayed: false });
  });

  it("set while 50 issuances for the person are in flight: no issuance commits after the block", async () => {
    const [{ track_commit_timestamp: tracking }] = await ownerDb().$queryRaw<{ track_commit_timestamp: string }[]>`SHOW track_commit_timestamp`;
    expect(tracking, "the test PostgreSQL must run with track_commit_timestamp=on (tests/setup/global-setup.ts)").toBe("on");
    const s = await setup();
    // Each issuance holds its eligibility read for a while (render step), so the block meets issuances in flight.
    const hooks: IssuanceHooks = {
      beforeStep: async (step) => {
        if (step === "render") await sleep(20 + Math.random() * 60);
      },
    };
    const runs: Array<Promise<{ ok: boolean; code?: string }>> = [];
    let block: Promise<{ id: string }> | null = null;
    for (let i = 0; i < 50; i++) {
      if (i === 25) block = setIssuanceBlock({ ctx: s.clerk, input: { residentNo: s.head.residentNo, reason: "support_measure_request", note: "" }, now: OPEN_AT });
      runs.push(
        s
          .issue(i % 2 ? "seal" : "residence", hooks)
          .then(() => ({ ok: true }))
          .catch((e: { code?: string }) => ({ ok: false, code: e.code })),
      );
      await sleep(4);
    }
    const { id } = await block!;
    const outcomes = await Promise.all(runs);
    const issued = outcomes.filter((o) => o.ok).length;
    const refused = outcomes.filter((o) => o.code === "resident_issuance_stopped" || o.code === "resident_support_measure").length;
    expect(issued + refused, JSON.stringify(outcomes.filter((o) => !o.ok && o.code !== "resident_issuance_stopped" && o.code !== "resident_support_measure"))).toBe(50);
    expect(issued).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);

    // Compared in SQL, at the microsecond resolution of the commit timestamps.
    const [order] = await ownerDb().$queryRaw<{ before: number; after: number }[]>`
      SELECT count(*) FILTER (WHERE pg_xact_commit_timestamp(i.xmin) < pg_xact_commit_timestamp(b.xmin))::int AS before,
             count(*) FILTER (WHERE pg_xact_commit_timestamp(i.xmin) >= pg_xact_commit_timestamp(b.xmin))::int AS after
        FROM "Issuance" i, "IssuanceBlock" b WHERE i."cardCertificateId" = ${s.card.id}::uuid AND b.id = ${id}::uuid`;
    expect(order).toEqual({ before: issued, after: 0 });
  });
});
