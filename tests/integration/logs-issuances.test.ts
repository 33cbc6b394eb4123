import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/context";
import { ownerDb } from "@/tests/setup/owner-db";
import { getIssuanceDetail } from "@/server/logs/get-issuance-detail";
import { searchIssuances } from "@/server/logs/search-issuances";
import { createMunicipality } from "../factories";
import { createApiClient, createCardholder } from "../factories/issuance";
import { createIssuanceRow } from "../factories/issuance-row";

type Role = "operator" | "municipal_admin" | "clerk" | "auditor";
const staffCtx = (municipalityId: string | null, role: Role): RequestContext => ({
  actor: { type: "staff", id: crypto.randomUUID(), role, municipalityId },
  municipalityId,
  requestId: "r",
});

type Town = Awaited<ReturnType<typeof setUpTown>>;

async function setUpTown() {
  const m = await createMunicipality();
  const holder = await createCardholder(m.id, { resident: { familyName: "発行", givenName: "太郎" } });
  const { client } = await createApiClient({ municipalityId: null });
  return { m, holder, client };
}

const createIssuance = createIssuanceRow;

describe("searchIssuances", () => {
  let a: Town;
  let b: Town;
  beforeAll(async () => {
    a = await setUpTown();
    b = await setUpTown();
  });

  it("filters by 発行番号 (exact and prefix), JST date range, type and status, newest first", async () => {
    const t = await setUpTown();
    const late = await createIssuance(t, { at: "2026-11-27T23:30:00+09:00" });
    const early = await createIssuance(t, { at: "2026-11-27T00:10:00+09:00", certificateType: "seal", status: "failed" });
    const dayBefore = await createIssuance(t, { at: "2026-11-26T23:59:00+09:00" });
    const ctx = staffCtx(t.m.id, "clerk");

    const all = await searchIssuances({ ctx, input: {} });
    expect(all.items.map((i) => i.id)).toEqual([late.id, early.id, dayBefore.id]);
    expect(all.total).toBe(3);

    const day = await searchIssuances({ ctx, input: { from: "2026-11-27", to: "2026-11-27" } });
    expect(day.items.map((i) => i.id)).toEqual([late.id, early.id]);

    expect((await searchIssuances({ ctx, input: { to: "2026-11-26" } })).items.map((i) => i.id)).toEqual([dayBefore.id]);
    expect((await searchIssuances({ ctx, input: { issuanceNo: early.issuanceNo } })).items.map((i) => i.id)).toEqual([early.id]);
    expect((await searchIssuances({ ctx, input: { issuanceNo: `${t.m.code}-2026-` } })).total).toBe(3);
    expect((await searchIssuances({ ctx, input: { type: "seal" } })).items.map((i) => i.id)).toEqual([early.id]);
    expect((await searchIssuances({ ctx, input: { status: "failed" } })).items.map((i) => i.id)).toEqual([early.id]);
    expect((await searchIssuances({ ctx, input: { status: "printed", type: "seal" } })).total).toBe(0);
  });

  it("refuses a reversed date range and a malformed 発行番号", async () => {
    const ctx = staffCtx(a.m.id, "clerk");
    await expect(searchIssuances({ ctx, input: { from: "2026-11-28", to: "2026-11-27" } })).rejects.toThrow();
    await expect(searchIssuances({ ctx, input: { issuanceNo: "abc" } })).rejects.toThrow();
  });

  it("pages by 50", async () => {
    const t = await setUpTown();
    for (let i = 0; i < 53; i++) await createIssuance(t, { at: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString() });
    const ctx = staffCtx(t.m.id, "auditor");
    const p1 = await searchIssuances({ ctx, input: {} });
    expect(p1).toMatchObject({ total: 53, page: 1, pageCount: 2 });
    expect(p1.items).toHaveLength(50);
    const p2 = await searchIssuances({ ctx, input: { page: "2" } });
    expect(p2.items).toHaveLength(3);
    expect(new Set([...p1.items, ...p2.items].map((i) => i.id)).size).toBe(53);
    expect(p2.items.at(-1)!.renderedAt < p1.items[0].renderedAt).toBe(true);
  });

  it("shows staff of A nothing of B; the operator sees both and filters by municipality", async () => {
    const ia = await createIssuance(a);
    const ib = await createIssuance(b);
    const seenByA = await searchIssuances({ ctx: staffCtx(a.m.id, "municipal_admin"), input: {} });
    expect(seenByA.items.map((i) => i.id)).toContain(ia.id);
    expect(seenByA.items.map((i) => i.id)).not.toContain(ib.id);
    // A's staff cannot widen the scope with a municipality filter or B's number.
    expect((await searchIssuances({ ctx: staffCtx(a.m.id, "clerk"), input: { municipality: b.m.code } })).items.map((i) => i.id)).not.toContain(ib.id);
    expect((await searchIssuances({ ctx: staffCtx(a.m.id, "clerk"), input: { issuanceNo: ib.issuanceNo } })).total).toBe(0);

    const op = staffCtx(null, "operator");
    const both = await searchIssuances({ ctx: op, input: { issuanceNo: ia.issuanceNo.slice(0, 6) } });
    expect(both.items.map((i) => i.id)).toContain(ia.id);
    const onlyB = await searchIssuances({ ctx: op, input: { municipality: b.m.code } });
    expect(onlyB.items.map((i) => i.id)).toContain(ib.id);
    expect(onlyB.items.map((i) => i.id)).not.toContain(ia.id);
    expect((await searchIssuances({ ctx: op, input: { municipality: "999999" } })).unknownMunicipality).toBe(true);
  });

  it("refuses a non-operator without a municipality and non-staff callers", async () => {
    await expect(searchIssuances({ ctx: staffCtx(null, "clerk"), input: {} })).rejects.toMatchObject({ code: "forbidden" });
    await expect(searchIssuances({ ctx: { actor: { type: "system", id: "x" }, municipalityId: a.m.id, requestId: "r" }, input: {} })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("getIssuanceDetail", () => {
  let a: Town;
  let b: Town;
  beforeAll(async () => {
    a = await setUpTown();
    b = await setUpTown();
  });

  const eventsFor = (chain: string, targetId: string) => ownerDb().auditEvent.findMany({ where: { chain, targetId }, orderBy: { seq: "asc" } });

  it("shows a clerk the requester's name and audits the view and the personal-data read", async () => {
    const i = await createIssuance(a, { status: "failed", failureReason: "paper_jam" });
    const ctx = staffCtx(a.m.id, "clerk");
    const d = await getIssuanceDetail({ ctx, input: { issuanceId: i.id } });
    expect(d).toMatchObject({ issuanceNo: i.issuanceNo, status: "failed", certificateType: "residence", terminalId: "T1", feeTotal: 200, pageCount: 1, pdfSha256: "a".repeat(64) });
    expect(d.requester).toEqual({ visibility: "shown", name: "発行 太郎" });

    const views = await eventsFor(a.m.id, i.id);
    expect(views.map((e) => e.action)).toEqual(["issuance.view"]);
    expect(views[0]).toMatchObject({ actorType: "staff", actorId: ctx.actor.id, targetType: "Issuance" });
    const reads = await ownerDb().auditEvent.findMany({ where: { chain: a.m.id, action: "issuance.read_detail", targetId: a.holder.head.id } });
    expect(reads).toHaveLength(1);
    expect(reads[0].details).toMatchObject({ issuanceId: i.id });
    // No personal data in the audit details.
    expect(JSON.stringify(reads[0].details)).not.toContain("発行");
  });

  it("hides the name from an auditor (and the operator) but still audits the view", async () => {
    const i = await createIssuance(a);
    const before = await ownerDb().auditEvent.count({ where: { action: "issuance.read_detail", targetId: a.holder.head.id } });
    const d = await getIssuanceDetail({ ctx: staffCtx(a.m.id, "auditor"), input: { issuanceId: i.id } });
    expect(d.requester).toEqual({ visibility: "hidden" });
    expect(JSON.stringify(d)).not.toContain("太郎");
    const op = await getIssuanceDetail({ ctx: staffCtx(null, "operator"), input: { issuanceId: i.id } });
    expect(op.requester).toEqual({ visibility: "hidden" });
    expect((await eventsFor(a.m.id, i.id)).map((e) => e.action)).toEqual(["issuance.view", "issuance.view"]);
    expect(await ownerDb().auditEvent.count({ where: { action: "issuance.read_detail", targetId: a.holder.head.id } })).toBe(before);
  });

  it("answers not_found for another municipality's issuance and writes nothing", async () => {
    const ib = await createIssuance(b);
    const count = await ownerDb().auditEvent.count();
    await expect(getIssuanceDetail({ ctx: staffCtx(a.m.id, "clerk"), input: { issuanceId: ib.id } })).rejects.toMatchObject({ code: "not_found" });
    await expect(getIssuanceDetail({ ctx: staffCtx(a.m.id, "clerk"), input: { issuanceId: "not-a-uuid" } })).rejects.toMatchObject({ code: "not_found" });
    expect(await ownerDb().auditEvent.count()).toBe(count);
  });
});
