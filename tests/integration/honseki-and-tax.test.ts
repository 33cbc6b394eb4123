import { afterAll, describe, expect, it } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { ownerDb } from "@/tests/setup/owner-db";
import { checkEligibility } from "@/server/eligibility/check-eligibility";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { extractPdf } from "@/server/pdf/render-certificate";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";
import { createKosekiRecord, createRegistration, createTaxRecord } from "../factories/koseki";

afterAll(closeRenderPool);

const KOSEKI = ["koseki_full", "koseki_individual", "koseki_fuhyo"] as const;
const TAX = ["tax_income", "tax_assessment", "tax_income_assessment"] as const;

/** A municipality that also serves 戸籍 and tax types (fees and offerings). */
async function fullyServed(overrides: Parameters<typeof createServedMunicipality>[0] = {}) {
  const m = await createServedMunicipality({ taxYearsOffered: 2, taxYearSwitchDate: "06-01", ...overrides });
  const db = ownerDb();
  await db.certificateOffering.createMany({ data: [...KOSEKI, ...TAX].map((certificateType) => ({ municipalityId: m.id, certificateType, enabled: true, copyLimit: 5 })) });
  await db.fee.createMany({ data: [...KOSEKI, ...TAX].map((certificateType) => ({ municipalityId: m.id, certificateType, amount: certificateType.startsWith("koseki") ? 350 : 200, effectiveFrom: new Date("2020-04-01T00:00:00+09:00") })) });
  return m;
}

const honseki = (code: string, card: { issuer: string; serial: string }, type: string, options: Record<string, unknown> = {}) =>
  ZIssueRequest.parse({ ...issueBody(code, card), purpose: "honseki", certificateType: type, options });

