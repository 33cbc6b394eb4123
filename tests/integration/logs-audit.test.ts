import { describe, expect, it } from "vitest";
import { writeAuditEvent } from "@/server/audit/write-audit-event";
import type { RequestContext } from "@/server/context";
import { ownerDb } from "@/tests/setup/owner-db";
import { listAuditEvents } from "@/server/logs/list-audit-events";
import { verifyAuditChains } from "@/server/logs/verify-audit-chains";
import { createMunicipality, createStaffUser } from "../factories";
import { staffCtx } from "../factories/contexts";

const systemCtx = (municipalityId: string | null): RequestContext => ({ actor: { type: "system", id: "test" }, municipalityId, requestId: "r" });

async function writeEvents(municipalityId: string | null, n: number, action = "test.event") {
  for (let i = 0; i < n; i++) await ownerDb().$transaction((tx) => writeAuditEvent(tx, systemCtx(municipalityId), { action, details: { i } }));
}

describe("listAuditEvents", () => {
  it("lists the own municipality's chain newest first, 50 a page, with staff login ids", async () => {
    const m = await createMunicipality();
    const clerk = await createStaffUser({ municipalityId: m.id, role: "clerk" });
    await writeEvents(m.id, 52);
    await ownerDb().$transaction((tx) => writeAuditEvent(tx, staffCtx(m.id, "clerk", clerk.id), { action: "other.event" }));
    const ctx = staffCtx(m.id, "auditor");
    const p1 = await listAuditEvents({ ctx, input: {} });
    expect(p1).toMatchObject({ total: 53, page: 1, pageCount: 2 });
    expect(p1.items).toHaveLength(50);
    expect(p1.items[0]).toMatchObject({ seq: 53, action: "other.event", actorType: "staff", actor: clerk.loginId });
    const p2 = await listAuditEvents({ ctx, input: { page: 2 } });
    expect(p2.items.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect((await listAuditEvents({ ctx, input: { action: "other" } })).total).toBe(1);
  });

  it("never shows staff of A the events of B, whatever chain they ask for", async () => {
    const [a, b] = await Promise.all([createMunicipality(), createMunicipality()]);
    await writeEvents(a.id, 2, "a.event");
    await writeEvents(b.id, 3, "b.event");
    for (const chain of [undefined, b.code, "system"]) {
      const r = await listAuditEvents({ ctx: staffCtx(a.id, "municipal_admin"), input: { chain } });
      expect(r.scope?.chain).toBe(a.id);
      expect(r.items.every((e) => e.action === "a.event")).toBe(true);
      expect(r.total).toBe(2);
    }
  });

  it("lets the operator choose a municipality or the system chain", async () => {
    const m = await createMunicipality();
    await writeEvents(m.id, 2, "m.event");
    await writeEvents(null, 1, "sys.event");
    const op = staffCtx(null, "operator");
    const r = await listAuditEvents({ ctx: op, input: { chain: m.code } });
    expect(r.scope).toMatchObject({ chain: m.id, municipalityCode: m.code });
    expect(r.total).toBe(2);
    const sys = await listAuditEvents({ ctx: op, input: { chain: "system" } });
    expect(sys.scope?.chain).toBe("system");
    expect(sys.items.some((e) => e.action === "sys.event")).toBe(true);
    expect((await listAuditEvents({ ctx: op, input: { chain: "999999" } })).scope).toBeNull();
  });

  it("refuses clerks", async () => {
    const m = await createMunicipality();
    await expect(listAuditEvents({ ctx: staffCtx(m.id, "clerk"), input: {} })).rejects.toMatchObject({ code: "forbidden" });
    await expect(verifyAuditChains({ ctx: staffCtx(m.id, "clerk"), input: {} })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("verifyAuditChains", () => {
  it("reports OK with the count and head hash, then the broken seq after a tampered row", async () => {
    const db = ownerDb();
    const [m, other] = await Promise.all([createMunicipality(), createMunicipality()]);
    await writeEvents(m.id, 5);
    await writeEvents(other.id, 2);
    const ctx = staffCtx(m.id, "auditor");
    const ok = await verifyAuditChains({ ctx, input: {} });
    const head = await db.auditEvent.findFirstOrThrow({ where: { chain: m.id }, orderBy: { seq: "desc" } });
    expect(ok?.result).toEqual({ ok: true, chain: m.id, checked: 5, headHash: head.hash });

    // A superuser could disable the trigger; the chain still reveals the edit.
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_insert_only"`);
    await db.$executeRaw`UPDATE "AuditEvent" SET details = '{"i": 99}'::jsonb WHERE chain = ${m.id} AND seq = 3`;
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_insert_only"`);

    expect((await verifyAuditChains({ ctx, input: {} }))?.result).toMatchObject({ ok: false, brokenAtSeq: 3, reason: "hash_mismatch" });
    // Another municipality's chain is untouched, and A's staff cannot point the check at it.
    expect((await verifyAuditChains({ ctx: staffCtx(other.id, "auditor"), input: {} }))?.result).toMatchObject({ ok: true, checked: 2 });
    expect((await verifyAuditChains({ ctx, input: { chain: other.code } }))?.scope.chain).toBe(m.id);
    expect((await verifyAuditChains({ ctx: staffCtx(null, "operator"), input: { chain: m.code } }))?.result).toMatchObject({ ok: false, brokenAtSeq: 3 });
  });
});
