import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("takes the entry the nearest trusted proxy appended, not what the client put in front", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.7", null)).toBe("203.0.113.7");
    expect(clientAddress("6.6.6.6, 203.0.113.7, 10.0.0.2", null, 2)).toBe("203.0.113.7");
  });
  it("falls back to X-Real-IP, then to one shared bucket", () => {
    expect(clientAddress(null, " 198.51.100.4 ")).toBe("198.51.100.4");
    expect(clientAddress("", null)).toBe("unknown");
  });
  it("uses the only entry when there are fewer entries than trusted hops", () => {
    expect(clientAddress("203.0.113.9", null, 3)).toBe("203.0.113.9");
  });
});