describe("本籍地 services across two municipalities", () => {
  it("only an approved registration bound to the current card opens 本籍地 issuance; each other state has its own code", async () => {
    const home = await fullyServed(); // 住所地 A
    const honsekiTown = await fullyServed(); // 本籍地 B
    const { ctx } = await createApiClient();
    const { members } = await createKosekiRecord(honsekiTown.id, { members: [{ givenName: "一郎" }, { givenName: "桜子" }, { givenName: "健" }] });

    const approved = await createCardholder(home.id, { resident: { familyName: "川村", givenName: "一郎" } });
    await createRegistration(honsekiTown.id, approved.card, { status: "approved", kosekiMemberId: members[0].id });
    const states = { pending: "koseki_registration_pending", rejected: "koseki_registration_rejected", reregistration_needed: "koseki_registration_renewal_needed" } as const;
    for (const [status, code] of Object.entries(states)) {
      const p = await createCardholder(home.id);
      await createRegistration(honsekiTown.id, p.card, { status: status as keyof typeof states, kosekiMemberId: members[1].id });
      const e = await checkEligibility({ ctx, input: { ...issueBody(honsekiTown.code, p.card), purpose: "honseki" }, now: OPEN_AT });
      expect(e.certificates.map((c) => (c.available ? "ok" : c.reason))).toEqual([code, code, code]);
      await expect(issueCertificate({ ctx, input: honseki(honsekiTown.code, p.card, "koseki-full"), idempotencyKey: `reg-${status}`, now: OPEN_AT })).rejects.toMatchObject({ code, status: 403 });
    }
    const none = await createCardholder(home.id);
    await expect(issueCertificate({ ctx, input: honseki(honsekiTown.code, none.card, "koseki-full"), idempotencyKey: "reg-none", now: OPEN_AT })).rejects.toMatchObject({ code: "koseki_registration_missing" });

    const e = await checkEligibility({ ctx, input: { ...issueBody(honsekiTown.code, approved.card), purpose: "honseki" }, now: OPEN_AT });
    expect(e.certificates.every((c) => c.available)).toBe(true);
    expect(e.kosekiMembers.map((m) => m.isRequester)).toEqual([true, false, false]);
    const { response } = await issueCertificate({ ctx, input: honseki(honsekiTown.code, approved.card, "koseki-full"), idempotencyKey: "reg-approved", now: OPEN_AT });
    expect(response.feePerCopy).toBe(350);
    const text = (await extractPdf(Buffer.from(response.pdf, "base64"))).pageTexts.join("");
    for (const m of members) expect(text).toContain(`${m.familyName}${m.givenName}`);
    expect(text).toContain("これは、戸籍に記録されている事項の全部を証明した書面である。");
    const row = await ownerDb().issuance.findUniqueOrThrow({ where: { id: response.issuanceId } });
    expect(row).toMatchObject({ municipalityId: honsekiTown.id, purpose: "honseki", outOfTown: true, requesterResidentId: null });
  });

  it("a registration bound to a renewed card needs re-registration and never matches the new card", async () => {
    const home = await fullyServed();
    const town = await fullyServed();
    const { ctx } = await createApiClient();
    const { members } = await createKosekiRecord(town.id, { members: [{ givenName: "誠" }] });
    const holder = await createCardholder(home.id);
    const oldCard = await ownerDb().cardCertificate.create({
      data: { municipalityId: home.id, residentId: holder.head.id, issuer: "JPKI", serial: `${holder.card.serial}-OLD`, status: "revoked", revokedAt: new Date("2026-01-01"), validFrom: new Date("2020-01-01"), validUntil: new Date("2025-12-31"), cardIssuedOn: new Date("2020-01-01") },
    });
    await createRegistration(town.id, oldCard, { status: "approved", kosekiMemberId: members[0].id });
    await expect(issueCertificate({ ctx, input: honseki(town.code, holder.card, "koseki-full"), idempotencyKey: "renewed", now: OPEN_AT })).rejects.toMatchObject({ code: "koseki_registration_renewal_needed" });
  });

  it("an 個人事項証明書 shows only the chosen member of the same register and refuses anyone else", async () => {
    const town = await fullyServed();
    const { ctx } = await createApiClient();
    const holder = await createCardholder(town.id, { resident: { familyName: "川村", givenName: "一郎" } });
    const { members } = await createKosekiRecord(town.id, { members: [{ givenName: "一郎", residentId: holder.head.id }, { givenName: "桜子" }] });
    const other = await createKosekiRecord(town.id, { familyName: "森", members: [{ givenName: "五郎" }] });
    const { response } = await issueCertificate({ ctx, input: honseki(town.code, holder.card, "koseki-individual", { members: [members[1].id] }), idempotencyKey: "indiv", now: OPEN_AT });
    const text = (await extractPdf(Buffer.from(response.pdf, "base64"))).pageTexts.join("");
    expect(text).toContain("桜子");
    expect(text).toContain("これは、戸籍中の一部の者について記録されている事項の全部を証明した書面である。");
    await expect(issueCertificate({ ctx, input: honseki(town.code, holder.card, "koseki-individual", { members: [other.members[0].id] }), idempotencyKey: "indiv-other", now: OPEN_AT })).rejects.toMatchObject({ code: "koseki_member_not_in_record" });
    const fuhyo = await issueCertificate({ ctx, input: honseki(town.code, holder.card, "koseki-fuhyo"), idempotencyKey: "fuhyo", now: OPEN_AT });
    expect((await extractPdf(Buffer.from(fuhyo.response.pdf, "base64"))).pageTexts.join("")).toContain("この写しは、戸籍の附票の原本と相違ないことを証明する。");
  });

  it("refuses a register with a filing not yet reflected, and 除籍 unless enabled", async () => {
    const town = await fullyServed();
    const { ctx } = await createApiClient();
    const holder = await createCardholder(town.id, { resident: { givenName: "一郎" } });
    const closed = await createKosekiRecord(town.id, { kind: "joseki", members: [{ givenName: "一郎" }] });
    await createKosekiRecord(town.id, { members: [{ givenName: "一郎", residentId: holder.head.id, prior: { recordNo: closed.record.recordNo, position: 0 } }], pendingFiling: true });
    await expect(issueCertificate({ ctx, input: honseki(town.code, holder.card, "koseki-full"), idempotencyKey: "pending-filing", now: OPEN_AT })).rejects.toMatchObject({ code: "koseki_pending_filing" });
    await expect(issueCertificate({ ctx, input: honseki(town.code, holder.card, "koseki-full", { register: "joseki" }), idempotencyKey: "joseki-off", now: OPEN_AT })).rejects.toMatchObject({ code: "koseki_closed_record_not_offered" });
    await ownerDb().certificateOffering.updateMany({ where: { municipalityId: town.id, certificateType: "koseki_full" }, data: { allowJoseki: true } });
    const { response } = await issueCertificate({ ctx, input: honseki(town.code, holder.card, "koseki-full", { register: "joseki" }), idempotencyKey: "joseki-on", now: OPEN_AT });
    expect((await extractPdf(Buffer.from(response.pdf, "base64"))).pageTexts.join("")).toContain("除籍");
  });

  it("applies the 本籍地's 戸籍 hours (weekdays 9:00–17:00) and a 住所地 type is not a 本籍地 service", async () => {
    const town = await fullyServed();
    await ownerDb().serviceWindow.createMany({ data: KOSEKI.map((certificateType) => ({ municipalityId: town.id, certificateType, dayClass: "weekday" as const, startMinute: 540, endMinute: 1020 })) });
    const { ctx } = await createApiClient();
    const holder = await createCardholder(town.id, { resident: { givenName: "一郎" } });
    await createKosekiRecord(town.id, { members: [{ givenName: "一郎", residentId: holder.head.id }] });
    await expect(issueCertificate({ ctx, input: honseki(town.code, holder.card, "koseki-full"), idempotencyKey: "early", now: new Date("2026-11-27T08:30:00+09:00") })).rejects.toMatchObject({ code: "service_out_of_hours" });
    await expect(issueCertificate({ ctx, input: honseki(town.code, holder.card, "koseki-full"), idempotencyKey: "saturday", now: new Date("2026-11-28T10:00:00+09:00") })).rejects.toMatchObject({ code: "service_out_of_hours" });
    const ok = await issueCertificate({ ctx, input: honseki(town.code, holder.card, "koseki-full"), idempotencyKey: "weekday", now: OPEN_AT });
    expect(ok.replayed).toBe(false);
    await expect(issueCertificate({ ctx, input: ZIssueRequest.parse({ ...issueBody(town.code, holder.card), purpose: "honseki" }), idempotencyKey: "wrong-purpose", now: OPEN_AT })).rejects.toMatchObject({ code: "purpose_not_supported" });
  });
});

