import { describe, expect, it } from "vitest";
import { createDb } from "@/server/db";
import { checkHealth } from "@/server/health/check-health";

describe("checkHealth", () => {
  it("reports the database reachable and row-level security enforced for the app role", async () => {
    const h = await checkHealth();
    expect(h.status).toBe("ok");
    expect(h.database).toMatchObject({ reachable: true, rowLevelSecurity: "enforced" });
  });

  it("reports degraded when the app connects as the owner (row-level security bypassed)", async () => {
    const g = globalThis as unknown as { __db?: ReturnType<typeof createDb> };
    const appDb = g.__db;
    g.__db = createDb(process.env.OWNER_DATABASE_URL!, 2);
    try {
      const h = await checkHealth();
      expect(h).toMatchObject({ status: "degraded", database: { reachable: true, rowLevelSecurity: "bypassed" } });
    } finally {
      await g.__db.$disconnect();
      g.__db = appDb;
    }
  });
});
