import { afterAll, describe, expect, it } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { ownerDb } from "@/tests/setup/owner-db";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { runMaintenance } from "@/server/maintenance/start-maintenance";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { extractPdf } from "@/server/pdf/render-certificate";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";

afterAll(closeRenderPool);

const textOf = async (pdf: string) => extractPdf(Buffer.from(pdf, "base64"));

describe("certificate contents", () => {
  it("a six-person household spans pages, each with the 発行番号 and page n/m", async () => {
    const m = await createServedMunicipality();
    const { card } = await createCardholder(m.id, { size: 6 });
    const { ctx } = await createApiClient();
    const input = ZIssueRequest.parse(issueBody(m.code, card, "residence", { options: { members: "all", includeHouseholdHeadAndRelationship: true, includeHonseki: true } }));
    const { response } = await issueCertificate({ ctx, input, idempotencyKey: "six-person", now: OPEN_AT });
    const t = await textOf(response.pdf);
    expect(t.pageCount).toBeGreaterThan(1);
    expect(response.pageCount).toBe(t.pageCount);
    t.pageTexts.forEach((page, i) => {
      expect(page).toContain(response.issuanceNo);
      expect(page).toContain(`${i + 1}/${t.pageCount}`);
    });
    const all = t.pageTexts.join("");
    expect(all).toContain("世帯主");
    expect(all).toContain("続柄");
    expect(all).toContain("本籍");
    expect(all).toContain("筆頭者");
    expect(all).not.toContain("住民票コード");
  });

  it("prints foreign-resident items when chosen and never 本籍 for a foreign resident", async () => {
    const m = await createServedMunicipality();
    const { card } = await createCardholder(m.id, {
      resident: { familyName: "NGUYEN", givenName: "VAN AN", familyNameKana: "グエン", givenNameKana: "ヴァン アン", nationality: "ベトナム", residenceStatus: "技術・人文知識・国際業務", residenceCardNo: "AB12345678CD", residencePeriodEnd: new Date("2028-03-31"), honseki: null },
    });
    const { ctx } = await createApiClient();
    const input = ZIssueRequest.parse(issueBody(m.code, card, "residence", { options: { members: "all", includeForeignResidentItems: true, includeHonseki: true } }));
    const all = (await textOf((await issueCertificate({ ctx, input, idempotencyKey: "foreign", now: OPEN_AT })).response.pdf)).pageTexts.join("");
    expect(all).toContain("国籍・地域ベトナム");
    expect(all).toContain("AB12345678CD");
    expect(all).toContain("2028年3月31日");
    expect(all).not.toContain("本籍");
    const plain = ZIssueRequest.parse(issueBody(m.code, card, "residence"));
    const plainText = (await textOf((await issueCertificate({ ctx, input: plain, idempotencyKey: "foreign-plain", now: OPEN_AT })).response.pdf)).pageTexts.join("");
    expect(plainText).not.toContain("AB12345678CD");
  });

  it("a 記載事項証明書 prints the chosen items and its own 認証文", async () => {
    const m = await createServedMunicipality();
    const { card } = await createCardholder(m.id);
    const { ctx } = await createApiClient();
    const input = ZIssueRequest.parse(issueBody(m.code, card, "residence-entry", { options: { members: "all", items: ["dateOfBirth", "address"] } }));
    const all = (await textOf((await issueCertificate({ ctx, input, idempotencyKey: "entry", now: OPEN_AT })).response.pdf)).pageTexts.join("");
    expect(all).toContain("住民票記載事項証明書");
    expect(all).toContain("生年月日昭和55年4月1日");
    expect(all).not.toContain("性別");
    expect(all).toContain("上記の事項は、住民票の記載事項と相違ないことを証明する。");
  });

  it("refuses a name the certificate font cannot draw before anything is rendered", async () => {
    const m = await createServedMunicipality();
    // U+E000 (private use, where unregistered 外字 live) is in no configured font: it would print as a blank box or garbage.
    const { card } = await createCardholder(m.id, { resident: { givenName: "\uE000子" } });
    const { ctx } = await createApiClient();
    await expect(issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, card)), idempotencyKey: "gaiji", now: OPEN_AT })).rejects.toMatchObject({ code: "character_not_printable" });
    expect(await ownerDb().issuance.count({ where: { idempotencyKey: "gaiji" } })).toBe(0);
  });

  it("deletes a PDF whose retention passed without completion and keeps the hash", async () => {
    const m = await createServedMunicipality({ pdfRetentionHours: 1 });
    const { card } = await createCardholder(m.id);
    const { ctx } = await createApiClient();
    const input = ZIssueRequest.parse(issueBody(m.code, card));
    const { response } = await issueCertificate({ ctx, input, idempotencyKey: "expiry", now: OPEN_AT });
    expect((await runMaintenance(new Date(OPEN_AT.getTime() + 30 * 60_000))).expiredPdfs).toBe(0);
    await runMaintenance(new Date(OPEN_AT.getTime() + 61 * 60_000));
    const row = await ownerDb().issuance.findUniqueOrThrow({ where: { id: response.issuanceId } });
    expect(row.pdf).toBeNull();
    expect(row.pdfDeletedAt).not.toBeNull();
    expect(row.pdfSha256).toBe(response.pdfSha256);
    expect(row.status).toBe("rendered");
    await expect(issueCertificate({ ctx, input, idempotencyKey: "expiry", now: OPEN_AT })).rejects.toMatchObject({ code: "pdf_no_longer_available", status: 410 });
  });

  it("a fee scheduled for tomorrow applies from 00:00 JST without a restart", async () => {
    const m = await createServedMunicipality();
    await ownerDb().fee.create({ data: { municipalityId: m.id, certificateType: "residence", amount: 120, effectiveFrom: new Date("2026-11-28T00:00:00+09:00") } });
    const { card } = await createCardholder(m.id);
    const { ctx } = await createApiClient();
    const today = await issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, card)), idempotencyKey: "fee-today", now: new Date("2026-11-27T22:59:00+09:00") });
    const tomorrow = await issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, card, "residence", { copies: 3 })), idempotencyKey: "fee-tomorrow", now: new Date("2026-11-28T06:30:00+09:00") });
    expect(today.response.feePerCopy).toBe(200);
    expect(tomorrow.response.feePerCopy).toBe(120);
    expect(tomorrow.response.feeTotal).toBe(360);
  });
});
