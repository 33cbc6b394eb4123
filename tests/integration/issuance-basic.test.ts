import { afterAll, describe, expect, it } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { ownerDb } from "@/tests/setup/owner-db";
import { completeIssuance } from "@/server/issuance/complete-issuance";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { extractPdf } from "@/server/pdf/render-certificate";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";

afterAll(closeRenderPool);

const parse = (b: unknown) => ZIssueRequest.parse(b);

describe("issueCertificate", () => {
  it("renders a 住民票の写し of the whole household that names exactly its members and carries its 発行番号", async () => {
    const m = await createServedMunicipality();
    const { card, members } = await createCardholder(m.id, { size: 3 });
    const { ctx } = await createApiClient();
    const { response, replayed } = await issueCertificate({ ctx, input: parse(issueBody(m.code, card)), idempotencyKey: "key-00000001", now: OPEN_AT });
    expect(replayed).toBe(false);
    expect(response.feePerCopy).toBe(200);
    expect(response.feeTotal).toBe(200);
    const text = await extractPdf(Buffer.from(response.pdf, "base64"));
    expect(text.keywords).toContain(`issuance-id:${response.issuanceId}`);
    for (const page of text.pageTexts) expect(page).toContain(response.issuanceNo);
    const all = text.pageTexts.join("");
    for (const r of members) expect(all).toContain(`${r.familyName}${r.givenName}`);
    expect(all).toContain("この写しは、世帯全員の住民票の原本と相違ないことを証明する。");
    expect(all).toContain("令和8年11月27日");
    expect(all).toContain(m.mayorTitle);
    const row = await ownerDb().issuance.findUniqueOrThrow({ where: { id: response.issuanceId } });
    expect(row.status).toBe("rendered");
    expect(row.pdfSha256).toBe(response.pdfSha256);
  });

  it("replays the same key and body with byte-identical output and no second issuance", async () => {
    const m = await createServedMunicipality();
    const { card } = await createCardholder(m.id);
    const { ctx } = await createApiClient();
    const body = parse(issueBody(m.code, card, "residence", { copies: 2 }));
    const first = await issueCertificate({ ctx, input: body, idempotencyKey: "replay-key-1", now: OPEN_AT });
    const again = await issueCertificate({ ctx, input: body, idempotencyKey: "replay-key-1", now: OPEN_AT });
    expect(again.replayed).toBe(true);
    expect(JSON.stringify(again.response)).toBe(JSON.stringify(first.response));
    expect(first.response.feeTotal).toBe(400);
    expect(await ownerDb().issuance.count({ where: { municipalityId: m.id } })).toBe(1);
  });

  it("refuses the same key with another body", async () => {
    const m = await createServedMunicipality();
    const { card } = await createCardholder(m.id, { seal: true });
    const { ctx } = await createApiClient();
    await issueCertificate({ ctx, input: parse(issueBody(m.code, card)), idempotencyKey: "conflict-key", now: OPEN_AT });
    await expect(issueCertificate({ ctx, input: parse(issueBody(m.code, card, "seal")), idempotencyKey: "conflict-key", now: OPEN_AT })).rejects.toMatchObject({ code: "idempotency_key_conflict", status: 422 });
  });

  it("renders a 印鑑登録証明書 and refuses it without an active registration", async () => {
    const m = await createServedMunicipality();
    const withSeal = await createCardholder(m.id, { seal: true });
    const without = await createCardholder(m.id);
    const { ctx } = await createApiClient();
    const { response } = await issueCertificate({ ctx, input: parse(issueBody(m.code, withSeal.card, "seal")), idempotencyKey: "seal-key-1", now: OPEN_AT });
    const text = (await extractPdf(Buffer.from(response.pdf, "base64"))).pageTexts.join("");
    expect(text).toContain("印鑑登録証明書");
    expect(text).toContain(withSeal.seal!.registrationNo);
    await expect(issueCertificate({ ctx, input: parse(issueBody(m.code, without.card, "seal")), idempotencyKey: "seal-key-2", now: OPEN_AT })).rejects.toMatchObject({ code: "seal_not_registered", status: 403 });
  });

  it("prints 個人番号 only when chosen and allowed, and audits the read", async () => {
    const m = await createServedMunicipality();
    const { card, head } = await createCardholder(m.id, { resident: { myNumber: "123456789018" } as never });
    const { ctx } = await createApiClient();
    const body = parse(issueBody(m.code, card, "residence", { options: { members: "all", includeMyNumber: true } }));
    const { response } = await issueCertificate({ ctx, input: body, idempotencyKey: "mynumber-key", now: OPEN_AT });
    const text = (await extractPdf(Buffer.from(response.pdf, "base64"))).pageTexts.join("");
    expect(text).toContain("123456789018");
    const audit = await ownerDb().auditEvent.findFirstOrThrow({ where: { targetId: response.issuanceId } });
    expect(audit.details).toMatchObject({ sensitiveReads: ["my_number"] });
    expect(JSON.stringify(audit.details)).not.toContain("123456789018");
    void head;
    await ownerDb().certificateOffering.updateMany({ where: { municipalityId: m.id }, data: { allowMyNumber: false } });
    await expect(issueCertificate({ ctx, input: body, idempotencyKey: "mynumber-key-2", now: OPEN_AT })).rejects.toMatchObject({ code: "my_number_not_allowed" });
  });

  it("shows only chosen members and refuses a person outside the household", async () => {
    const m = await createServedMunicipality();
    const a = await createCardholder(m.id, { size: 3, names: ["太郎", "直美", "健太"] });
    const b = await createCardholder(m.id, { names: ["五郎"] });
    const { ctx } = await createApiClient();
    const chosen = parse(issueBody(m.code, a.card, "residence", { options: { members: [a.members[2].id] } }));
    const { response } = await issueCertificate({ ctx, input: chosen, idempotencyKey: "members-key-1", now: OPEN_AT });
    const text = (await extractPdf(Buffer.from(response.pdf, "base64"))).pageTexts.join("");
    expect(text).toContain("健太");
    expect(text).not.toContain("直美");
    expect(text).toContain("この写しは、住民票の原本と相違ないことを証明する。");
    const foreign = parse(issueBody(m.code, a.card, "residence", { options: { members: [b.head.id] } }));
    await expect(issueCertificate({ ctx, input: foreign, idempotencyKey: "members-key-2", now: OPEN_AT })).rejects.toMatchObject({ code: "member_not_in_household" });
  });

  it("refuses copies above the limit and outside service hours", async () => {
    const m = await createServedMunicipality();
    const { card } = await createCardholder(m.id);
    const { ctx } = await createApiClient();
    await expect(issueCertificate({ ctx, input: parse(issueBody(m.code, card, "residence", { copies: 6 })), idempotencyKey: "copies-key", now: OPEN_AT })).rejects.toMatchObject({ code: "copies_out_of_range" });
    await expect(issueCertificate({ ctx, input: parse(issueBody(m.code, card)), idempotencyKey: "hours-key", now: new Date("2026-11-27T23:00:00+09:00") })).rejects.toMatchObject({ code: "service_out_of_hours" });
  });

  it("completes: printed counts once in the daily usage, deletes the PDF and keeps the hash", async () => {
    const m = await createServedMunicipality();
    const { card } = await createCardholder(m.id);
    const { ctx } = await createApiClient();
    const { response } = await issueCertificate({ ctx, input: parse(issueBody(m.code, card, "residence", { copies: 3 })), idempotencyKey: "complete-key", now: OPEN_AT });
    await completeIssuance({ ctx, issuanceId: response.issuanceId, input: { outcome: "printed" }, now: OPEN_AT });
    await completeIssuance({ ctx, issuanceId: response.issuanceId, input: { outcome: "printed" }, now: OPEN_AT });
    await expect(completeIssuance({ ctx, issuanceId: response.issuanceId, input: { outcome: "cancelled" } })).rejects.toMatchObject({ code: "completion_conflict" });
    const row = await ownerDb().issuance.findUniqueOrThrow({ where: { id: response.issuanceId } });
    expect(row.status).toBe("printed");
    expect(row.pdf).toBeNull();
    expect(row.pdfSha256).toBe(response.pdfSha256);
    const usage = await ownerDb().usageDaily.findMany({ where: { municipalityId: m.id } });
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ count: 1, copies: 3, feeTotal: 600 });
  });

  it("cancel and failure count nothing; failure opens an incident", async () => {
    const m = await createServedMunicipality();
    const { card } = await createCardholder(m.id);
    const { ctx } = await createApiClient();
    const one = await issueCertificate({ ctx, input: parse(issueBody(m.code, card)), idempotencyKey: "cancel-key", now: OPEN_AT });
    const two = await issueCertificate({ ctx, input: parse(issueBody(m.code, card)), idempotencyKey: "fail-key-1", now: OPEN_AT });
    await completeIssuance({ ctx, issuanceId: one.response.issuanceId, input: { outcome: "cancelled" } });
    await completeIssuance({ ctx, issuanceId: two.response.issuanceId, input: { outcome: "failed", reason: "printer jam" } });
    expect(await ownerDb().usageDaily.count({ where: { municipalityId: m.id } })).toBe(0);
    const incidents = await ownerDb().incident.findMany({ where: { municipalityId: m.id } });
    expect(incidents.map((i) => i.kind)).toEqual(["centre_error"]);
  });

  it("another client cannot complete someone else's issuance", async () => {
    const m = await createServedMunicipality();
    const { card } = await createCardholder(m.id);
    const a = await createApiClient();
    const b = await createApiClient();
    const { response } = await issueCertificate({ ctx: a.ctx, input: parse(issueBody(m.code, card)), idempotencyKey: "owner-key", now: OPEN_AT });
    await expect(completeIssuance({ ctx: b.ctx, issuanceId: response.issuanceId, input: { outcome: "printed" } })).rejects.toMatchObject({ code: "issuance_not_found" });
  });
});
