// The independent post-render self-check against a real database (docs/decisions/0010): who may appear is
// re-derived from the card alone; wrong PDFs made for real (another resident's certificate, a page of
// another issuance, a 世帯全員 住民票 with a non-member) are caught; and a failure inside issueCertificate
// returns and records nothing, stops the municipality's kiosk service, opens a critical incident and
// mails the operator.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { buildResidenceDocument, type BuiltDocument } from "@/server/certificates/build-residence-document";
import type { RequestContext } from "@/server/context";
import { withTenant } from "@/server/db/tenant";
import type { Resident } from "@/server/generated/prisma/client";
import { checkPdfSubject } from "@/server/issuance/check-pdf-subject";
import { loadIndependentSubject, type SubjectRequest } from "@/server/issuance/independent-subject";
import { issueCertificate, type IssuanceHooks } from "@/server/issuance/issue-certificate";
import { AUTO_STOP_REASON, reportSelfCheckFailure } from "@/server/issuance/report-self-check-failure";
import { verifyRenderedPdf } from "@/server/issuance/verify-rendered-pdf";
import { logger } from "@/server/logger";
import { bindingKeywords, type CertificateDocument, type PrintedIssuance } from "@/server/pdf/document-model";
import { printedIssuance } from "@/tests/factories/certificate-rows";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { extractPdf, renderCertificate } from "@/server/pdf/render-certificate";
import { ownerDb } from "@/tests/setup/owner-db";
import { createStaffUser } from "../factories";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";
import { createKosekiRecord, createRegistration } from "../factories/koseki";
import { splicePages, withKeywords } from "../pdf-splice";
import { startTestSmtp, type TestSmtp } from "../smtp";

let smtp: TestSmtp;
const previousSmtpUrl = process.env.SMTP_URL;
const OPERATOR_MAIL = "ops-on-call@example.jp";

beforeAll(async () => {
  smtp = await startTestSmtp();
  process.env.SMTP_URL = smtp.url;
  // Only the active operator with an address is alerted.
  await createStaffUser({ role: "operator", email: OPERATOR_MAIL });
  await createStaffUser({ role: "operator", email: "ops-disabled@example.jp", status: "disabled" });
  await createStaffUser({ role: "operator", email: null });
  await createStaffUser({ role: "clerk", email: "clerk@example.jp", municipalityId: (await createServedMunicipality()).id });
});

