// No 公印, no certificate (DOMAIN.md §7, §9): an issued PDF carries its municipality's 公印 image and, for a
// 印鑑登録証明書, the registered 印影, compared by decoded pixels against the stored PNGs (a different seal
// must not match); a municipality without a 公印 image issues nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { buildSampleDocument, previewCertificate } from "@/server/certificates/preview-certificate";
import { checkEligibility } from "@/server/eligibility/check-eligibility";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { closeRenderPool, renderInWorker, warmUpRenderPool } from "@/server/pdf/render-pool";
import { extractPdf } from "@/server/pdf/render-certificate";
import { ownerDb } from "@/tests/setup/owner-db";
import { createStaffUser } from "../factories";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";
import { JPEG_INKAN_BASE64, patternPng } from "../factories/png";
import { decodePng, pdfImages, rgbaDigest } from "../pdf-images";

// A cold worker takes seconds (fonts, react-pdf): start it before the issuance deadline starts counting.
beforeAll(() => warmUpRenderPool(), 120_000);
afterAll(closeRenderPool);

const digestOf = (png: Uint8Array) => rgbaDigest(decodePng(png));

/** The digests of every image drawn in an issued PDF (base64, as the API returns it). */
async function imagesIn(pdfBase64: string): Promise<string[]> {
  return (await pdfImages(Buffer.from(pdfBase64, "base64"))).flat().map(rgbaDigest);
}

describe("the issued PDF carries the stored seal images", () => {
  it("a 住民票 carries its own municipality's 公印 and not another municipality's", async () => {
    const sealA = patternPng(64, 1);
    const sealB = patternPng(64, 2);
    expect(digestOf(sealA)).not.toBe(digestOf(sealB));
    const a = await createServedMunicipality({ sealImage: sealA });
    const b = await createServedMunicipality({ sealImage: sealB });
    const holderA = await createCardholder(a.id, { size: 2 });
    const holderB = await createCardholder(b.id);
    const { ctx } = await createApiClient();

    const fromA = await issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(a.code, holderA.card)), idempotencyKey: "seal-img-a", now: OPEN_AT });
    const inA = await imagesIn(fromA.response.pdf);
    expect(inA).toEqual([digestOf(sealA)]);
    expect(inA).not.toContain(digestOf(sealB));

    const fromB = await issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(b.code, holderB.card)), idempotencyKey: "seal-img-b", now: OPEN_AT });
    const inB = await imagesIn(fromB.response.pdf);
    expect(inB).toEqual([digestOf(sealB)]);
    expect(inB).not.toContain(digestOf(sealA));
  });

  it("a 印影 sent as JPEG (as the seals feed allows) is printed as a JPEG image beside the 公印", async () => {
    const officialSeal = patternPng(64, 4);
    const m = await createServedMunicipality({ sealImage: officialSeal });
    const holder = await createCardholder(m.id, { seal: true, sealImage: new Uint8Array(Buffer.from(JPEG_INKAN_BASE64, "base64")) });
    const { ctx } = await createApiClient();
    const { response } = await issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, holder.card, "seal")), idempotencyKey: "inkan-jpeg", now: OPEN_AT });
    const images = (await pdfImages(Buffer.from(response.pdf, "base64"))).flat();
    expect(images.map(rgbaDigest)).toContain(digestOf(officialSeal));
    // The JPEG is decoded by pdf.js: its size, and mostly red-on-white pixels, are the 印影's.
    const inkan = images.find((i) => i.width === 40 && i.height === 40);
    expect(inkan).toBeDefined();
    const px = (x: number, y: number) => Array.from(inkan!.rgba.subarray((y * 40 + x) * 4, (y * 40 + x) * 4 + 3));
    expect(px(0, 0).every((v) => v > 230)).toBe(true); // white corner
    const [r, g, b] = px(20, 20); // the red bar
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(80);
    expect(b).toBeLessThan(80);
  });

  it("a 印鑑登録証明書 carries the requester's registered 印影 and the 公印, and no one else's 印影", async () => {
    const officialSeal = patternPng(64, 3);
    const m = await createServedMunicipality({ sealImage: officialSeal });
    const inkan1 = patternPng(48, 11);
    const inkan2 = patternPng(48, 12);
    const holder1 = await createCardholder(m.id, { seal: true, sealImage: inkan1 });
    const holder2 = await createCardholder(m.id, { seal: true, sealImage: inkan2 });
    const { ctx } = await createApiClient();

    const issue = (card: { issuer: string; serial: string }, key: string) =>
      issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, card, "seal")), idempotencyKey: key, now: OPEN_AT });
    const first = await imagesIn((await issue(holder1.card, "inkan-1")).response.pdf);
    expect(first).toHaveLength(2);
    expect(first).toContain(digestOf(inkan1));
    expect(first).toContain(digestOf(officialSeal));
    expect(first).not.toContain(digestOf(inkan2));

    const second = await imagesIn((await issue(holder2.card, "inkan-2")).response.pdf);
    expect(second).toContain(digestOf(inkan2));
    expect(second).toContain(digestOf(officialSeal));
    expect(second).not.toContain(digestOf(inkan1));
  });
});

describe("no 公印 image, no certificate", () => {
  it("refuses every type with municipality_not_active and records nothing", async () => {
    const m = await createServedMunicipality({ sealImage: null });
    const { card } = await createCardholder(m.id, { seal: true });
    const { ctx } = await createApiClient();
    for (const type of ["residence", "residence-entry", "seal"] as const) {
      await expect(issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, card, type)), idempotencyKey: `no-seal-${type}`, now: OPEN_AT })).rejects.toMatchObject({
        code: "municipality_not_active",
        status: 403,
      });
    }
    expect(await ownerDb().issuance.count({ where: { municipalityId: m.id } })).toBe(0);
    const e = await checkEligibility({ ctx, input: issueBody(m.code, card), now: OPEN_AT });
    expect(e.certificates.length).toBeGreaterThan(0);
    for (const c of e.certificates) expect(c).toMatchObject({ available: false, reason: "municipality_not_active" });
  });

  it("the renderer refuses a certificate without a 公印; the staff preview prints a marked placeholder instead", async () => {
    const m = await createServedMunicipality({ sealImage: null });
    const sample = buildSampleDocument(m, "residence", OPEN_AT);
    await expect(renderInWorker({ ...sample, sample: false })).rejects.toMatchObject({ code: "municipality_not_active" });

    const user = await createStaffUser({ role: "clerk", municipalityId: m.id });
    const preview = await previewCertificate({ ctx: { actor: { type: "staff", id: user.id, role: "clerk", municipalityId: m.id }, municipalityId: m.id, requestId: "r" }, municipalityCode: m.code, type: "residence", now: OPEN_AT });
    expect((await extractPdf(preview.pdf)).pageTexts.join("")).toContain("公印未登録");
    expect((await pdfImages(preview.pdf)).flat()).toHaveLength(0);
  });
});
