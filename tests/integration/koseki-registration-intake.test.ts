// 本籍地 利用登録 intake: the public web pre-registration, the status page and the signed kiosk endpoint.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as registrationPost } from "@/app/api/kiosk/v1/koseki-registrations/route";
import { ZKosekiRegistrationResponse, ZProblem } from "@/lib/schemas/kiosk-responses";
import { decryptField, FieldContext } from "@/server/crypto/field-encryption";
import { ownerDb } from "@/tests/setup/owner-db";
import { signRequest } from "@/server/kiosk-protocol/http-signatures";
import { lookupRegistrationStatus } from "@/server/koseki-registration/lookup-registration-status";
import { submitPreRegistration } from "@/server/koseki-registration/submit-pre-registration";
import { createApiClient, OPEN_AT } from "../factories/issuance";
import { createKosekiMunicipality, kioskRegistrationBody, nonResidentWithKoseki, preRegistrationForm } from "../factories/koseki-registration";

const URL_BASE = "http://localhost/api/kiosk/v1/koseki-registrations";
const client = () => `client-${crypto.randomUUID()}`;
const showa55 = { birthCalendar: "showa" as const, birthYear: "55", birthMonth: "4", birthDay: "1" };

beforeAll(() => {
  process.env.ALLOW_CLOCK_OVERRIDE = "true";
  delete process.env.KIOSK_PUBLIC_ORIGIN;
});

function apply(body: unknown, api: { keyId: string; secret: string }, at: Date = OPEN_AT) {
  const raw = JSON.stringify(body);
  const headers = signRequest({ method: "POST", targetUri: URL_BASE, body: raw, keyId: api.keyId, secret: api.secret });
  return registrationPost(new Request(URL_BASE, { method: "POST", headers: { "Content-Type": "application/json", "X-Clock-Override": at.toISOString(), ...headers }, body: raw }));
}

async function problem(res: Response, status: number, code: string) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const p = ZProblem.parse(await res.json());
  expect({ status: res.status, code: p.code }).toEqual({ status, code });
  return p;
}

async function apiClient() {
  const { client: c, secret } = await createApiClient();
  return { keyId: c.keyId, secret };
}

