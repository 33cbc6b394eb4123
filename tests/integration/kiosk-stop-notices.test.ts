// お知らせ at the kiosk: the eligibility answer, over the signed kiosk route, carries per certificate type the
// notice of a planned stop or the reason of an emergency stop that affects the type — while it refuses, and for
// a planned stop starting within the next 7 days — and nothing for the types a stop leaves alone.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as eligibilityPost } from "@/app/api/kiosk/v1/eligibility/route";
import { ZEligibilityResponse, type EligibilityResponseWire } from "@/lib/schemas/kiosk-responses";
import { signRequest } from "@/server/kiosk-protocol/http-signatures";
import { ownerDb } from "@/tests/setup/owner-db";
import { createApiClient, createCardholder, createServedMunicipality, OPEN_AT } from "../factories/issuance";
import { createKosekiMunicipality } from "../factories/koseki-registration";

const BASE = "http://localhost/api/kiosk/v1";
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(OPEN_AT.getTime() + ms);

beforeAll(() => {
  process.env.ALLOW_CLOCK_OVERRIDE = "true";
  delete process.env.KIOSK_PUBLIC_ORIGIN;
});

type Client = { keyId: string; secret: string };

/** POST /eligibility as a centre, judged at OPEN_AT (a Friday 10:00 JST), parsed with the published schema. */
async function eligibility(municipalityCode: string, card: { issuer: string; serial: string }, client: Client, purpose: "residence" | "honseki" = "residence"): Promise<EligibilityResponseWire> {
  const body = JSON.stringify({
    transactionId: crypto.randomUUID(),
    terminal: { storeChain: "test-mart", storeCode: "0001", terminalId: "T1" },
    card: { issuer: card.issuer, serial: card.serial },
    municipalityCode,
    purpose,
  });
  const url = `${BASE}/eligibility`;
  const signature = signRequest({ method: "POST", targetUri: url, body, keyId: client.keyId, secret: client.secret });
  const res = await eligibilityPost(new Request(url, { method: "POST", headers: { "Content-Type": "application/json", "X-Clock-Override": OPEN_AT.toISOString(), ...signature }, body }));
  expect(res.status).toBe(200);
  return ZEligibilityResponse.parse(await res.json());
}

/** The types the factory municipality offers (the tax types are refused for other reasons: no offering, no record). */
const OFFERED = ["residence", "residence-entry", "seal"];
const offered = (e: EligibilityResponseWire) => e.certificates.filter((c) => OFFERED.includes(c.type));
const byType = (e: EligibilityResponseWire) => Object.fromEntries(e.certificates.map((c) => [c.type, c]));
const noticeTexts = (e: EligibilityResponseWire) => Object.fromEntries(e.certificates.map((c) => [c.type, (c.notices ?? []).map((n) => n.text)]));

async function town(koseki = false) {
  const m = koseki ? await createKosekiMunicipality() : await createServedMunicipality();
  const holder = await createCardholder(m.id, { seal: true });
  const api = await createApiClient();
  return { m, card: holder.card, client: { keyId: api.client.keyId, secret: api.secret } };
}

