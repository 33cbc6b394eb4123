// The issuance history plan (pure): the fee in force on each day, including a campaign inside the window.
import { describe, expect, it } from "vitest";
import { jstDateString } from "../../lib/jst";
import { buildIssuanceHistory } from "./history";
import { buildPlan } from "./plan";

describe("issuance history plan", () => {
  it("charges 世田谷区's ¥10 住民票 campaign (2024-10-01 – 2024-12-31) inside the window and ¥200 outside it", () => {
    const h = buildIssuanceHistory(buildPlan("2025-03-15"));
    expect(h.from).toBe("2024-03-01");
    const residence = h.issuances.filter((x) => x.muni === "setagaya" && x.certificateType === "residence");
    const fee = (from: string, to: string) => new Set(residence.filter((x) => jstDateString(x.renderedAt) >= from && jstDateString(x.renderedAt) <= to).map((x) => x.feePerCopy));
    expect(fee("2024-10-01", "2024-12-31")).toEqual(new Set([10]));
    expect(fee("2024-03-01", "2024-09-30")).toEqual(new Set([200]));
    expect(fee("2025-01-04", "2025-03-14")).toEqual(new Set([200]));
    // 松本市's new fee starts next 1 April: never in the history.
    expect(new Set(h.issuances.filter((x) => x.muni === "matsumoto" && x.certificateType === "residence").map((x) => x.feePerCopy))).toEqual(new Set([150]));
  }, 60_000);
});
