import { describe, expect, it } from "vitest";
import { ABSOLUTE_TIMEOUT_SECONDS, IDLE_TIMEOUT_SECONDS, sessionTimeoutDecision } from "./session-timeouts";

const T0 = 1_800_000_000;

describe("sessionTimeoutDecision", () => {
  it("keeps a fresh session", () => {
    expect(sessionTimeoutDecision({ signedInAt: T0, lastActivity: T0 }, T0)).toBe("active");
  });

  it("ends a session idle for exactly 15 minutes, not one second earlier", () => {
    expect(sessionTimeoutDecision({ signedInAt: T0, lastActivity: T0 }, T0 + IDLE_TIMEOUT_SECONDS - 1)).toBe("active");
    expect(sessionTimeoutDecision({ signedInAt: T0, lastActivity: T0 }, T0 + IDLE_TIMEOUT_SECONDS)).toBe("idle_timeout");
  });

  it("measures idleness from the last activity", () => {
    const last = T0 + 3600;
    expect(sessionTimeoutDecision({ signedInAt: T0, lastActivity: last }, last + IDLE_TIMEOUT_SECONDS - 1)).toBe("active");
    expect(sessionTimeoutDecision({ signedInAt: T0, lastActivity: last }, last + IDLE_TIMEOUT_SECONDS)).toBe("idle_timeout");
  });

  it("ends an active session 8 hours after sign-in, whatever the activity", () => {
    const end = T0 + ABSOLUTE_TIMEOUT_SECONDS;
    expect(sessionTimeoutDecision({ signedInAt: T0, lastActivity: end - 2 }, end - 1)).toBe("active");
    expect(sessionTimeoutDecision({ signedInAt: T0, lastActivity: end - 1 }, end)).toBe("absolute_timeout");
  });

  it("refuses tokens without times or with impossible times", () => {
    expect(sessionTimeoutDecision({}, T0)).toBe("invalid");
    expect(sessionTimeoutDecision({ signedInAt: T0 }, T0)).toBe("invalid");
    expect(sessionTimeoutDecision({ signedInAt: T0 + 3600, lastActivity: T0 + 3600 }, T0)).toBe("invalid");
    expect(sessionTimeoutDecision({ signedInAt: T0, lastActivity: T0 - 1 }, T0)).toBe("invalid");
  });
});