afterAll(async () => {
  if (previousSmtpUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = previousSmtpUrl;
  await smtp?.close();
  await closeRenderPool();
});

const ISSUANCE = (n: number) => printedIssuance(`00000000-0000-7000-8000-${String(n).padStart(12, "0")}`, `999999-2026-${String(n).padStart(8, "0")}`);

const subjectFor = (ctx: RequestContext, req: SubjectRequest) => withTenant(ctx, (tx) => loadIndependentSubject(tx, req));

const householdOf = (householdId: string) =>
  ownerDb().resident.findMany({ where: { householdId }, orderBy: [{ isHouseholdHead: "desc" }, { dateOfBirth: "asc" }, { id: "asc" }] });

/** A 住民票 of `household` built by the real builder, from database rows. */
async function residenceFrom(municipalityId: string, household: Resident[], issuance: PrintedIssuance): Promise<BuiltDocument> {
  const municipality = await ownerDb().municipality.findUniqueOrThrow({ where: { id: municipalityId } });
  const address = (await ownerDb().household.findUniqueOrThrow({ where: { id: household[0].householdId } })).address;
  return buildResidenceDocument({
    municipality,
    household,
    householdAddress: address,
    issuance,
    now: OPEN_AT,
    options: { members: "all", includeHouseholdHeadAndRelationship: true, includeHonseki: true, includeMyNumber: false, includeForeignResidentItems: false },
    allowMyNumber: false,
  });
}

const binding = (doc: CertificateDocument) => ({ issuanceId: doc.issuanceId, issuanceNo: doc.issuanceNo, verificationCode: doc.verification.code, subjectDigest: doc.subjectDigest });

describe("who may appear, re-derived from the card", () => {
  it("住民票: the active members of the cardholder's household; 印鑑 and 税: the cardholder only", async () => {
    const m = await createServedMunicipality();
    const { ctx } = await createApiClient();
    const { head, members, card } = await createCardholder(m.id, { size: 3 });
    await ownerDb().resident.update({ where: { id: members[2].id }, data: { status: "moved_out", movedOutOn: new Date("2026-10-01") } });
    await createCardholder(m.id, { resident: { familyName: "森", givenName: "大輔" } });
    const base = { card, municipalityCode: m.code, options: {} };

    const all = await subjectFor(ctx, { ...base, certificateType: "residence", options: { members: "all" } });
    expect(all).toMatchObject({ layout: "resident", unresolved: null, requesterIds: [head.id], requesterMayBeAbsent: false });
    expect(all.persons.map((p) => p.id).sort()).toEqual([head.id, members[1].id].sort());
    expect(all.persons.find((p) => p.id === head.id)).toMatchObject({ birth: "昭和55年4月1日" });
    const wifeOnly = await subjectFor(ctx, { ...base, certificateType: "residence-entry", options: { members: [members[1].id] } });
    expect(wifeOnly.requesterMayBeAbsent).toBe(true);
    for (const certificateType of ["seal", "tax-income"] as const) {
      expect((await subjectFor(ctx, { ...base, certificateType })).persons.map((p) => p.id)).toEqual([head.id]);
    }
    // A 住所地 service of another municipality, or an unknown card: nobody.
    const elsewhere = await createServedMunicipality();
    expect(await subjectFor(ctx, { ...base, municipalityCode: elsewhere.code, certificateType: "seal" })).toMatchObject({ unresolved: "cardholder_not_resident", persons: [] });
    expect(await subjectFor(ctx, { ...base, card: { issuer: "JPKI", serial: "NO-SUCH-CARD" }, certificateType: "seal" })).toMatchObject({ unresolved: "card_unknown" });
  });

  it("戸籍 and 附票: the members of the cardholder's register, via the resident link or an approved 利用登録 of this card", async () => {
    const home = await createServedMunicipality();
    const town = await createServedMunicipality();
    const { ctx } = await createApiClient();
    const { members } = await createKosekiRecord(town.id, { members: [{ givenName: "一郎" }, { givenName: "桜子" }, { givenName: "健", removed: true }] });
    await createKosekiRecord(town.id, { familyName: "森", members: [{ givenName: "五郎" }] });

    const registered = await createCardholder(home.id, { resident: { familyName: "川村", givenName: "一郎" } });
    await createRegistration(town.id, registered.card, { status: "approved", kosekiMemberId: members[0].id });
    const full = await subjectFor(ctx, { card: registered.card, municipalityCode: town.code, certificateType: "koseki-full", options: { register: "current" } });
    expect(full).toMatchObject({ layout: "koseki", unresolved: null, requesterIds: [members[0].id], requesterMayBeAbsent: false, headNames: ["川村一郎"] });
    expect(full.persons.map((p) => p.id).sort()).toEqual(members.map((x) => x.id).sort());
    const other = await subjectFor(ctx, { card: registered.card, municipalityCode: town.code, certificateType: "koseki-individual", options: { register: "current", members: [members[1].id] } });
    expect(other.requesterMayBeAbsent).toBe(true);

    const pending = await createCardholder(home.id);
    await createRegistration(town.id, pending.card, { status: "pending", kosekiMemberId: members[1].id });
    expect(await subjectFor(ctx, { card: pending.card, municipalityCode: town.code, certificateType: "koseki-fuhyo", options: { register: "current" } })).toMatchObject({ unresolved: "koseki_entry_unknown" });

    // A resident of the 本籍地 through the register's link; a closed register only if the chain of 従前の記録
    // from the cardholder's entry reaches it — a namesake's (same name, birth and sex) never.
    const local = await createCardholder(town.id, { resident: { familyName: "川村", givenName: "誠" } });
    const joseki = await createKosekiRecord(town.id, { kind: "joseki", members: [{ givenName: "太一" }, { givenName: "誠", dateOfBirth: "1975-05-05", sex: "male" }] });
    const namesake = await createKosekiRecord(town.id, { kind: "joseki", familyName: "森", members: [{ givenName: "誠", dateOfBirth: "1975-05-05", sex: "male" }] });
    const own = await createKosekiRecord(town.id, { members: [{ givenName: "誠", residentId: local.head.id, dateOfBirth: "1975-05-05", prior: { recordNo: joseki.record.recordNo, position: 1 } }] });
    expect((await subjectFor(ctx, { card: local.card, municipalityCode: town.code, certificateType: "koseki-fuhyo", options: { register: "current" } })).requesterIds).toEqual([own.members[0].id]);
    const closed = (closedRecordId: string) => subjectFor(ctx, { card: local.card, municipalityCode: town.code, certificateType: "koseki-full", options: { register: "joseki" }, closedRecordId });
    expect(await closed(joseki.record.id)).toMatchObject({ unresolved: null, requesterIds: [joseki.members[1].id] });
    expect(await closed(namesake.record.id)).toMatchObject({ unresolved: "closed_record_not_linked" });
    expect(await closed(own.record.id)).toMatchObject({ unresolved: "closed_record_unknown" });
  });
});

describe("wrong PDFs made for real are caught", () => {
  it("(a) a 住民票 built from another resident's rows: it agrees with itself, not with the card", async () => {
    const m = await createServedMunicipality();
    const { ctx } = await createApiClient();
    const requester = await createCardholder(m.id, { size: 2 });
    const neighbour = await createCardholder(m.id, { size: 2, resident: { familyName: "森" }, names: ["大輔", "由美"] });
    const built = await residenceFrom(m.id, await householdOf(neighbour.head.householdId), ISSUANCE(1));
    const r = await renderCertificate(built.document);
    expect(verifyRenderedPdf(built.document, r.pdf, r)).toMatchObject({ ok: true });
    const subject = await subjectFor(ctx, { card: requester.card, municipalityCode: m.code, certificateType: "residence", options: { members: "all" } });
    expect(checkPdfSubject(r, binding(built.document), subject)).toEqual({ ok: false, failure: "name_not_allowed" });
    // The requester's own household passes.
    const own = await residenceFrom(m.id, await householdOf(requester.head.householdId), ISSUANCE(2));
    expect(checkPdfSubject(await renderCertificate(own.document), binding(own.document), subject)).toEqual({ ok: true });
  });

  it("(b) an issued PDF with a page of another issuance — another household's or the same household's", async () => {
    const m = await createServedMunicipality();
    const { ctx } = await createApiClient();
    const mine = await createCardholder(m.id, { size: 6 });
    const theirs = await createCardholder(m.id, { size: 6, resident: { familyName: "森" }, names: ["健", "文子", "茂", "明美", "進", "和子"] });
    const issue = async (card: { issuer: string; serial: string }, key: string) =>
      (await issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, card, "residence", { options: { members: "all", includeHouseholdHeadAndRelationship: true, includeHonseki: true } })), idempotencyKey: key, now: OPEN_AT })).response;
    const a = await issue(mine.card, "splice-a");
    const again = await issue(mine.card, "splice-a-again");
    const b = await issue(theirs.card, "splice-b");
    const pdf = (x: { pdf: string }) => new Uint8Array(Buffer.from(x.pdf, "base64"));
    const original = await extractPdf(pdf(a));
    // The 照合番号 is only on the paper (the row keeps its hash): read it from the PDF.
    const verificationCode = /照合番号([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(original.pageTexts[0])![1];
    const expected = { issuanceId: a.issuanceId, issuanceNo: a.issuanceNo, verificationCode, subjectDigest: (await ownerDb().issuance.findUniqueOrThrow({ where: { id: a.issuanceId } })).subjectDigest };
    const subject = await subjectFor(ctx, { card: mine.card, municipalityCode: m.code, certificateType: "residence", options: { members: "all" } });
    expect(original.pageCount).toBeGreaterThan(1);
    expect(checkPdfSubject(original, expected, subject)).toEqual({ ok: true });

    for (const other of [b, again]) {
      const spliced = await splicePages([
        { pdf: pdf(a), pages: [0] },
        { pdf: pdf(other), pages: [1] },
      ]);
      expect(checkPdfSubject(await extractPdf(spliced), expected, subject)).toMatchObject({ ok: false });
      const rebound = await extractPdf(withKeywords(spliced, bindingKeywords(expected)));
      expect(rebound.keywords).toBe(bindingKeywords(expected));
      expect(checkPdfSubject(rebound, expected, subject)).toEqual({ ok: false, failure: "page_missing_issuance_no" });
    }
  });

  it("(c) a 世帯全員 住民票 that includes a non-member", async () => {
    const m = await createServedMunicipality();
    const { ctx } = await createApiClient();
    const household = await createCardholder(m.id, { size: 3 });
    const outsider = await createCardholder(m.id, { resident: { familyName: "森", givenName: "大輔" } });
    const built = await residenceFrom(m.id, [...(await householdOf(household.head.householdId)), outsider.head], ISSUANCE(3));
    const r = await renderCertificate(built.document);
    expect(verifyRenderedPdf(built.document, r.pdf, r)).toMatchObject({ ok: true });
    const subject = await subjectFor(ctx, { card: household.card, municipalityCode: m.code, certificateType: "residence", options: { members: "all" } });
    expect(checkPdfSubject(r, binding(built.document), subject)).toEqual({ ok: false, failure: "name_not_allowed" });
  });
});

