import { describe, expect, it } from "vitest";
import { ownerDb } from "@/tests/setup/owner-db";
import { acknowledgeIncident } from "@/server/incidents/acknowledge-incident";
import { closeIncident } from "@/server/incidents/close-incident";
import { getIncident } from "@/server/incidents/get-incident";
import { listIncidents } from "@/server/incidents/list-incidents";
import { openIncident } from "@/server/incidents/open-incident";
import { createMunicipality, createStaffUser } from "../factories";
import { staffCtx, systemCtx } from "../factories/contexts";


const open = (municipalityId: string | null, kind: "centre_error" | "emergency_stop" = "centre_error") =>
  openIncident(systemCtx, { municipalityId, kind, severity: "high", summary: "テストのインシデント", details: { terminalId: "T1" } });

describe("listIncidents / getIncident", () => {
  it("filters by status and kind, newest first, and keeps tenants apart", async () => {
    const [a, b] = await Promise.all([createMunicipality(), createMunicipality()]);
    const first = await open(a.id);
    const second = await open(a.id, "emergency_stop");
    const ofB = await open(b.id);
    const platform = await open(null);
    const ctx = staffCtx(a.id, "clerk");

    const all = await listIncidents({ ctx, input: {} });
    expect(all.items.map((i) => i.id)).toEqual([second, first]);
    expect((await listIncidents({ ctx, input: { kind: "emergency_stop" } })).items.map((i) => i.id)).toEqual([second]);
    await acknowledgeIncident({ ctx, input: { incidentId: first } });
    expect((await listIncidents({ ctx, input: { status: "acknowledged" } })).items.map((i) => i.id)).toEqual([first]);
    expect((await listIncidents({ ctx, input: { status: "open" } })).items.map((i) => i.id)).toEqual([second]);

    // Staff of A: nothing of B nor platform incidents, in lists or by id.
    expect((await listIncidents({ ctx, input: { municipality: b.code } })).items.map((i) => i.id)).toEqual([second, first]);
    await expect(getIncident({ ctx, input: { incidentId: ofB } })).rejects.toMatchObject({ code: "not_found" });
    await expect(getIncident({ ctx, input: { incidentId: platform } })).rejects.toMatchObject({ code: "not_found" });

    const d = await getIncident({ ctx: staffCtx(a.id, "auditor"), input: { incidentId: first } });
    expect(d).toMatchObject({ status: "acknowledged", kind: "centre_error", details: [{ key: "terminalId", value: "T1" }] });

    const op = staffCtx(null, "operator");
    const opAll = await listIncidents({ ctx: op, input: {} });
    expect(opAll.items.map((i) => i.id)).toEqual(expect.arrayContaining([first, second, ofB, platform]));
    expect((await listIncidents({ ctx: op, input: { municipality: b.code } })).items.map((i) => i.id)).toEqual([ofB]);
    expect((await getIncident({ ctx: op, input: { incidentId: platform } })).municipality).toBeNull();
  });
});

