// 本籍地 利用登録 review across two municipalities: the queue, the automatic match, approve and reject,
// business-day deadlines, audit, e-mail notices through a real SMTP server, and the card lifecycle.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import type { RequestContext } from "@/server/context";
import { ownerDb } from "@/tests/setup/owner-db";
import { checkEligibility } from "@/server/eligibility/check-eligibility";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { applyForRegistrationAtKiosk } from "@/server/koseki-registration/apply-at-kiosk";
import { approveRegistration } from "@/server/koseki-registration/approve-registration";
import { flagReregistrations } from "@/server/koseki-registration/flag-reregistrations";
import { getRegistrationReview } from "@/server/koseki-registration/get-registration-review";
import { listRegistrationQueue } from "@/server/koseki-registration/list-registration-queue";
import { lookupRegistrationStatus } from "@/server/koseki-registration/lookup-registration-status";
import { rejectRegistration } from "@/server/koseki-registration/reject-registration";
import { runMaintenance } from "@/server/maintenance/start-maintenance";
import { deliverPendingNotices } from "@/server/notices/deliver-notices";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { importText, toCsv } from "../factories/imports";
import { createApiClient, issueBody, OPEN_AT } from "../factories/issuance";
import { createKosekiMunicipality, kioskRegistrationBody, nonResidentWithKoseki, staffContext } from "../factories/koseki-registration";
import { startTestSmtp, type TestSmtp } from "../smtp";

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
  await closeRenderPool();
});
afterEach(() => {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
});

type Town = Awaited<ReturnType<typeof createKosekiMunicipality>>;

/** A registration applied at a kiosk by a resident of `home` whose 本籍 is `town`. */
async function applied(home: Town, town: Town, api: RequestContext, over: { givenName?: string; dateOfBirth?: string; email?: string; kosekiHeadName?: string } = {}) {
  const person = await nonResidentWithKoseki(home, town, over);
  const answer = await applyForRegistrationAtKiosk({ ctx: api, input: kioskRegistrationBody(town.code, person.card, { ...(over.email ? { email: over.email } : {}), ...(over.kosekiHeadName ? { kosekiHeadName: over.kosekiHeadName } : {}) }), now: OPEN_AT });
  const row = await ownerDb().kosekiRegistration.findUniqueOrThrow({ where: { receiptNo: answer.receiptNo } });
  return { person, answer, row };
}

const honsekiIssue = (code: string, card: { issuer: string; serial: string }) => ZIssueRequest.parse({ ...issueBody(code, card), purpose: "honseki", certificateType: "koseki-full", options: {} });
const honsekiReasons = async (api: RequestContext, code: string, card: { issuer: string; serial: string }) =>
  (await checkEligibility({ ctx: api, input: { ...issueBody(code, card), purpose: "honseki" }, now: OPEN_AT })).certificates.map((c) => (c.available ? "ok" : c.reason));

