// Public verification by 発行番号 + 照合番号 (docs/verify.md) on real issuances: the QR code of every page,
// rasterised and decoded as a phone would, leads to a lookup that answers 有効; a voided issuance answers
// 無効; a wrong code and an unknown number answer the same; the throttles; and no personal data anywhere in
// the answer, the audit events or the kiosk response.
import crypto from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { completeIssuance } from "@/server/issuance/complete-issuance";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { extractPdf } from "@/server/pdf/render-certificate";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { RATE_LIMITS } from "@/server/public/rate-limit";
import { verificationCodeHash } from "@/server/verify/verification-code";
import { verifyIssuance } from "@/server/verify/verify-issuance";
import { ownerDb } from "@/tests/setup/owner-db";
import { rasterisePdf, readQr } from "../pdf-raster";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";

afterAll(closeRenderPool);
afterEach(() => vi.restoreAllMocks());

const BASE = "https://shomei.example.lg.jp/konbini";
const SLOW = 120_000;
let n = 0;
const address = () => `203.0.113.${++n}`;
const later = (minutes: number) => new Date(OPEN_AT.getTime() + minutes * 60_000);

/** A printed 住民票 of a household of `size`, issued with VERIFY_BASE_URL = BASE. */
async function printedIssuance(size = 1) {
  const m = await createServedMunicipality();
  const holder = await createCardholder(m.id, { size });
  const { ctx } = await createApiClient();
  vi.stubEnv("VERIFY_BASE_URL", BASE);
  const { response } = await issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, holder.card)), idempotencyKey: crypto.randomUUID(), now: OPEN_AT });
  vi.unstubAllEnvs();
  await completeIssuance({ ctx, issuanceId: response.issuanceId, input: { outcome: "printed" }, now: later(1) });
  const pdf = new Uint8Array(Buffer.from(response.pdf, "base64"));
  const code = /照合番号([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec((await extractPdf(pdf)).pageTexts[0])![1];
  return { m, holder, ctx, response, pdf, code };
}

const auditOf = (action: string) => ownerDb().auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });

describe("照合番号 and QR code on the issued PDF", () => {
  it(
    "every page's QR code decodes to <base>/verify?no=<this 発行番号>&code=<the printed 照合番号>, and that pair verifies as 有効",
    async () => {
      const { response, pdf, code, m } = await printedIssuance(6);
      const pages = await rasterisePdf(pdf, 3);
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) {
        const url = new URL(readQr(page)!);
        expect(`${url.origin}${url.pathname}`).toBe(`${BASE}/verify`);
        expect(url.searchParams.get("no")).toBe(response.issuanceNo);
        expect(url.searchParams.get("code")).toBe(code);
      }
      const url = new URL(readQr(pages[0])!);
      const result = await verifyIssuance({ input: { issuanceNo: url.searchParams.get("no")!, code: url.searchParams.get("code")! }, clientKey: address(), now: later(5) });
      expect(result).toEqual({
        status: "valid",
        issuanceNo: response.issuanceNo,
        certificateName: "住民票の写し",
        municipalityName: `${m.prefecture}${m.name}`,
        issuedAt: "令和8年11月27日 10:00",
        pageCount: pages.length,
        pdfSha256: crypto.createHash("sha256").update(pdf).digest("hex"),
      });
    },
    SLOW,
  );

  it("the database keeps only the hash; the kiosk response and the audit events never carry the code", async () => {
    const { response, code } = await printedIssuance();
    const row = await ownerDb().issuance.findUniqueOrThrow({ where: { id: response.issuanceId } });
    expect(row.verificationCodeHash).toBe(verificationCodeHash(response.issuanceNo, code));
    expect(JSON.stringify(row)).not.toContain(code);
    const { pdf: _pdf, ...rest } = response;
    expect(JSON.stringify(rest)).not.toContain(code);
    await verifyIssuance({ input: { issuanceNo: response.issuanceNo, code }, clientKey: address(), now: later(5) });
    const events = await ownerDb().auditEvent.findMany({ where: { OR: [{ targetId: response.issuanceId }, { action: "issuance.verify" }] } });
    expect(events.length).toBeGreaterThan(1);
    for (const e of events) expect(JSON.stringify({ ...e, id: String(e.id) })).not.toContain(code.replace(/-/g, "").slice(0, 8));
  });
});

