import { describe, expect, it } from "vitest";
import { BASE_DELAY_MS, FREE_ATTEMPTS, MAX_DELAY_MS, throttleDelayMs } from "./throttle";

describe("sign-in throttle", () => {
  it("is free for the first attempts, then doubles, capped", () => {
    expect(throttleDelayMs(FREE_ATTEMPTS - 1)).toBe(0);
    expect(throttleDelayMs(FREE_ATTEMPTS)).toBe(BASE_DELAY_MS);
    expect(throttleDelayMs(FREE_ATTEMPTS + 1)).toBe(BASE_DELAY_MS * 2);
    expect(throttleDelayMs(FREE_ATTEMPTS + 50)).toBe(MAX_DELAY_MS);
  });
});