describe("the web pre-registration", () => {
  it("stores a pending application at the 本籍地 with the e-mail encrypted and returns a receipt number", async () => {
    const town = await createKosekiMunicipality();
    const receipt = await submitPreRegistration({ input: preRegistrationForm(town.code, { email: "ichiro@example.jp", honsekiAddress: `${town.prefecture}${town.name}本町７番地` }), clientKey: client(), now: OPEN_AT });
    expect(receipt.receiptNo).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const row = await ownerDb().kosekiRegistration.findUniqueOrThrow({ where: { receiptNo: receipt.receiptNo } });
    expect(row).toMatchObject({ municipalityId: town.id, status: "pending", source: "web", cardSerial: null, applicantFamilyName: "川村", kosekiHeadName: "川村 一郎" });
    expect(row.honseki).toBe(`${town.prefecture}${town.name}本町7番地`); // the typed prefix is not repeated
    expect(row.applicantDateOfBirth.toISOString().slice(0, 10)).toBe("1980-04-01"); // 昭和55年
    expect(row.dueOn.toISOString().slice(0, 10)).toBe("2026-12-04"); // Fri 11/27 + 5 business days
    expect(row.emailCipher).not.toContain("example.jp");
    expect(decryptField(row.emailCipher!, FieldContext.registrationEmail)).toBe("ichiro@example.jp");
    const audit = await ownerDb().auditEvent.findFirstOrThrow({ where: { targetId: row.id } });
    expect(audit).toMatchObject({ action: "koseki_registration.pre_register", actorType: "resident", municipalityId: town.id });
    expect(JSON.stringify(audit.details)).not.toMatch(/川村|example|本町|1980/);
  });

  it("refuses bad input field by field and writes nothing", async () => {
    const town = await createKosekiMunicipality();
    const before = await ownerDb().kosekiRegistration.count();
    const bad = preRegistrationForm(town.code, { familyNameKana: "かわむら", birthCalendar: "heisei", birthYear: "32", email: "not-an-address", consent: false });
    await expect(submitPreRegistration({ input: bad, clientKey: client(), now: OPEN_AT })).rejects.toMatchObject({
      code: "validation_failed",
      details: {
        errors: expect.arrayContaining([
          { path: "familyNameKana", message: expect.stringContaining("カタカナ") },
          { path: "birthDay", message: expect.stringContaining("生年月日") },
          { path: "email", message: expect.any(String) },
          { path: "consent", message: expect.any(String) },
        ]),
      },
    });
    expect(await ownerDb().kosekiRegistration.count()).toBe(before);
  });

  it("is closed during a registration_intake stop, open outside it, and throttled per client", async () => {
    const town = await createKosekiMunicipality();
    await ownerDb().serviceStop.create({ data: { municipalityId: town.id, scope: "registration_intake", startsAt: new Date("2026-11-27T09:00:00+09:00"), endsAt: new Date("2026-11-27T12:00:00+09:00"), notice: "システム更新のため受付を停止します" } });
    await expect(submitPreRegistration({ input: preRegistrationForm(town.code), clientKey: client(), now: OPEN_AT })).rejects.toMatchObject({ code: "registration_intake_closed", details: { notice: "システム更新のため受付を停止します" } });
    expect(await ownerDb().kosekiRegistration.count({ where: { municipalityId: town.id } })).toBe(0);
    const later = new Date("2026-11-27T13:00:00+09:00");
    const key = client();
    for (let i = 0; i < 5; i++) await submitPreRegistration({ input: preRegistrationForm(town.code), clientKey: key, now: later });
    await expect(submitPreRegistration({ input: preRegistrationForm(town.code), clientKey: key, now: later })).rejects.toMatchObject({ code: "rate_limited" });
    expect(await ownerDb().kosekiRegistration.count({ where: { municipalityId: town.id } })).toBe(5);
  });
});

describe("the status page", () => {
  it("answers only to the receipt number with the right date of birth, the same way for unknown numbers", async () => {
    const town = await createKosekiMunicipality();
    const { receiptNo } = await submitPreRegistration({ input: preRegistrationForm(town.code), clientKey: client(), now: OPEN_AT });
    const view = await lookupRegistrationStatus({ input: { receiptNo: receiptNo.toLowerCase().replace(/-/g, ""), birthCalendar: "seireki", birthYear: "1980", birthMonth: "04", birthDay: "01" }, clientKey: client() });
    expect(view).toMatchObject({ receiptNo, status: "pending", awaitingCard: true, municipalityName: `${town.prefecture}${town.name}`, receivedOn: "2026-11-27" });
    await expect(lookupRegistrationStatus({ input: { receiptNo, ...showa55, birthDay: "2" }, clientKey: client() })).rejects.toMatchObject({ code: "registration_not_found", status: 404 });
    await expect(lookupRegistrationStatus({ input: { receiptNo: "0000-0000-0000", ...showa55 }, clientKey: client() })).rejects.toMatchObject({ code: "registration_not_found", status: 404 });
    // The one successful read is audited (a resident actor, the application's id and status, nothing else).
    const row = await ownerDb().kosekiRegistration.findUniqueOrThrow({ where: { receiptNo } });
    const views = await ownerDb().auditEvent.findMany({ where: { action: "koseki_registration.status_view", targetId: row.id } });
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ actorType: "resident", municipalityId: town.id, details: { status: "pending" } });
  });

  it("shows the day the application was received in JST, not the UTC day nor the day it is looked at", async () => {
    const town = await createKosekiMunicipality();
    // 00:10 JST on 28 November is still 27 November in UTC.
    const receivedAt = new Date("2026-11-28T00:10:00+09:00");
    const { receiptNo } = await submitPreRegistration({ input: preRegistrationForm(town.code), clientKey: client(), now: receivedAt });
    const view = await lookupRegistrationStatus({ input: { receiptNo, ...showa55 }, clientKey: client(), now: new Date("2026-12-03T12:00:00+09:00") });
    expect(view.receivedOn).toBe("2026-11-28");
  });

  it("throttles guesses at one receipt number, whoever asks, and lookups per client", async () => {
    const town = await createKosekiMunicipality();
    const { receiptNo } = await submitPreRegistration({ input: preRegistrationForm(town.code), clientKey: client(), now: OPEN_AT });
    const now = new Date(OPEN_AT.getTime() + 10 * 60_000);
    for (let day = 1; day <= 5; day++) {
      await expect(lookupRegistrationStatus({ input: { receiptNo, ...showa55, birthDay: String(day + 1) }, clientKey: client(), now })).rejects.toMatchObject({ code: "registration_not_found" });
    }
    // The right date of birth no longer helps within the window: the number is throttled.
    await expect(lookupRegistrationStatus({ input: { receiptNo, ...showa55 }, clientKey: client(), now })).rejects.toMatchObject({ code: "rate_limited", status: 429 });
    expect((await lookupRegistrationStatus({ input: { receiptNo, ...showa55 }, clientKey: client(), now: new Date(now.getTime() + 61 * 60_000) })).status).toBe("pending");

    const scanner = client();
    for (let i = 0; i < 20; i++) await lookupRegistrationStatus({ input: { receiptNo: `AAAA-AAAA-${String(i).padStart(4, "0")}`, ...showa55 }, clientKey: scanner, now }).catch(() => undefined);
    await expect(lookupRegistrationStatus({ input: { receiptNo: "BBBB-BBBB-BBBB", ...showa55 }, clientKey: scanner, now })).rejects.toMatchObject({ code: "rate_limited" });
  });
});