describe("the review queue of the 本籍地", () => {
  it("is the 本籍地's own: staff of the residence municipality see nothing and cannot decide; auditors read only", async () => {
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const { ctx: api } = await createApiClient();
    const { row } = await applied(home, town, api);

    const clerk = await staffContext(town.id, "clerk");
    const queue = await listRegistrationQueue({ ctx: clerk, input: {}, now: OPEN_AT });
    expect(queue.items.map((i) => i.receiptNo)).toEqual([row.receiptNo]);
    expect(queue.items[0]).toMatchObject({ applicantName: "川村 一郎", dueOn: "2026-12-04", overdue: false, cardBound: true });

    const homeClerk = await staffContext(home.id, "clerk");
    expect((await listRegistrationQueue({ ctx: homeClerk, input: { filter: "all" }, now: OPEN_AT })).items).toEqual([]);
    await expect(getRegistrationReview({ ctx: homeClerk, input: { registrationId: row.id } })).rejects.toMatchObject({ code: "not_found" });
    const homeAdmin = await staffContext(home.id, "municipal_admin");
    await expect(approveRegistration({ ctx: homeAdmin, input: { registrationId: row.id, kosekiMemberId: (await getRegistrationReview({ ctx: clerk, input: { registrationId: row.id } })).candidates[0].memberId } })).rejects.toMatchObject({ code: "not_found" });
    await expect(rejectRegistration({ ctx: homeAdmin, input: { registrationId: row.id, reasonCode: "other" } })).rejects.toMatchObject({ code: "not_found" });

    const auditor = await staffContext(town.id, "auditor");
    expect((await listRegistrationQueue({ ctx: auditor, input: {}, now: OPEN_AT })).items).toHaveLength(1);
    const view = await getRegistrationReview({ ctx: auditor, input: { registrationId: row.id } });
    expect(view.canDecide).toBe(false);
    await expect(rejectRegistration({ ctx: auditor, input: { registrationId: row.id, reasonCode: "other" } })).rejects.toMatchObject({ code: "forbidden" });
    const operator = await staffContext(null, "operator");
    await expect(listRegistrationQueue({ ctx: operator, input: {} })).rejects.toMatchObject({ code: "forbidden" });
    expect((await ownerDb().kosekiRegistration.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("pending");
  });

  it("marks applications past their business-day deadline as overdue", async () => {
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const { ctx: api } = await createApiClient();
    await applied(home, town, api);
    const clerk = await staffContext(town.id, "clerk");
    const onDue = await listRegistrationQueue({ ctx: clerk, input: {}, now: new Date("2026-12-04T17:00:00+09:00") });
    expect(onDue.items[0].overdue).toBe(false);
    const after = await listRegistrationQueue({ ctx: clerk, input: { filter: "overdue" }, now: new Date("2026-12-05T09:00:00+09:00") });
    expect(after.items).toHaveLength(1);
    expect(after.items[0].overdue).toBe(true);
    expect(after.counts).toMatchObject({ pending: 1, overdue: 1 });
  });

  it("matches against the 戸籍 and highlights differences", async () => {
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const { ctx: api } = await createApiClient();
    const { row, person } = await applied(home, town, api, { kosekiHeadName: "川村 二郎" });
    const clerk = await staffContext(town.id, "clerk");
    const view = await getRegistrationReview({ ctx: clerk, input: { registrationId: row.id } });
    expect(view.candidates[0].memberId).toBe(person.koseki.members[0].id);
    const byField = Object.fromEntries(view.candidates[0].match.fields.map((f) => [f.field, f.matches]));
    expect(byField).toEqual({ honseki: true, kosekiHead: false, name: true, dateOfBirth: true });
    expect(view.candidates[0].match.fields.find((f) => f.field === "kosekiHead")).toMatchObject({ applicant: "川村 二郎", record: "川村 一郎" });
    const audit = await ownerDb().auditEvent.findFirstOrThrow({ where: { action: "koseki_registration.view", targetId: row.id } });
    expect(audit).toMatchObject({ municipalityId: town.id, actorType: "staff", details: { candidates: view.candidates.length } });
  });
});

describe("decisions", () => {
  it("only an approved registration of the current card opens 本籍地 issuance; rejection and review each have their own code", async () => {
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const { ctx: api } = await createApiClient();
    const a = await applied(home, town, api);
    const b = await applied(home, town, api, { givenName: "次郎", dateOfBirth: "1984-05-05" });
    expect(await honsekiReasons(api, town.code, a.person.card)).toEqual(["koseki_registration_pending", "koseki_registration_pending", "koseki_registration_pending"]);

    const clerk = await staffContext(town.id, "clerk");
    const view = await getRegistrationReview({ ctx: clerk, input: { registrationId: a.row.id } });
    expect(view.candidates[0].match.complete).toBe(true);
    await approveRegistration({ ctx: clerk, input: { registrationId: a.row.id, kosekiMemberId: view.candidates[0].memberId }, now: OPEN_AT });
    await rejectRegistration({ ctx: clerk, input: { registrationId: b.row.id, reasonCode: "identity_mismatch", note: "窓口で確認" }, now: OPEN_AT });

    expect(await ownerDb().kosekiRegistration.findUniqueOrThrow({ where: { id: a.row.id } })).toMatchObject({ status: "approved", kosekiMemberId: a.person.koseki.members[0].id, decidedById: clerk.actor.id });
    expect(await honsekiReasons(api, town.code, a.person.card)).toEqual(["ok", "ok", "ok"]);
    const { response } = await issueCertificate({ ctx: api, input: honsekiIssue(town.code, a.person.card), idempotencyKey: `approved-${a.row.id}`, now: OPEN_AT });
    expect(response.feePerCopy).toBe(350);
    expect(await honsekiReasons(api, town.code, b.person.card)).toEqual(["koseki_registration_rejected", "koseki_registration_rejected", "koseki_registration_rejected"]);
    // The registration opens its own 本籍地 only.
    const other = await createKosekiMunicipality();
    expect(await honsekiReasons(api, other.code, a.person.card)).toEqual(["koseki_registration_missing", "koseki_registration_missing", "koseki_registration_missing"]);

    // Decided once: a second decision conflicts; the status page shows the result.
    await expect(rejectRegistration({ ctx: clerk, input: { registrationId: a.row.id, reasonCode: "other" } })).rejects.toMatchObject({ code: "registration_already_decided", status: 409 });
    const status = await lookupRegistrationStatus({ input: { receiptNo: b.answer.receiptNo, birthCalendar: "seireki", birthYear: "1984", birthMonth: "5", birthDay: "5" }, clientKey: crypto.randomUUID() });
    expect(status).toMatchObject({ status: "rejected", rejectReason: "氏名または生年月日が戸籍の記載と一致しません" });

    // Audit: the decisions are recorded without personal data.
    const events = await ownerDb().auditEvent.findMany({ where: { action: { in: ["koseki_registration.approve", "koseki_registration.reject"] }, municipalityId: town.id } });
    expect(events.map((e) => e.action).sort()).toEqual(["koseki_registration.approve", "koseki_registration.reject"]);
    expect(JSON.stringify(events.map((e) => e.details))).not.toMatch(/川村|一郎|次郎|本町|1980|1984|窓口で確認/);
  });

  it("refuses to approve with a member of another municipality or a web pre-registration without a card", async () => {
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const { ctx: api } = await createApiClient();
    const { row } = await applied(home, town, api);
    const foreign = await nonResidentWithKoseki(town, home, { givenName: "五郎" }); // a register held by `home`
    const clerk = await staffContext(town.id, "clerk");
    await expect(approveRegistration({ ctx: clerk, input: { registrationId: row.id, kosekiMemberId: foreign.koseki.members[0].id } })).rejects.toMatchObject({ code: "koseki_member_invalid" });
    expect((await ownerDb().kosekiRegistration.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("pending");
  });
});

describe("notices", () => {
  it("sends the decision by e-mail after the commit: To, Subject and the Japanese body", async () => {
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "koseki@city.example.jp";
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const { ctx: api } = await createApiClient();
    const { row, answer } = await applied(home, town, api, { email: "ichiro@example.jp" });
    const clerk = await staffContext(town.id, "clerk");
    const before = smtp.messages.length;
    const { noticeId } = await approveRegistration({ ctx: clerk, input: { registrationId: row.id, kosekiMemberId: (await getRegistrationReview({ ctx: clerk, input: { registrationId: row.id } })).candidates[0].memberId }, now: OPEN_AT });
    const mail = (await smtp.waitFor(before + 1))[before];
    expect(mail.envelopeTo).toEqual(["ichiro@example.jp"]);
    expect(mail.to).toBe("ichiro@example.jp");
    expect(mail.from).toBe("koseki@city.example.jp");
    expect(mail.subject).toBe(`【${town.prefecture}${town.name}】本籍地の利用登録が完了しました（受付番号 ${answer.receiptNo}）`);
    expect(mail.text).toContain("川村 一郎 様");
    expect(mail.text).toContain("令和8年11月27日に利用登録が完了しました。");
    expect(await ownerDb().registrationNotice.findUniqueOrThrow({ where: { id: noticeId! } })).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("keeps the notice pending and visible while SMTP is not configured, and sends it once it is", async () => {
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const { ctx: api } = await createApiClient();
    const { row, answer } = await applied(home, town, api, { email: "later@example.jp" });
    const clerk = await staffContext(town.id, "clerk");
    const { noticeId } = await rejectRegistration({ ctx: clerk, input: { registrationId: row.id, reasonCode: "honseki_mismatch" }, now: OPEN_AT });
    expect(await ownerDb().registrationNotice.findUniqueOrThrow({ where: { id: noticeId! } })).toMatchObject({ status: "pending", attempts: 0, kind: "registration_rejected" });
    expect((await getRegistrationReview({ ctx: clerk, input: { registrationId: row.id } })).notices).toEqual([expect.objectContaining({ status: "pending", kind: "registration_rejected" })]);
    expect((await listRegistrationQueue({ ctx: clerk, input: { filter: "decided" } })).items[0].noticeStatus).toBe("pending");

    process.env.SMTP_URL = smtp.url;
    const before = smtp.messages.length;
    await runMaintenance(new Date(OPEN_AT.getTime() + 5 * 60_000));
    const mail = (await smtp.waitFor(before + 1)).find((m) => m.to === "later@example.jp")!;
    expect(mail.subject).toContain(`本籍地の利用登録ができませんでした（受付番号 ${answer.receiptNo}）`);
    expect(mail.text).toContain("理由：本籍が戸籍の記載と一致しません");
    expect(await ownerDb().registrationNotice.findUniqueOrThrow({ where: { id: noticeId! } })).toMatchObject({ status: "sent" });
  });

  it("retries after an SMTP failure instead of losing the notice", async () => {
    process.env.SMTP_URL = smtp.url;
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const { ctx: api } = await createApiClient();
    const { row } = await applied(home, town, api, { email: "retry@example.jp" });
    const clerk = await staffContext(town.id, "clerk");
    smtp.rejectNext(1);
    const { noticeId } = await rejectRegistration({ ctx: clerk, input: { registrationId: row.id, reasonCode: "record_not_found" }, now: OPEN_AT });
    const failed = await ownerDb().registrationNotice.findUniqueOrThrow({ where: { id: noticeId! } });
    expect(failed).toMatchObject({ status: "pending", attempts: 1 });
    expect(failed.lastError).toMatch(/450/);
    expect(failed.lastError).not.toContain("retry@");
    // Not due yet: nothing is sent now; after the back-off it is.
    expect(await deliverPendingNotices({ ids: [noticeId!], now: OPEN_AT })).toMatchObject({ sent: 0 });
    expect(await deliverPendingNotices({ ids: [noticeId!], now: new Date(OPEN_AT.getTime() + 2 * 60_000) })).toMatchObject({ sent: 1 });
    expect(smtp.messages.some((m) => m.to === "retry@example.jp")).toBe(true);
    expect(await ownerDb().registrationNotice.findUniqueOrThrow({ where: { id: noticeId! } })).toMatchObject({ status: "sent", attempts: 2 });
  });
});

describe("the card lifecycle", () => {
  const cols = ["op", "issuer", "serial", "residentNo", "validFrom", "validUntil", "cardIssuedOn"];

  it("a card import that revokes the certificate flags the registration for re-registration", async () => {
    process.env.SMTP_URL = smtp.url;
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const { ctx: api } = await createApiClient();
    const { row, person } = await applied(home, town, api, { email: "renew@example.jp" });
    const clerk = await staffContext(town.id, "clerk");
    await approveRegistration({ ctx: clerk, input: { registrationId: row.id, kosekiMemberId: person.koseki.members[0].id }, now: OPEN_AT });

    const result = await importText({ municipalityId: home.id, feed: "card_certificates", mode: "delta", text: toCsv(cols, [{ op: "remove", issuer: person.card.issuer, serial: person.card.serial, residentNo: "", validFrom: "", validUntil: "", cardIssuedOn: "" }]) });
    expect(result).toMatchObject({ status: "succeeded", rowsRemoved: 1 });
    expect(await ownerDb().kosekiRegistration.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "reregistration_needed", reregistrationReason: "card_revoked" });
    expect(await honsekiReasons(api, town.code, person.card)).toEqual(["card_revoked", "card_revoked", "card_revoked"]);
    const notice = await ownerDb().registrationNotice.findFirstOrThrow({ where: { registrationId: row.id, kind: "registration_reregistration_needed" } });
    expect(notice.status).toBe("sent");
    const mail = smtp.messages.find((m) => m.to === "renew@example.jp" && m.subject.includes("再登録"))!;
    expect(mail.text).toContain("電子証明書が失効しました");
    expect(await ownerDb().auditEvent.count({ where: { action: "koseki_registration.reregistration_needed", targetId: row.id, municipalityId: town.id } })).toBe(1);
    // Idempotent: a second sweep changes nothing.
    expect((await flagReregistrations()).flagged).toBe(0);
  });

  it("a newer certificate of the same person needs re-registration and never matches silently", async () => {
    const home = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const { ctx: api } = await createApiClient();
    const { row, person } = await applied(home, town, api);
    const clerk = await staffContext(town.id, "clerk");
    await approveRegistration({ ctx: clerk, input: { registrationId: row.id, kosekiMemberId: person.koseki.members[0].id }, now: OPEN_AT });

    const newSerial = `${person.card.serial}-NEW`;
    await importText({ municipalityId: home.id, feed: "card_certificates", mode: "delta", text: toCsv(cols, [{ op: "add", issuer: "JPKI", serial: newSerial, residentNo: person.head.residentNo, validFrom: "2026-10-01T00:00:00Z", validUntil: "2031-10-01", cardIssuedOn: "2026-10-01" }]) });
    expect(await ownerDb().kosekiRegistration.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "reregistration_needed", reregistrationReason: "card_renewed" });
    expect(await honsekiReasons(api, town.code, { issuer: "JPKI", serial: newSerial })).toEqual(Array(3).fill("koseki_registration_renewal_needed"));
    // The old certificate (still valid on its own) no longer opens the register either.
    expect(await honsekiReasons(api, town.code, person.card)).toEqual(Array(3).fill("koseki_registration_renewal_needed"));
    // Re-registration with the new card is accepted as a new application.
    const again = await applyForRegistrationAtKiosk({ ctx: api, input: kioskRegistrationBody(town.code, { issuer: "JPKI", serial: newSerial }), now: OPEN_AT });
    expect(again.status).toBe("pending");
  });
});