/** A test seam that swaps the rendered PDF for the same 住民票 with `outsider` appended, bound to this issuance. */
function appendOutsider(outsider: { name: string; birth: string }): IssuanceHooks {
  return {
    afterRender: async (_rendered, document) => {
      if (document.body.kind !== "residence") throw new Error("a 住民票 was expected");
      const persons = [...document.body.persons, { name: outsider.name, fields: [["生年月日", outsider.birth]] as [string, string][] }];
      const r = await renderCertificate({ ...document, body: { ...document.body, persons } });
      return { ok: true, ...r, renderMs: 0 };
    },
  };
}

describe("a failed self-check inside issueCertificate", () => {
  it("returns and records nothing, stops every type of that municipality, opens a critical incident and mails the operator", async () => {
    const m = await createServedMunicipality();
    const unaffected = await createServedMunicipality();
    const { ctx } = await createApiClient();
    const { card } = await createCardholder(m.id, { size: 2 });
    await createCardholder(m.id, { resident: { familyName: "森", givenName: "大輔" } });
    const mailsBefore = smtp.messages.length;
    const errorLog = vi.spyOn(logger, "error");
    let logCalls: unknown[][] = [];

    const input = ZIssueRequest.parse(issueBody(m.code, card));
    try {
      await expect(issueCertificate({ ctx, input, idempotencyKey: "swapped", now: OPEN_AT, hooks: appendOutsider({ name: "森 大輔", birth: "昭和55年4月1日" }) })).rejects.toMatchObject({
        code: "pdf_self_check_failed",
        status: 500,
      });
    } finally {
      logCalls = [...errorLog.mock.calls];
      errorLog.mockRestore();
    }
    const logged = logCalls.find(([fields]) => (fields as { event?: string }).event === "pdf_self_check_failed");
    expect(logged?.[0]).toMatchObject({ municipalityId: m.id, failure: "name_not_allowed", certificateType: "residence" });
    const db = ownerDb();
    expect(await db.issuance.count({ where: { municipalityId: m.id } })).toBe(0);

    const stops = await db.emergencyStop.findMany({ where: { municipalityId: m.id, endedAt: null } });
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({ certificateType: null, reason: AUTO_STOP_REASON, startedById: null, startedAt: OPEN_AT });
    const incidents = await db.incident.findMany({ where: { municipalityId: m.id } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ kind: "pdf_self_check_failed", severity: "critical", status: "open", issuanceId: null });
    expect(incidents[0].details).toMatchObject({ failure: "name_not_allowed", certificateType: "residence", emergencyStopId: stops[0].id, emergencyStopStarted: true });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { municipalityId: m.id, action: "emergency_stop.start" } });
    expect(audit).toMatchObject({ actorType: "system", targetId: stops[0].id });

    const mails = (await smtp.waitFor(mailsBefore + 1)).slice(mailsBefore);
    expect(mails).toHaveLength(1);
    expect(mails[0].envelopeTo).toEqual([OPERATOR_MAIL]);
    expect(mails[0].subject).toContain("自動停止");
    expect(mails[0].subject).toContain(m.code);
    expect(mails[0].text).toContain("name_not_allowed");
    expect(mails[0].text).toContain(incidents[0].id);
    // Codes and ids only: no name of anyone involved in the incident, the log-like records or the mail.
    for (const leaked of ["森", "大輔", "山川", "一郎", "花子"]) {
      expect(JSON.stringify(incidents[0])).not.toContain(leaked);
      expect(JSON.stringify(logCalls)).not.toContain(leaked);
      expect(JSON.stringify(audit.details)).not.toContain(leaked);
      expect(mails[0].text + mails[0].subject).not.toContain(leaked);
    }

    // The kill switch is on: the next request of that municipality is refused before anything is rendered;
    // other municipalities go on.
    await expect(issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, card)), idempotencyKey: "after-stop", now: OPEN_AT })).rejects.toMatchObject({ code: "service_emergency_stop" });
    const elsewhere = await createCardholder(unaffected.id);
    expect((await issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(unaffected.code, elsewhere.card)), idempotencyKey: "elsewhere", now: OPEN_AT })).replayed).toBe(false);

    // A further failure while the stop runs starts no second stop.
    const again = await reportSelfCheckFailure({ municipalityId: m.id, certificateType: "seal", failure: "name_not_allowed", attemptedIssuanceId: ISSUANCE(9).id, requestId: "again", now: OPEN_AT });
    expect(again).toMatchObject({ emergencyStopId: stops[0].id, emergencyStopStarted: false });
    expect(await db.emergencyStop.count({ where: { municipalityId: m.id, endedAt: null } })).toBe(1);
    expect(await db.incident.count({ where: { municipalityId: m.id, kind: "pdf_self_check_failed" } })).toBe(2);
  });

  it("two failures at once start one stop; a stop staff already started is kept", async () => {
    const m = await createServedMunicipality();
    const report = (n: number) => reportSelfCheckFailure({ municipalityId: m.id, certificateType: "residence", failure: "name_not_allowed", attemptedIssuanceId: ISSUANCE(n).id, requestId: `r${n}`, now: OPEN_AT });
    const [x, y] = await Promise.all([report(10), report(11)]);
    expect([x.emergencyStopStarted, y.emergencyStopStarted].sort()).toEqual([false, true]);
    expect(x.emergencyStopId).toBe(y.emergencyStopId);

    const staffStopped = await createServedMunicipality();
    const existing = await ownerDb().emergencyStop.create({ data: { municipalityId: staffStopped.id, certificateType: null, reason: "障害対応", startedAt: OPEN_AT } });
    expect(await reportSelfCheckFailure({ municipalityId: staffStopped.id, certificateType: "seal", failure: "binding_mismatch", attemptedIssuanceId: ISSUANCE(12).id, requestId: "r12", now: OPEN_AT })).toMatchObject({
      emergencyStopId: existing.id,
      emergencyStopStarted: false,
    });
  });

  it("an alert that cannot be sent never turns into a returned PDF", async () => {
    const m = await createServedMunicipality();
    const { ctx } = await createApiClient();
    const { card } = await createCardholder(m.id);
    process.env.SMTP_URL = "smtp://127.0.0.1:1"; // nothing listens there
    try {
      await expect(
        issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, card)), idempotencyKey: "no-mail", now: OPEN_AT, hooks: appendOutsider({ name: "森 大輔", birth: "昭和54年1月20日" }) }),
      ).rejects.toMatchObject({ code: "pdf_self_check_failed" });
    } finally {
      process.env.SMTP_URL = smtp.url;
    }
    expect(await ownerDb().issuance.count({ where: { municipalityId: m.id } })).toBe(0);
    expect(await ownerDb().emergencyStop.count({ where: { municipalityId: m.id, certificateType: null, endedAt: null } })).toBe(1);
    expect(await ownerDb().incident.count({ where: { municipalityId: m.id, kind: "pdf_self_check_failed", severity: "critical" } })).toBe(1);
  });
});