describe("POST /api/kiosk/v1/koseki-registrations", () => {
  it("binds the card certificate, takes the applicant from the register, and answers a receipt number and deadline", async () => {
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const api = await apiClient();
    const p = await nonResidentWithKoseki(home, town);
    const res = await apply(kioskRegistrationBody(town.code, p.card, { email: "ichiro@example.jp" }), api);
    expect(res.status).toBe(200);
    const body = ZKosekiRegistrationResponse.parse(await res.json());
    expect(body).toMatchObject({ status: "pending", municipality: { code: town.code, name: town.name }, dueOn: "2026-12-04", preRegistrationLinked: false });
    const row = await ownerDb().kosekiRegistration.findUniqueOrThrow({ where: { receiptNo: body.receiptNo } });
    expect(row).toMatchObject({ municipalityId: town.id, source: "kiosk", cardIssuer: p.card.issuer, cardSerial: p.card.serial, applicantFamilyName: "川村", applicantGivenName: "一郎", honseki: `${town.prefecture}${town.name}本町七番地` });
    expect(decryptField(row.emailCipher!, FieldContext.registrationEmail)).toBe("ichiro@example.jp");

    // A second application for the same certificate while the first is pending.
    const again = await problem(await apply(kioskRegistrationBody(town.code, p.card), api), 409, "koseki_registration_exists");
    expect(again).toMatchObject({ receiptNo: body.receiptNo, registrationStatus: "pending" });
  });

  it("completes a web pre-registration of the same person, and refuses another person's receipt number alike", async () => {
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const api = await apiClient();
    const p = await nonResidentWithKoseki(home, town);
    const web = await submitPreRegistration({ input: preRegistrationForm(town.code, { email: "web@example.jp" }), clientKey: client(), now: OPEN_AT });

    const stranger = await nonResidentWithKoseki(home, town, { givenName: "次郎", dateOfBirth: "1985-02-02" });
    await problem(await apply(kioskRegistrationBody(town.code, stranger.card, { preRegistrationReceiptNo: web.receiptNo, honsekiAddress: undefined, kosekiHeadName: undefined }), api), 404, "pre_registration_not_found");

    const res = await apply({ ...kioskRegistrationBody(town.code, p.card, { preRegistrationReceiptNo: web.receiptNo }), honsekiAddress: undefined, kosekiHeadName: undefined }, api);
    const body = ZKosekiRegistrationResponse.parse(await res.json());
    expect(body.preRegistrationLinked).toBe(true);
    const [pre, kiosk] = await Promise.all([
      ownerDb().kosekiRegistration.findUniqueOrThrow({ where: { receiptNo: web.receiptNo } }),
      ownerDb().kosekiRegistration.findUniqueOrThrow({ where: { receiptNo: body.receiptNo } }),
    ]);
    expect(pre.status).toBe("withdrawn");
    expect(kiosk).toMatchObject({ preRegistrationId: pre.id, honseki: pre.honseki, kosekiHeadName: pre.kosekiHeadName, emailCipher: pre.emailCipher, cardSerial: p.card.serial });
    // The web receipt number now shows the kiosk application.
    const view = await lookupRegistrationStatus({ input: { receiptNo: web.receiptNo, ...showa55 }, clientKey: client() });
    expect(view).toMatchObject({ status: "pending", kioskReceiptNo: body.receiptNo, awaitingCard: false, dueOn: "2026-12-04" });
    // Used once only.
    await problem(await apply(kioskRegistrationBody(town.code, p.card, { preRegistrationReceiptNo: web.receiptNo }), api), 409, "koseki_registration_exists");
  });

  it("two kiosks applying at once for one certificate create one application", async () => {
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const api = await apiClient();
    const p = await nonResidentWithKoseki(home, town);
    const answers = await Promise.all([apply(kioskRegistrationBody(town.code, p.card), api), apply(kioskRegistrationBody(town.code, p.card), api)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await ownerDb().kosekiRegistration.count({ where: { municipalityId: town.id, cardSerial: p.card.serial } })).toBe(1);
  });

  it("refuses revoked and unknown cards, residents of the 本籍地, missing 本籍, and intake during a stop", async () => {
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const api = await apiClient();
    const p = await nonResidentWithKoseki(home, town);

    const unknown = await problem(await apply(kioskRegistrationBody(town.code, { issuer: "JPKI", serial: "NO-SUCH-SERIAL" }), api), 403, "card_unknown");
    expect(unknown.message).toBe("このカードではご利用いただけません。お住まいの市区町村の窓口にお問い合わせください。");
    const local = await nonResidentWithKoseki(town, town, { givenName: "三郎" });
    await problem(await apply(kioskRegistrationBody(town.code, local.card), api), 409, "registration_not_needed");
    const missing = await problem(await apply({ ...kioskRegistrationBody(town.code, p.card), honsekiAddress: undefined }, api), 422, "validation_failed");
    expect(missing.errors).toEqual([expect.objectContaining({ path: "honsekiAddress" })]);

    await ownerDb().serviceStop.create({ data: { municipalityId: town.id, scope: "registration_intake", startsAt: new Date("2026-11-27T09:00:00+09:00"), endsAt: new Date("2026-11-27T12:00:00+09:00"), notice: "受付停止中" } });
    expect(await problem(await apply(kioskRegistrationBody(town.code, p.card), api), 503, "registration_intake_closed")).toMatchObject({ notice: "受付停止中" });
    // A koseki-only stop does not close the intake.
    await ownerDb().serviceStop.create({ data: { municipalityId: town.id, scope: "koseki", startsAt: new Date("2026-11-27T12:00:00+09:00"), endsAt: new Date("2026-11-27T18:00:00+09:00"), notice: "戸籍停止" } });
    await ownerDb().cardCertificate.update({ where: { id: p.card.id }, data: { status: "revoked", revokedAt: new Date("2026-11-01T00:00:00Z") } });
    await problem(await apply(kioskRegistrationBody(town.code, p.card), api, new Date("2026-11-27T13:00:00+09:00")), 403, "card_revoked");
    expect(await ownerDb().kosekiRegistration.count({ where: { municipalityId: town.id } })).toBe(0);
  });
});
