// Deliberately failing (issue 13). Run only by scripts/test-gate-canary.ts through the integration project of
// vitest.config.ts, so the embedded PostgreSQL global setup (whose exit hook once turned every failing run
// into exit 0) is loaded exactly as in the suite. The canary passes only if this run exits non-zero.
import { expect, it } from "vitest";
import { ownerDb } from "../setup/owner-db";

it("canary: a failing integration test makes `vitest run` exit non-zero", async () => {
  const [row] = await ownerDb().$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
  expect(row.one).toBe(2);
});
