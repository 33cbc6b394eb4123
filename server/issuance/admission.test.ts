import { describe, expect, it } from "vitest";
import { AdmissionGate } from "./admission";

const never = () => new AbortController().signal;

describe("AdmissionGate", () => {
  it("admits up to capacity at once, queues the rest in order and hands a freed slot to the next", async () => {
    const gate = new AdmissionGate(2, 10);
    const order: number[] = [];
    const r1 = await gate.enter(never());
    const r2 = await gate.enter(never());
    expect(gate.running).toBe(2);
    const p3 = gate.enter(never()).then((r) => (order.push(3), r));
    const p4 = gate.enter(never()).then((r) => (order.push(4), r));
    await Promise.resolve();
    expect([gate.running, gate.queued, order]).toEqual([2, 2, []]);
    r1();
    const r3 = await p3;
    expect([gate.running, gate.queued, order]).toEqual([2, 1, [3]]);
    r2();
    r2(); // a second call of the same releaser frees nothing more
    const r4 = await p4;
    expect([gate.running, gate.queued, order]).toEqual([2, 0, [3, 4]]);
    r3();
    r4();
    expect(gate.running).toBe(0);
  });

  it("answers server_busy at once when the queue is full", async () => {
    const gate = new AdmissionGate(1, 1);
    await gate.enter(never());
    void gate.enter(never());
    await expect(gate.enter(never())).rejects.toMatchObject({ code: "server_busy", status: 503 });
  });

  it("gives up a queued request at its deadline without taking a slot", async () => {
    const gate = new AdmissionGate(1, 5);
    const r1 = await gate.enter(never());
    const deadline = new AbortController();
    const waiting = gate.enter(deadline.signal);
    deadline.abort();
    await expect(waiting).rejects.toMatchObject({ code: "issuance_timeout", details: { retryAfterSeconds: 5 } });
    expect(gate.queued).toBe(0);
    r1();
    expect(gate.running).toBe(0);
    await expect(gate.enter(AbortSignal.abort())).rejects.toMatchObject({ code: "issuance_timeout" });
  });
});
