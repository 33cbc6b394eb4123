import { describe, expect, it } from "vitest";
import { settingsInForce } from "./issuance-settings-in-force";

const base = { usableFromNextDay: true, nameMaxLength: 40, nameMaxLines: 1, addressMaxLength: 80, addressMaxLines: 1, excludeAdultWards: false };
const v = (id: string, from: string, over: Partial<typeof base>) => ({ ...base, ...over, id, effectiveFrom: new Date(from) });

describe("settingsInForce", () => {
  const versions = [v("b", "2026-12-05T00:00:00+09:00", { nameMaxLength: 20 }), v("a", "2026-12-01T00:00:00+09:00", { excludeAdultWards: true })];

  it("is the baseline before the first version", () => {
    expect(settingsInForce(base, versions, new Date("2026-11-30T23:59:59+09:00"))).toEqual({ ...base, versionId: null, effectiveFrom: null });
  });

  it("is the latest version at or before the instant, whatever the order given", () => {
    expect(settingsInForce(base, versions, new Date("2026-12-01T00:00:00+09:00"))).toMatchObject({ versionId: "a", excludeAdultWards: true, nameMaxLength: 40 });
    // Each version is the full set: the later one does not inherit the earlier one's change.
    expect(settingsInForce(base, versions, new Date("2026-12-06T00:00:00+09:00"))).toMatchObject({ versionId: "b", excludeAdultWards: false, nameMaxLength: 20 });
  });
});
