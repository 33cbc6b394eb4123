// Fuzzing the kiosk API in-process: the route handlers get real Request objects (tests/fuzz/kiosk-targets.ts
// builds them) against the real database. The same targets run over HTTP with tests/fuzz/http.ts.
import { afterAll, beforeAll, describe, it } from "vitest";
import { POST as eligibilityPost } from "@/app/api/kiosk/v1/eligibility/route";
import { POST as completionPost } from "@/app/api/kiosk/v1/issuances/[id]/completion/route";
import { POST as issuancePost } from "@/app/api/kiosk/v1/issuances/route";
import { POST as registrationPost } from "@/app/api/kiosk/v1/koseki-registrations/route";
import { clearAuthFailures } from "@/server/api-clients/source-failure-limit";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { createApiClient, createCardholder, createServedMunicipality, OPEN_AT } from "../../factories/issuance";
import { fuzzRuns, fuzzTimeout, runTarget } from "../fuzz-run";
import { expectHealthy, kioskTargets, takeAnswerCounts, type KioskFuzzSetup, type Send } from "../kiosk-targets";

/** The in-process transport: the App Router's dispatch of the four kiosk POST routes. */
export const inProcess: Send = async (req) => {
  const path = new URL(req.url).pathname;
  const completion = /^\/api\/kiosk\/v1\/issuances\/([^/]+)\/completion$/.exec(path);
  if (completion) return completionPost(req, { params: Promise.resolve({ id: decodeURIComponent(completion[1]) }) });
  if (path === "/api/kiosk/v1/eligibility") return eligibilityPost(req);
  if (path === "/api/kiosk/v1/issuances") return issuancePost(req);
  if (path === "/api/kiosk/v1/koseki-registrations") return registrationPost(req);
  throw new Error(`no kiosk route at ${path}`);
};

let setup: KioskFuzzSetup;

beforeAll(async () => {
  process.env.ALLOW_CLOCK_OVERRIDE = "true";
  delete process.env.KIOSK_PUBLIC_ORIGIN;
  const m = await createServedMunicipality();
  const { card } = await createCardholder(m.id);
  const api = await createApiClient();
  setup = {
    baseUrl: "http://localhost",
    send: inProcess,
    client: { keyId: api.client.keyId, secret: api.secret },
    municipalityCode: m.code,
    healthyCard: { issuer: card.issuer, serial: card.serial },
    clockOverride: OPEN_AT.toISOString(),
    beforeEachRun: clearAuthFailures,
    canLieAboutContentLength: true,
  };
  await expectHealthy(setup);
});
afterAll(closeRenderPool);

const runs = fuzzRuns(250);

describe("fuzz: kiosk API (in-process)", () => {
  it.each(["unsignedGarbage", "signedGarbage", "signatureMutations", "oversizeBodies"] as const)(
    "%s: every answer is 4xx problem+json, and a valid signed request still succeeds",
    async (name) => {
      await runTarget(`kiosk/${name}`, kioskTargets(setup)[name], { runs });
      console.log(`[fuzz] kiosk/${name} answers: ${takeAnswerCounts()}`);
      await expectHealthy(setup);
    },
    fuzzTimeout(runs, 20),
  );
});