describe("acknowledgeIncident / closeIncident", () => {
  it("acknowledges then closes with a reason, recording who, with audit events", async () => {
    const m = await createMunicipality();
    const clerk = await createStaffUser({ municipalityId: m.id, role: "clerk", displayName: "確認 職員" });
    const admin = await createStaffUser({ municipalityId: m.id, role: "municipal_admin", displayName: "管理 職員" });
    const id = await open(m.id);
    await acknowledgeIncident({ ctx: staffCtx(m.id, "clerk", clerk.id), input: { incidentId: id } });
    await closeIncident({ ctx: staffCtx(m.id, "municipal_admin", admin.id), input: { incidentId: id, reason: "  用紙詰まり。店舗で復旧済み。 " } });
    const row = await ownerDb().incident.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "closed", acknowledgedById: clerk.id, closedById: admin.id, closeReason: "用紙詰まり。店舗で復旧済み。" });
    const d = await getIncident({ ctx: staffCtx(m.id, "auditor"), input: { incidentId: id } });
    expect(d).toMatchObject({ acknowledgedBy: "確認 職員", closedBy: "管理 職員" });
    const events = await ownerDb().auditEvent.findMany({ where: { chain: m.id, targetId: id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["incident.open", "test"],
      ["incident.acknowledge", clerk.id],
      ["incident.close", admin.id],
    ]);
    expect(JSON.stringify(events.at(-1)!.details)).not.toContain("用紙");
  });

  it("closes straight from open; a closed incident cannot be acknowledged or closed again", async () => {
    const m = await createMunicipality();
    const ctx = staffCtx(m.id, "clerk");
    const id = await open(m.id);
    await closeIncident({ ctx, input: { incidentId: id, reason: "誤報" } });
    await expect(acknowledgeIncident({ ctx, input: { incidentId: id } })).rejects.toMatchObject({ code: "incident_state_conflict", status: 409 });
    await expect(closeIncident({ ctx, input: { incidentId: id, reason: "再度" } })).rejects.toMatchObject({ code: "incident_state_conflict" });
    const ack = await open(m.id);
    await acknowledgeIncident({ ctx, input: { incidentId: ack } });
    await expect(acknowledgeIncident({ ctx, input: { incidentId: ack } })).rejects.toMatchObject({ code: "incident_state_conflict" });
  });

  it("refuses a close without a reason or with more than 1000 characters, and changes nothing", async () => {
    const m = await createMunicipality();
    const ctx = staffCtx(m.id, "clerk");
    const id = await open(m.id);
    for (const reason of ["", "   ", "あ".repeat(1001)]) {
      await expect(closeIncident({ ctx, input: { incidentId: id, reason } })).rejects.toMatchObject({ code: "validation_failed" });
    }
    expect((await ownerDb().incident.findUniqueOrThrow({ where: { id } })).status).toBe("open");
    await closeIncident({ ctx, input: { incidentId: id, reason: "あ".repeat(1000) } });
  });

  it("lets staff of A not touch B's incidents, and auditors not act at all", async () => {
    const [a, b] = await Promise.all([createMunicipality(), createMunicipality()]);
    const ofB = await open(b.id);
    const platform = await open(null);
    const ctx = staffCtx(a.id, "municipal_admin");
    await expect(acknowledgeIncident({ ctx, input: { incidentId: ofB } })).rejects.toMatchObject({ code: "not_found" });
    await expect(closeIncident({ ctx, input: { incidentId: ofB, reason: "x" } })).rejects.toMatchObject({ code: "not_found" });
    await expect(acknowledgeIncident({ ctx, input: { incidentId: platform } })).rejects.toMatchObject({ code: "not_found" });
    const ofA = await open(a.id);
    await expect(acknowledgeIncident({ ctx: staffCtx(a.id, "auditor"), input: { incidentId: ofA } })).rejects.toMatchObject({ code: "forbidden" });
    expect((await ownerDb().incident.findMany({ where: { id: { in: [ofB, platform, ofA] } } })).map((i) => i.status)).toEqual(["open", "open", "open"]);
    expect(await ownerDb().auditEvent.count({ where: { targetId: { in: [ofB, platform, ofA] }, action: { not: "incident.open" } } })).toBe(0);
    // The operator may act on any municipality's and on platform incidents; events go to the incident's chain.
    const op = staffCtx(null, "operator");
    await acknowledgeIncident({ ctx: op, input: { incidentId: ofB } });
    await closeIncident({ ctx: op, input: { incidentId: platform, reason: "運用で対応" } });
    expect(await ownerDb().auditEvent.count({ where: { chain: b.id, targetId: ofB, action: "incident.acknowledge" } })).toBe(1);
    expect(await ownerDb().auditEvent.count({ where: { chain: "system", targetId: platform, action: "incident.close" } })).toBe(1);
  });
});