describe("tax certificates", () => {
  it("offers the configured 年度, switching on the switch date, and refuses each tax rule with its code", async () => {
    const m = await fullyServed({ taxYearsOffered: 2, taxYearSwitchDate: "06-10" });
    const { ctx } = await createApiClient();
    const a = await createCardholder(m.id);
    await createTaxRecord(m.id, a.head.id, 2026);
    await createTaxRecord(m.id, a.head.id, 2025, { residentOnJan1: false });
    const e = await checkEligibility({ ctx, input: issueBody(m.code, a.card), now: OPEN_AT });
    const income = e.certificates.find((c) => c.type === "tax-income");
    expect(income).toMatchObject({ available: true, fiscalYears: [{ fiscalYear: 2026, label: "令和8年度" }] });
    const before = await checkEligibility({ ctx, input: issueBody(m.code, a.card), now: new Date("2026-06-09T10:00:00+09:00") });
    expect(before.certificates.find((c) => c.type === "tax-income")).toMatchObject({ available: false, reason: "tax_not_resident_on_jan1" });

    const tax = (type: string, fiscalYear: number) => ZIssueRequest.parse({ ...issueBody(m.code, a.card), certificateType: type, options: { fiscalYear } });
    const { response } = await issueCertificate({ ctx, input: tax("tax-income-assessment", 2026), idempotencyKey: "tax-ok", now: OPEN_AT });
    const text = (await extractPdf(Buffer.from(response.pdf, "base64"))).pageTexts.join("");
    expect(text).toContain("令和8年度");
    expect(text).toContain("上記のとおり証明します。");
    await expect(issueCertificate({ ctx, input: tax("tax-income", 2025), idempotencyKey: "tax-jan1", now: OPEN_AT })).rejects.toMatchObject({ code: "tax_not_resident_on_jan1" });
    await expect(issueCertificate({ ctx, input: tax("tax-income", 2023), idempotencyKey: "tax-year", now: OPEN_AT })).rejects.toMatchObject({ code: "tax_year_not_offered" });
    const b = await createCardholder(m.id);
    await expect(issueCertificate({ ctx, input: ZIssueRequest.parse({ ...issueBody(m.code, b.card), certificateType: "tax-assessment", options: { fiscalYear: 2026 } }), idempotencyKey: "tax-missing", now: OPEN_AT })).rejects.toMatchObject({ code: "tax_record_missing" });
  });

  it("tax certificates are for the cardholder only and only while resident", async () => {
    const m = await fullyServed();
    const { ctx } = await createApiClient();
    const a = await createCardholder(m.id, { resident: { status: "moved_out", movedOutOn: new Date("2026-10-01") } });
    await createTaxRecord(m.id, a.head.id, 2026);
    await expect(issueCertificate({ ctx, input: ZIssueRequest.parse({ ...issueBody(m.code, a.card), certificateType: "tax-income", options: { fiscalYear: 2026 } }), idempotencyKey: "tax-moved", now: OPEN_AT })).rejects.toMatchObject({ code: "resident_moved_out" });
  });
});
