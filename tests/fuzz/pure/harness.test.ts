// The fuzz gate can fail: a transport that answers 500 (or a 200 without problem+json to garbage) must turn
// the kiosk targets red. Guards the harness itself against a property that can never fail.
import { describe, expect, it } from "vitest";
import { runTarget } from "../fuzz-run";
import { kioskTargets, type Send } from "../kiosk-targets";

const targetsWith = (send: Send) => kioskTargets({ baseUrl: "http://localhost", send, client: { keyId: "k", secret: "s" }, municipalityCode: "131016", canLieAboutContentLength: true });

describe("the fuzz harness", () => {
  it("fails on a server that answers 500", async () => {
    const t = targetsWith(async () => new Response(JSON.stringify({ status: 500, code: "internal_error" }), { status: 500, headers: { "Content-Type": "application/problem+json" } }));
    await expect(runTarget("harness/500", t.unsignedGarbage, { runs: 20 })).rejects.toThrow(/expected a 4xx answer/);
  });

  it("fails on a server that accepts garbage", async () => {
    const t = targetsWith(async () => new Response("{}", { status: 200, headers: { "Content-Type": "application/json" } }));
    await expect(runTarget("harness/200", t.signedGarbage, { runs: 20 })).rejects.toThrow(/expected a 4xx answer/);
  });

  it("fails on a 4xx that is not problem+json", async () => {
    const t = targetsWith(async () => new Response("bad", { status: 400, headers: { "Content-Type": "text/plain" } }));
    await expect(runTarget("harness/text", t.oversizeBodies, { runs: 20 })).rejects.toThrow(/application\/problem\+json/);
  });
});
