// Deliberately failing (issue 13). Run only by scripts/test-gate-canary.ts through the unit project of
// vitest.config.ts; outside every normal include glob. The canary passes only if this run exits non-zero.
import { expect, it } from "vitest";

it("canary: a failing unit test makes `vitest run` exit non-zero", () => {
  expect(1 + 1).toBe(3);
});
