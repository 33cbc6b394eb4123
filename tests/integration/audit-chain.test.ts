import { describe, expect, it } from "vitest";
import { ownerDb } from "@/tests/setup/owner-db";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { writeAuditEvent } from "@/server/audit/write-audit-event";
import type { RequestContext } from "@/server/context";
import { createMunicipality } from "../factories";

function ctxFor(municipalityId: string | null): RequestContext {
  return { actor: { type: "system", id: "test" }, municipalityId, requestId: "r" };
}

describe("audit writer", () => {
  it("keeps one unbroken chain per municipality under concurrent writers", async () => {
    const db = ownerDb();
    const [a, b] = await Promise.all([createMunicipality(), createMunicipality()]);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.$transaction((tx) => writeAuditEvent(tx, ctxFor(i % 2 ? a.id : b.id), { action: "test.event", details: { i } })),
      ),
    );
    const va = await verifyAuditChain(db, a.id);
    const vb = await verifyAuditChain(db, b.id);
    expect(va).toMatchObject({ ok: true, checked: 20 });
    expect(vb).toMatchObject({ ok: true, checked: 20 });
    const seqs = (await db.auditEvent.findMany({ where: { chain: a.id }, select: { seq: true }, orderBy: { seq: "asc" } })).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("puts events without a municipality on the system chain", async () => {
    const db = ownerDb();
    await db.$transaction((tx) => writeAuditEvent(tx, ctxFor(null), { action: "operator.event" }));
    expect((await verifyAuditChain(db, "system")).ok).toBe(true);
  });

  it("refuses UPDATE and DELETE of audit events", async () => {
    const db = ownerDb();
    const m = await createMunicipality();
    await db.$transaction((tx) => writeAuditEvent(tx, ctxFor(m.id), { action: "test.event" }));
    await expect(db.auditEvent.updateMany({ where: { chain: m.id }, data: { action: "tampered" } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({ where: { chain: m.id } })).rejects.toThrow();
    expect(await db.auditEvent.count({ where: { chain: m.id, action: "test.event" } })).toBe(1);
  });

  it("detects a row changed behind the trigger's back", async () => {
    const db = ownerDb();
    const m = await createMunicipality();
    for (let i = 0; i < 5; i++) {
      await db.$transaction((tx) => writeAuditEvent(tx, ctxFor(m.id), { action: "test.event", details: { i } }));
    }
    // A superuser could disable the trigger; the chain still reveals the edit.
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_insert_only"`);
    await db.$executeRaw`UPDATE "AuditEvent" SET details = '{"i": 99}'::jsonb WHERE chain = ${m.id} AND seq = 3`;
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_insert_only"`);
    expect(await verifyAuditChain(db, m.id)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: "hash_mismatch" });
  });
});
