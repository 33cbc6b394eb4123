// The safety property of the feeds (DOMAIN.md §5, §6; docs/import-formats.md): once an import that changes
// eligibility has committed, the very next issuance is refused — and an import running concurrently with
// issuances never lets an issuance that starts after its commit succeed.
import { afterAll, describe, expect, it } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { ownerDb } from "@/tests/setup/owner-db";
import { issueCertificate, type IssuanceHooks } from "@/server/issuance/issue-certificate";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";
import { importText, toCsv } from "../factories/imports";
import { solidPng } from "../factories/png";

process.env.DB_POOL_MAX = "30";
afterAll(closeRenderPool);

let keys = 0;
const key = () => `import-elig-${++keys}-${Math.random().toString(36).slice(2, 8)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup(opts: { seal?: boolean; size?: number } = {}) {
  const m = await createServedMunicipality();
  const holder = await createCardholder(m.id, { seal: opts.seal ?? true, size: opts.size ?? 2 });
  const { ctx } = await createApiClient();
  const issue = (type: "residence" | "seal" = "residence", hooks?: IssuanceHooks) =>
    issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, holder.card, type)), idempotencyKey: key(), now: OPEN_AT, hooks });
  return { m, ...holder, issue };
}

const changes = (rows: Array<Record<string, string>>) => toCsv(["住民番号", "異動事由", "異動日", "世帯番号", "住所", "支援措置内容"], rows);

describe("a delta import refuses the very next issuance", () => {
  it("死亡 → resident_deceased", async () => {
    const s = await setup();
    await expect(s.issue()).resolves.toMatchObject({ replayed: false });
    const r = await importText({ municipalityId: s.m.id, feed: "changes", mode: "delta", text: changes([{ 住民番号: s.head.residentNo, 異動事由: "死亡", 異動日: "2026-11-26" }]) });
    expect(r).toMatchObject({ status: "succeeded", rowsUpdated: 1 });
    await expect(s.issue()).rejects.toMatchObject({ code: "resident_deceased", status: 403 });
    const again = await importText({ municipalityId: s.m.id, feed: "changes", mode: "delta", text: changes([{ 住民番号: s.head.residentNo, 異動事由: "死亡", 異動日: "2026-11-26" }]) });
    expect(again).toMatchObject({ status: "succeeded", rowsUpdated: 0 });
  });

  it("転出 → resident_moved_out; 転出予定 → resident_move_out_planned", async () => {
    const s = await setup();
    await importText({ municipalityId: s.m.id, feed: "changes", mode: "delta", text: changes([{ 住民番号: s.head.residentNo, 異動事由: "転出予定", 異動日: "2026-12-10" }]) });
    await expect(s.issue()).rejects.toMatchObject({ code: "resident_move_out_planned" });
    await importText({ municipalityId: s.m.id, feed: "changes", mode: "delta", text: changes([{ 住民番号: s.head.residentNo, 異動事由: "転出", 異動日: "2026-11-20" }]) });
    await expect(s.issue()).rejects.toMatchObject({ code: "resident_moved_out" });
  });

  it("支援措置開始 → resident_support_measure (details encrypted); 支援措置終了 lifts it after its last day", async () => {
    const s = await setup();
    const start = changes([{ 住民番号: s.head.residentNo, 異動事由: "支援措置開始", 異動日: "2026-11-01", 支援措置内容: "DV等支援措置（加害者：同居していた元配偶者）" }]);
    expect(await importText({ municipalityId: s.m.id, feed: "changes", mode: "delta", text: start })).toMatchObject({ status: "succeeded", rowsInserted: 1 });
    await expect(s.issue()).rejects.toMatchObject({ code: "resident_support_measure" });
    const measure = await ownerDb().supportMeasure.findFirstOrThrow({ where: { residentId: s.head.id } });
    expect(measure.detailsCipher).not.toContain("DV");
    expect(await importText({ municipalityId: s.m.id, feed: "changes", mode: "delta", text: start })).toMatchObject({ rowsInserted: 0, rowsUpdated: 0 });
    await importText({ municipalityId: s.m.id, feed: "changes", mode: "delta", text: changes([{ 住民番号: s.head.residentNo, 異動事由: "支援措置終了", 異動日: "2026-11-26" }]) });
    await expect(s.issue()).resolves.toMatchObject({ replayed: false });
  });

  it("a household member's 支援措置 refuses the 住民票 of the household", async () => {
    const s = await setup({ size: 2 });
    const other = s.members[1];
    await importText({ municipalityId: s.m.id, feed: "changes", mode: "delta", text: changes([{ 住民番号: other.residentNo, 異動事由: "支援措置開始", 異動日: "2026-11-01", 支援措置内容: "支援措置" }]) });
    await expect(s.issue("residence")).rejects.toMatchObject({ code: "household_support_measure" });
  });

  it("印鑑 廃止 (update) and removal → seal_not_registered", async () => {
    const s = await setup();
    await expect(s.issue("seal")).resolves.toMatchObject({ replayed: false });
    const image = Buffer.from(solidPng(40, [180, 20, 20])).toString("base64");
    const abolish = toCsv(["異動区分", "登録番号", "住民番号", "状態", "登録日", "廃止日", "印影"], [
      { 異動区分: "update", 登録番号: s.seal!.registrationNo, 住民番号: s.head.residentNo, 状態: "廃止", 登録日: "2015-04-01", 廃止日: "2026-11-26", 印影: image },
    ]);
    expect(await importText({ municipalityId: s.m.id, feed: "seals", mode: "delta", text: abolish })).toMatchObject({ status: "succeeded", rowsUpdated: 1 });
    await expect(s.issue("seal")).rejects.toMatchObject({ code: "seal_not_registered" });

    const t = await setup();
    const remove = toCsv(["異動区分", "登録番号"], [{ 異動区分: "remove", 登録番号: t.seal!.registrationNo }]);
    expect(await importText({ municipalityId: t.m.id, feed: "seals", mode: "delta", text: remove })).toMatchObject({ status: "succeeded", rowsRemoved: 1 });
    await expect(t.issue("seal")).rejects.toMatchObject({ code: "seal_not_registered" });
  });

  it("電子証明書 失効 (delta remove) → card_revoked; a full residents load without the person → resident_moved_out", async () => {
    const s = await setup();
    const revoke = toCsv(["異動区分", "発行者", "シリアル番号"], [{ 異動区分: "remove", 発行者: s.card.issuer, シリアル番号: s.card.serial }]);
    expect(await importText({ municipalityId: s.m.id, feed: "card_certificates", mode: "delta", text: revoke })).toMatchObject({ status: "succeeded", rowsRemoved: 1 });
    await expect(s.issue()).rejects.toMatchObject({ code: "card_revoked" });

    const t = await setup({ size: 1 });
    const other = await createCardholder(t.m.id, { size: 1 });
    // The full file lists only the other person: the cardholder is gone from the register.
    const file = toCsv(["住民番号", "世帯番号", "住所", "氏", "名", "氏カナ", "名カナ", "生年月日", "性別", "世帯主", "続柄", "住民となった日", "住所を定めた日"], [
      { 住民番号: other.head.residentNo, 世帯番号: "HX1", 住所: "テスト県テスト市本町1番地", 氏: "山川", 名: "次郎", 氏カナ: "ヤマカワ", 名カナ: "ジロウ", 生年月日: "1970-01-01", 性別: "男", 世帯主: "1", 続柄: "世帯主", 住民となった日: "2000-01-01", 住所を定めた日: "2000-01-01" },
    ]);
    // One of two residents removed: over the removal guard's share, hence confirmed.
    expect(await importText({ municipalityId: t.m.id, feed: "residents", mode: "full", text: file, confirmRemovals: true })).toMatchObject({ status: "succeeded", rowsRemoved: 1 });
    await expect(t.issue()).rejects.toMatchObject({ code: "resident_moved_out" });
  });
});

describe("an import concurrent with issuances", () => {
  it("waits for an issuance already holding the household, and blocks one that starts before its commit until it can refuse it", async () => {
    const s = await setup();
    // A: paused in render with the household locked FOR SHARE.
    let releaseA!: () => void;
    const gateA = new Promise<void>((r) => (releaseA = r));
    let aPaused!: () => void;
    const paused = new Promise<void>((r) => (aPaused = r));
    const a = s.issue("residence", {
      beforeStep: async (step) => {
        if (step === "render") {
          aPaused();
          await gateA;
        }
      },
    });
    await paused;
    // The import must wait for A: it cannot commit while A holds the household.
    let importDone = false;
    let releaseImport!: () => void;
    const importGate = new Promise<void>((r) => (releaseImport = r));
    let importApplied!: () => void;
    const applied = new Promise<void>((r) => (importApplied = r));
    const imp = importText({
      municipalityId: s.m.id,
      feed: "changes",
      mode: "delta",
      text: changes([{ 住民番号: s.head.residentNo, 異動事由: "死亡", 異動日: "2026-11-26" }]),
      beforeCommit: async () => {
        importApplied();
        await importGate;
      },
    }).then((r) => {
      importDone = true;
      return r;
    });
    await sleep(400);
    expect(importDone).toBe(false);
    releaseA();
    // A started before the import: it is issued; then the import holds the household and waits before commit.
    await expect(a).resolves.toMatchObject({ replayed: false });
    await applied;
    // C starts now, before the import commits: it must wait, then see the death.
    let cStartedEligibility = 0;
    const c = s.issue("residence", { beforeStep: async (step) => { if (step === "eligibility") cStartedEligibility = Date.now(); } });
    await sleep(300);
    releaseImport();
    const result = await imp;
    expect(result.status).toBe("succeeded");
    expect(cStartedEligibility).toBeGreaterThan(0);
    expect(cStartedEligibility).toBeLessThan(result.committedAt!.getTime());
    await expect(c).rejects.toMatchObject({ code: "resident_deceased" });
  });

  it("under concurrent load, no issuance whose eligibility check starts after the commit succeeds", async () => {
    const s = await setup();
    const bystander = await createCardholder(s.m.id, { seal: true });
    const { ctx } = await createApiClient();
    const issueFor = (card: { issuer: string; serial: string }, hooks: IssuanceHooks) =>
      issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(s.m.code, card, "seal")), idempotencyKey: key(), now: OPEN_AT, hooks });
    const outcomes: Array<{ target: boolean; started: number; ok: boolean; code?: string }> = [];
    let stop = false;
    // Kiosk-like traffic: one requester for the affected household and three bystanders, with pauses between
    // requests. (A continuous overlap of FOR SHARE holders on ONE household can keep an import waiting up to
    // its lock_timeout — PostgreSQL lets share lockers pass a waiting FOR UPDATE — until issuance takes the
    // eligibility gate of server/imports/sql.ts; see docs/import-formats.md.)
    const worker = async (target: boolean) => {
      while (!stop) {
        let started = 0;
        const hooks: IssuanceHooks = { beforeStep: async (step) => { if (step === "eligibility") started = Date.now(); } };
        try {
          await issueFor(target ? s.card : bystander.card, hooks);
          outcomes.push({ target, started, ok: true });
        } catch (e) {
          outcomes.push({ target, started, ok: false, code: (e as { code?: string }).code });
        }
        await sleep(Math.random() * 80);
      }
    };
    const workers = [worker(true), worker(false), worker(false), worker(false)];
    await sleep(600);
    const image = Buffer.from(solidPng(40, [180, 20, 20])).toString("base64");
    const result = await importText({
      municipalityId: s.m.id,
      feed: "seals",
      mode: "delta",
      text: toCsv(["異動区分", "登録番号", "住民番号", "状態", "登録日", "廃止日", "印影"], [
        { 異動区分: "update", 登録番号: s.seal!.registrationNo, 住民番号: s.head.residentNo, 状態: "廃止", 登録日: "2015-04-01", 廃止日: "2026-11-26", 印影: image },
      ]),
    });
    expect(result.status).toBe("succeeded");
    const committed = result.committedAt!.getTime();
    await sleep(1000);
    stop = true;
    await Promise.all(workers);
    const target = outcomes.filter((o) => o.target);
    const before = target.filter((o) => o.started > 0 && o.started < committed);
    const after = target.filter((o) => o.started > committed);
    expect(before.filter((o) => o.ok).length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((o) => o.ok)).toEqual([]);
    expect(new Set(after.map((o) => o.code))).toEqual(new Set(["seal_not_registered"]));
    // The bystander was never affected.
    expect(outcomes.filter((o) => !o.target && !o.ok)).toEqual([]);
  });
});