describe("stop notices in the eligibility answer", () => {
  it("a planned stop of every service: each type is refused and carries the notice, in force, with its period", async () => {
    const { m, card, client } = await town();
    const other = await createServedMunicipality();
    const startsAt = at(-HOUR);
    const endsAt = at(2 * HOUR);
    await ownerDb().serviceStop.createMany({
      data: [
        { municipalityId: m.id, scope: "all", startsAt, endsAt, notice: "システム保守のため停止しています。" },
        // Another municipality's stop never reaches this one's answer.
        { municipalityId: other.id, scope: "all", startsAt, endsAt, notice: "他の市の停止" },
      ],
    });
    const e = await eligibility(m.code, card, client);
    for (const c of offered(e)) expect(c).toMatchObject({ available: false, reason: "service_planned_stop" });
    for (const c of e.certificates) {
      expect(c.notices).toEqual([{ kind: "planned_stop", inForce: true, text: "システム保守のため停止しています。", startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }]);
    }
  });

  it("a 戸籍-only stop: the 戸籍 and 附票 types carry it, the 住所地 types do not", async () => {
    const { m, card, client } = await town(true);
    await ownerDb().serviceStop.create({ data: { municipalityId: m.id, scope: "koseki", startsAt: at(-HOUR), endsAt: at(HOUR), notice: "戸籍システム更新のため戸籍証明書を停止しています。" } });
    const residence = await eligibility(m.code, card, client, "residence");
    expect(residence.certificates.filter((c) => c.notices)).toEqual([]);
    expect(byType(residence).residence).toMatchObject({ available: true });

    // 本籍地 services: every 戸籍 type carries the notice, whatever else refuses it (this cardholder has no 戸籍).
    const honseki = await eligibility(m.code, card, client, "honseki");
    expect(noticeTexts(honseki)).toEqual({
      "koseki-full": ["戸籍システム更新のため戸籍証明書を停止しています。"],
      "koseki-individual": ["戸籍システム更新のため戸籍証明書を停止しています。"],
      "koseki-fuhyo": ["戸籍システム更新のため戸籍証明書を停止しています。"],
    });
    for (const c of honseki.certificates) expect(c.notices?.[0]).toMatchObject({ kind: "planned_stop", inForce: true });
  });

  it("a registration-intake stop concerns no certificate type", async () => {
    const { m, card, client } = await town(true);
    await ownerDb().serviceStop.create({ data: { municipalityId: m.id, scope: "registration_intake", startsAt: at(-HOUR), endsAt: at(HOUR), notice: "利用登録の受付を停止しています。" } });
    for (const purpose of ["residence", "honseki"] as const) expect((await eligibility(m.code, card, client, purpose)).certificates.filter((c) => c.notices)).toEqual([]);
  });

  it("an emergency stop of one type: that type carries its reason, the others nothing; an ended one is silent", async () => {
    const { m, card, client } = await town();
    const startedAt = at(-30 * 60_000);
    await ownerDb().emergencyStop.createMany({
      data: [
        { municipalityId: m.id, certificateType: "seal", reason: "印鑑登録システムの障害のため停止しています。", startedAt },
        { municipalityId: m.id, certificateType: "residence", reason: "終了した停止", startedAt: at(-DAY), endedAt: at(-DAY + HOUR) },
      ],
    });
    const e = await eligibility(m.code, card, client);
    expect(byType(e).seal).toMatchObject({ available: false, reason: "service_emergency_stop", notices: [{ kind: "emergency_stop", inForce: true, text: "印鑑登録システムの障害のため停止しています。", startsAt: startedAt.toISOString(), endsAt: null }] });
    expect(byType(e).residence).toMatchObject({ available: true });
    expect(noticeTexts(e)).toEqual({ residence: [], "residence-entry": [], seal: ["印鑑登録システムの障害のため停止しています。"], "tax-income": [], "tax-assessment": [], "tax-income-assessment": [] });
  });

  it("an emergency stop of every type comes first, before a planned stop's notice", async () => {
    const { m, card, client } = await town();
    await ownerDb().emergencyStop.create({ data: { municipalityId: m.id, certificateType: null, reason: "障害対応中です。", startedAt: at(-HOUR) } });
    await ownerDb().serviceStop.create({ data: { municipalityId: m.id, scope: "all", startsAt: at(2 * DAY), endsAt: at(2 * DAY + HOUR), notice: "次の停止" } });
    const e = await eligibility(m.code, card, client);
    for (const c of e.certificates) expect((c.notices ?? []).map((n) => [n.kind, n.inForce, n.text])).toEqual([["emergency_stop", true, "障害対応中です。"], ["planned_stop", false, "次の停止"]]);
  });

  it("an upcoming planned stop within 7 days is announced on available types; later, ended and unrelated ones are not", async () => {
    const { m, card, client } = await town();
    const soon = { startsAt: at(3 * DAY), endsAt: at(3 * DAY + 5 * HOUR) };
    await ownerDb().serviceStop.createMany({
      data: [
        { municipalityId: m.id, scope: "all", ...soon, notice: "3日後にシステム保守を行います。" },
        { municipalityId: m.id, scope: "all", startsAt: at(7 * DAY + HOUR), endsAt: at(8 * DAY), notice: "8日後の停止" },
        { municipalityId: m.id, scope: "all", startsAt: at(-2 * DAY), endsAt: at(-DAY), notice: "終わった停止" },
        { municipalityId: m.id, scope: "koseki", startsAt: at(DAY), endsAt: at(2 * DAY), notice: "戸籍だけの停止" },
      ],
    });
    const e = await eligibility(m.code, card, client);
    for (const c of offered(e)) expect(c.available).toBe(true);
    for (const c of e.certificates) {
      expect(c.notices).toEqual([{ kind: "planned_stop", inForce: false, text: "3日後にシステム保守を行います。", startsAt: soon.startsAt.toISOString(), endsAt: soon.endsAt.toISOString() }]);
    }
  });

  it("no stop: the answer has no notices field at all (unchanged for existing clients)", async () => {
    const { m, card, client } = await town();
    const e = await eligibility(m.code, card, client);
    for (const c of e.certificates) expect("notices" in c).toBe(false);
  });
});
