import { expect, test } from "@playwright/test";
import { runConformance } from "../../scripts/kiosk/conformance";

// The conformance suite of `npm run kiosk -- conformance` against the e2e server (fresh demo data):
// every endpoint, every error code reachable with the demo data, signatures, replays and PDF checks.
test("the server passes the kiosk conformance suite", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const lines: string[] = [];
  const result = await runConformance({
    baseUrl: baseURL!,
    keyId: "demo-simulator",
    secret: "demo-simulator-secret-0123456789abcdef",
    clockOverride: "2026-11-27T01:00:00.000Z", // 10:00 JST on a Friday
    log: (s) => lines.push(s),
  });
  console.log(lines.join("\n"));
  expect(lines.filter((l) => l.startsWith("FAIL"))).toEqual([]);
  expect(result.failed).toBe(0);
  expect(result.skipped).toBe(0);
  expect(result.passed).toBeGreaterThanOrEqual(40);
});