describe("verifyIssuance", () => {
  it("accepts the code as a reader types it: lower case, no hyphens, spaces, O for 0, I/L for 1", async () => {
    const { response, code } = await printedIssuance();
    const typed = code.toLowerCase().replace(/-/g, " ").replace(/0/g, "o").replace(/1/g, "l");
    const result = await verifyIssuance({ input: { issuanceNo: ` ${response.issuanceNo} `, code: typed }, clientKey: address(), now: later(5) });
    expect(result.status).toBe("valid");
  });

  it("answers 無効 once the municipality has declared the issuance void, with no reason", async () => {
    const { response, code } = await printedIssuance();
    await ownerDb().issuance.update({ where: { id: response.issuanceId }, data: { voidedAt: later(30), voidReason: "other", voidNote: "テスト用の無効理由（誤って交付）" } });
    const result = await verifyIssuance({ input: { issuanceNo: response.issuanceNo, code }, clientKey: address(), now: later(31) });
    expect(result.status).toBe("void");
    expect(JSON.stringify(result)).not.toMatch(/テスト用|other|誤/);
    const [event] = (await auditOf("issuance.verify")).filter((e) => e.targetId === response.issuanceId);
    const row = await ownerDb().issuance.findUniqueOrThrow({ where: { id: response.issuanceId } });
    expect(event).toMatchObject({ municipalityId: row.municipalityId, actorType: "resident", details: { result: "void" } });
  });

  it("a wrong code, an unknown number, and an issuance never printed give the same answer through the same comparison", async () => {
    const { response, code, ctx, m, holder } = await printedIssuance();
    const unprinted = await issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, holder.card, "residence")), idempotencyKey: crypto.randomUUID(), now: OPEN_AT });
    const unprintedCode = /照合番号(\S{14})/.exec((await extractPdf(Buffer.from(unprinted.response.pdf, "base64"))).pageTexts[0])![1];
    const wrong = code.startsWith("0") ? `1${code.slice(1)}` : `0${code.slice(1)}`;
    const unknownNo = response.issuanceNo.replace(/\d{8}$/, "99999999");
    const compare = vi.spyOn(crypto, "timingSafeEqual");
    const before = (await auditOf("issuance.verify")).length;
    const answers = [];
    for (const input of [
      { issuanceNo: response.issuanceNo, code: wrong },
      { issuanceNo: unknownNo, code },
      { issuanceNo: unprinted.response.issuanceNo, code: unprintedCode },
    ]) {
      const failure = await verifyIssuance({ input, clientKey: address(), now: later(5) }).then(
        () => null,
        (e: unknown) => e,
      );
      answers.push(JSON.stringify({ ...(failure as object), stack: undefined, cause: undefined, name: (failure as Error).name, message: (failure as Error).message }));
    }
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0])).toMatchObject({ code: "verification_not_found", status: 404 });
    // One constant-time comparison each, as for a hit.
    expect(compare).toHaveBeenCalledTimes(3);
    const events = (await auditOf("issuance.verify")).slice(before);
    expect(events.map((e) => ({ chain: e.chain, targetId: e.targetId, details: e.details }))).toEqual(Array(3).fill({ chain: "system", targetId: null, details: { result: "not_found" } }));
    // Loose timing: the misses are not orders of magnitude apart (medians of a few runs each).
    const median = async (input: { issuanceNo: string; code: string }) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await verifyIssuance({ input, clientKey: address(), now: later(6) }).catch(() => undefined);
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b)[2];
    };
    const [wrongMs, unknownMs] = [await median({ issuanceNo: response.issuanceNo, code: wrong }), await median({ issuanceNo: unknownNo, code })];
    expect(Math.max(wrongMs, unknownMs) / Math.min(wrongMs, unknownMs)).toBeLessThan(5);
  }, SLOW);

  it("the answer carries no personal data: no name, kana, address or date of birth of anyone on the certificate", async () => {
    const { response, code, holder } = await printedIssuance(3);
    const result = await verifyIssuance({ input: { issuanceNo: response.issuanceNo, code }, clientKey: address(), now: later(5) });
    const text = JSON.stringify(result);
    const household = await ownerDb().household.findUniqueOrThrow({ where: { id: holder.head.householdId } });
    for (const r of holder.members) {
      for (const value of [r.familyName, r.givenName, r.familyNameKana, r.givenNameKana, r.dateOfBirth.toISOString().slice(0, 10), "昭和", "生年月日"]) expect(text).not.toContain(value);
    }
    expect(text).not.toContain(household.address);
    expect(Object.keys(result).sort()).toEqual(["certificateName", "issuanceNo", "issuedAt", "municipalityName", "pageCount", "pdfSha256", "status"]);
    const events = (await auditOf("issuance.verify")).filter((e) => e.targetId === response.issuanceId);
    expect(events.map((e) => e.details)).toEqual([{ result: "valid" }]);
  });

  it("refuses malformed input before counting or auditing anything", async () => {
    const before = (await auditOf("issuance.verify")).length;
    await expect(verifyIssuance({ input: { issuanceNo: "12345", code: "ABC" }, clientKey: address(), now: later(5) })).rejects.toMatchObject({ code: "validation_failed" });
    expect((await auditOf("issuance.verify")).length).toBe(before);
  });

  it("throttles one address, whatever it asks, and lets it back in the next window", async () => {
    const { response, code } = await printedIssuance();
    const me = address();
    const input = { issuanceNo: response.issuanceNo, code };
    const at = later(60);
    for (let i = 0; i < RATE_LIMITS.verifyPerClient.limit; i++) await verifyIssuance({ input, clientKey: me, now: at });
    await expect(verifyIssuance({ input, clientKey: me, now: at })).rejects.toMatchObject({ code: "rate_limited", status: 429 });
    // Another address is not affected; the same one is, until its window ends.
    expect((await verifyIssuance({ input, clientKey: address(), now: at })).status).toBe("valid");
    expect((await verifyIssuance({ input, clientKey: me, now: new Date(at.getTime() + RATE_LIMITS.verifyPerClient.windowMs) })).status).toBe("valid");
  }, SLOW);

  it("throttles everyone together once the global limit is spent", async () => {
    const { response, code } = await printedIssuance();
    const input = { issuanceNo: response.issuanceNo, code };
    // A window of its own (a later day), filled to the limit directly: the limit is thousands of lookups.
    const at = new Date("2026-12-01T10:00:00+09:00");
    expect((await verifyIssuance({ input, clientKey: address(), now: at })).status).toBe("valid");
    const key = crypto.createHash("sha256").update(`${RATE_LIMITS.verifyGlobal.scope}\nall`).digest("base64url");
    await ownerDb().publicRateLimit.update({ where: { key }, data: { count: RATE_LIMITS.verifyGlobal.limit } });
    await expect(verifyIssuance({ input, clientKey: address(), now: at })).rejects.toMatchObject({ code: "rate_limited" });
    expect((await verifyIssuance({ input, clientKey: address(), now: new Date(at.getTime() + RATE_LIMITS.verifyGlobal.windowMs) })).status).toBe("valid");
  }, SLOW);
});
