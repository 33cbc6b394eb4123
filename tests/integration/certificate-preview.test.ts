import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { CERTIFICATE_NAMES, CERTIFICATE_TYPES } from "@/lib/certificate-types";
import { buildSampleDocument, previewCertificate, previewCertificateSet } from "@/server/certificates/preview-certificate";
import type { RequestContext } from "@/server/context";
import { ownerDb } from "@/tests/setup/owner-db";
import type { StaffRole } from "@/server/generated/prisma/enums";
import { closeRenderPool, renderInWorker } from "@/server/pdf/render-pool";
import { extractPdf } from "@/server/pdf/render-certificate";
import { createMunicipality, createStaffUser, fakeMunicipalityCode } from "../factories";
import { solidPng } from "../factories/png";

afterAll(closeRenderPool);

async function staffCtx(role: StaffRole, municipalityId: string | null): Promise<RequestContext> {
  const user = await createStaffUser({ role, municipalityId });
  return { actor: { type: "staff", id: user.id, role, municipalityId }, municipalityId, requestId: "r" };
}

const textOf = async (pdf: Uint8Array) => (await extractPdf(pdf)).pageTexts.join("");
const compact = (s: string) => s.replace(/\s+/g, "");

describe("previewCertificate", () => {
  it("renders every certificate type with the municipality's mayor and the 見本 mark", async () => {
    const m = await createMunicipality({ sealImage: solidPng(48), sealImageMime: "image/png" });
    const ctx = await staffCtx("clerk", m.id);
    for (const type of CERTIFICATE_TYPES) {
      const preview = await previewCertificate({ ctx, municipalityCode: m.code, type });
      expect(preview.fileName).toBe(`${m.code}_${CERTIFICATE_NAMES[type]}_見本.pdf`);
      expect(preview.pageCount).toBeGreaterThanOrEqual(1);
      const { pageTexts } = await extractPdf(preview.pdf);
      expect(pageTexts).toHaveLength(preview.pageCount);
      // The watermark is drawn first on every page, so each page's text starts with it.
      for (const page of pageTexts) expect(page.startsWith("見本"), type).toBe(true);
      const text = pageTexts.join("");
      expect(text, type).toContain(compact(m.mayorTitle));
      expect(text, type).toContain(compact(m.mayorName));
      expect(text, type).toContain("見本");
      expect(text, type).toContain(`${m.code}-SAMPLE-00000000`);
      // The sample 照合番号 on every page, and a QR code of the sample's verification address (no lookup finds it).
      for (const page of pageTexts) expect(page, type).toContain("照合番号0000-0000-0000");
      // Fictional data only, in the municipality's name.
      expect(text, type).toContain("山川");
    }
  });

  it("differs from the same document without the sample flag only by the watermark", async () => {
    const m = await createMunicipality();
    const now = new Date("2026-11-27T01:00:00Z");
    const doc = buildSampleDocument(m, "koseki-full", now);
    expect(doc.sample).toBe(true);
    const sample = await renderInWorker(doc);
    const plain = await renderInWorker({ ...doc, sample: false });
    expect(sample.pageCount).toBe(plain.pageCount);
    expect(sample.pageTexts).toEqual(plain.pageTexts.map((t) => `見本${t}`));
  });

  it("audits each render with the type and municipality code, and nothing printed", async () => {
    const m = await createMunicipality();
    const ctx = await staffCtx("municipal_admin", m.id);
    await previewCertificate({ ctx, municipalityCode: m.code, type: "seal" });
    const events = await ownerDb().auditEvent.findMany({ where: { municipalityId: m.id, action: "preview.render" } });
    expect(events).toHaveLength(1);
    expect(events[0].actorId).toBe(ctx.actor.id);
    expect(events[0].details).toMatchObject({ certificateType: "seal", municipalityCode: m.code });
    expect(JSON.stringify(events[0].details)).not.toContain("山川");
  });

  it("refuses another municipality's staff, whatever their role, and non-staff callers", async () => {
    const a = await createMunicipality();
    const b = await createMunicipality();
    for (const role of ["clerk", "municipal_admin", "auditor"] as const) {
      const ctx = await staffCtx(role, a.id);
      await expect(previewCertificate({ ctx, municipalityCode: b.code, type: "residence" })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    }
    // A code no municipality has (the factory's counter never reuses one) answers the same as another municipality's: nothing about which codes exist.
    const clerk = await staffCtx("clerk", a.id);
    await expect(previewCertificate({ ctx: clerk, municipalityCode: fakeMunicipalityCode(), type: "residence" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(previewCertificateSet({ ctx: clerk, municipalityCode: b.code })).rejects.toMatchObject({ code: "forbidden" });
    // A non-operator without a municipality gets nothing.
    await expect(previewCertificate({ ctx: await staffCtx("clerk", null), municipalityCode: a.code, type: "residence" })).rejects.toMatchObject({ code: "forbidden" });
    const apiClient: RequestContext = { actor: { type: "api_client", id: "x", municipalityId: a.id }, municipalityId: a.id, requestId: "r" };
    await expect(previewCertificate({ ctx: apiClient, municipalityCode: a.code, type: "residence" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await ownerDb().auditEvent.count({ where: { municipalityId: b.id, action: "preview.render" } })).toBe(0);
  });

  it("lets the operator preview any municipality", async () => {
    const a = await createMunicipality({ mayorName: "見本 花子" });
    const b = await createMunicipality({ mayorName: "試験 次郎" });
    const operator = await staffCtx("operator", null);
    expect(await textOf((await previewCertificate({ ctx: operator, municipalityCode: a.code, type: "koseki-full" })).pdf)).toContain("見本花子");
    expect(await textOf((await previewCertificate({ ctx: operator, municipalityCode: b.code, type: "tax-income-assessment" })).pdf)).toContain("試験次郎");
    await expect(previewCertificate({ ctx: operator, municipalityCode: fakeMunicipalityCode(), type: "residence" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("validates the municipality code and the certificate type", async () => {
    const m = await createMunicipality();
    const ctx = await staffCtx("clerk", m.id);
    await expect(previewCertificate({ ctx, municipalityCode: m.code, type: "passport" })).rejects.toMatchObject({ code: "validation_failed", status: 422 });
    await expect(previewCertificate({ ctx, municipalityCode: "12345", type: "seal" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("previewCertificateSet", () => {
  it("zips one sample PDF per certificate type", async () => {
    const m = await createMunicipality();
    const ctx = await staffCtx("clerk", m.id);
    const set = await previewCertificateSet({ ctx, municipalityCode: m.code });
    const files = unzipSync(set.zip);
    const names = Object.keys(files);
    expect(names).toHaveLength(CERTIFICATE_TYPES.length);
    expect(names).toContain(`${m.code}_住民票の写し_見本.pdf`);
    expect(names).toContain(`${m.code}_印鑑登録証明書_見本.pdf`);
    for (const name of names) {
      const pdf = files[name];
      expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe("%PDF-");
      const text = await textOf(pdf);
      expect(text, name).toContain(compact(m.mayorName));
      expect(text, name).toContain("見本");
    }
    expect(await ownerDb().auditEvent.count({ where: { municipalityId: m.id, action: "preview.render" } })).toBe(CERTIFICATE_TYPES.length);
  });
});
