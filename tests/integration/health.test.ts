import { describe, expect, it } from "vitest";
import { checkHealth } from "@/server/health/check-health";

describe("checkHealth", () => {
  it("reports the database reachable", async () => {
    const h = await checkHealth();
    expect(h.status).toBe("ok");
    expect(h.database.reachable).toBe(true);
  });
});
