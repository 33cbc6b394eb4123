import { describe, expect, it } from "vitest";
import { beforeDeadline } from "./before-deadline";

const expired = () => new Error("deadline");

describe("beforeDeadline", () => {
  it("answers with the work when it finishes first, and with its error when it fails first", async () => {
    await expect(beforeDeadline(new AbortController().signal, Promise.resolve(7), expired)).resolves.toBe(7);
    await expect(beforeDeadline(new AbortController().signal, Promise.reject(new Error("work")), expired)).rejects.toThrow("work");
  });

  it("answers at the deadline when the work hangs, and a late failure of the work is swallowed", async () => {
    let fail!: (e: Error) => void;
    const hanging = new Promise<number>((_, reject) => (fail = reject));
    const controller = new AbortController();
    const answer = beforeDeadline(controller.signal, hanging, expired);
    controller.abort();
    await expect(answer).rejects.toThrow("deadline");
    fail(new Error("late")); // no unhandled rejection
    await new Promise((r) => setTimeout(r, 10));
  });

  it("refuses at once when the deadline has already passed", async () => {
    await expect(beforeDeadline(AbortSignal.abort(), new Promise(() => undefined), expired)).rejects.toThrow("deadline");
  });
});
