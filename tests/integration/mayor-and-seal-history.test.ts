// The mayor and 公印 history (docs/decisions/0015): a certificate of a day prints the mayor and the 公印 whose
// effectiveFrom is the latest on or before that JST day — issued or previewed — compared by text and by the
// decoded pixels of the images in the PDF; a future entry is not in force yet; who may record; the audit
// events; tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { previewCertificate } from "@/server/certificates/preview-certificate";
import { getDb } from "@/server/db";
import { withTenant } from "@/server/db/tenant";
import { checkEligibility } from "@/server/eligibility/check-eligibility";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { getOfficialSealEntryImage } from "@/server/mayor-and-seal/get-official-seal-entry-image";
import { listMayorAndSealHistory } from "@/server/mayor-and-seal/list-mayor-and-seal-history";
import { recordMayorTerm } from "@/server/mayor-and-seal/record-mayor-term";
import { recordOfficialSeal } from "@/server/mayor-and-seal/record-official-seal";
import { setMunicipalityStatus } from "@/server/municipalities/set-municipality-status";
import { closeRenderPool, warmUpRenderPool } from "@/server/pdf/render-pool";
import { extractPdf } from "@/server/pdf/render-certificate";
import { ownerDb } from "@/tests/setup/owner-db";
import { createStaffUser } from "../factories";
import { staffCtx } from "../factories/contexts";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";
import { patternPng } from "../factories/png";
import { decodePng, pdfImages, rgbaDigest } from "../pdf-images";

beforeAll(() => warmUpRenderPool(), 120_000);
afterAll(closeRenderPool);

// OPEN_AT is Friday 2026-11-27 10:00 JST; the change takes effect on Monday 2026-11-30.
const CHANGE_DAY = "2026-11-30";
const AFTER = new Date("2026-11-30T10:00:00+09:00");
const LAST_MINUTE_BEFORE = new Date("2026-11-29T22:50:00+09:00");

const digestOf = (png: Uint8Array) => rgbaDigest(decodePng(png));
const imagesIn = async (pdf: Uint8Array) => (await pdfImages(pdf)).flat().map(rgbaDigest);
const textIn = async (pdf: Uint8Array) => (await extractPdf(pdf)).pageTexts.join("").replace(/\s/g, "");
const compact = (s: string) => s.replace(/\s/g, "");

async function adminOf(municipalityId: string, role: "municipal_admin" | "clerk" | "auditor" = "municipal_admin") {
  const user = await createStaffUser({ municipalityId, role });
  return staffCtx(municipalityId, role, user.id);
}

describe("the certificate of a day prints the mayor and 公印 in force that day", () => {
  it("issued and previewed before the change day: the old mayor and seal; from that day: the new", async () => {
    const oldSeal = patternPng(64, 11);
    const newSeal = patternPng(64, 12);
    const m = await createServedMunicipality({ sealImage: oldSeal, mayorTitle: "試験市長", mayorName: "旧任 一郎" });
    const admin = await adminOf(m.id);
    await recordMayorTerm({ ctx: admin, input: { effectiveFrom: CHANGE_DAY, mayorTitle: "試験市長", mayorName: "新任 花子" }, now: OPEN_AT });
    await recordOfficialSeal({ ctx: admin, input: { effectiveFrom: CHANGE_DAY, image: newSeal }, now: OPEN_AT });

    const holder = await createCardholder(m.id);
    const { ctx } = await createApiClient();
    const issueAt = async (now: Date, key: string) =>
      Buffer.from((await issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(m.code, holder.card)), idempotencyKey: key, now })).response.pdf, "base64");

    for (const [now, key] of [[OPEN_AT, "mayor-before"], [LAST_MINUTE_BEFORE, "mayor-last-minute"]] as const) {
      const pdf = await issueAt(now, key);
      expect(await imagesIn(pdf), key).toEqual([digestOf(oldSeal)]);
      expect(await textIn(pdf), key).toContain(compact("旧任 一郎"));
      expect(await textIn(pdf), key).not.toContain(compact("新任 花子"));
    }
    const after = await issueAt(AFTER, "mayor-after");
    expect(await imagesIn(after)).toEqual([digestOf(newSeal)]);
    expect(await textIn(after)).toContain(compact("新任 花子"));
    expect(await textIn(after)).not.toContain(compact("旧任 一郎"));

    // The staff preview of a day prints the same as an issuance of that day.
    const previewBefore = await previewCertificate({ ctx: admin, municipalityCode: m.code, type: "residence", now: OPEN_AT });
    expect(await imagesIn(previewBefore.pdf)).toEqual([digestOf(oldSeal)]);
    expect(await textIn(previewBefore.pdf)).toContain(compact("旧任 一郎"));
    const previewAfter = await previewCertificate({ ctx: admin, municipalityCode: m.code, type: "residence", now: AFTER });
    expect(await imagesIn(previewAfter.pdf)).toEqual([digestOf(newSeal)]);
    expect(await textIn(previewAfter.pdf)).toContain(compact("新任 花子"));
  }, 120_000);

  it("a future entry is listed as scheduled and leaves what is in force (and the Municipality columns) alone", async () => {
    const oldSeal = patternPng(48, 21);
    const m = await createServedMunicipality({ sealImage: oldSeal, mayorName: "現職 太郎" });
    const admin = await adminOf(m.id);
    await recordMayorTerm({ ctx: admin, input: { effectiveFrom: CHANGE_DAY, mayorTitle: m.mayorTitle, mayorName: "次期 次郎" }, now: OPEN_AT });
    await recordOfficialSeal({ ctx: admin, input: { effectiveFrom: CHANGE_DAY, image: patternPng(48, 22) }, now: OPEN_AT });

    const history = await listMayorAndSealHistory({ ctx: admin, input: {}, now: OPEN_AT });
    // The first entries come from the columns, from the fixed early day (the municipality had no history).
    expect(history.mayors.map((e) => [e.effectiveFrom, e.effectiveUntil, e.status, e.mayorName])).toEqual([
      [CHANGE_DAY, null, "scheduled", "次期 次郎"],
      ["1900-01-01", "2026-11-29", "in_force", "現職 太郎"],
    ]);
    expect(history.seals.map((e) => [e.effectiveFrom, e.status, e.bytes])).toEqual([
      [CHANGE_DAY, "scheduled", patternPng(48, 22).byteLength],
      ["1900-01-01", "in_force", oldSeal.byteLength],
    ]);
    const row = await ownerDb().municipality.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.mayorName).toBe("現職 太郎");
    expect(Buffer.from(row.sealImage!).equals(Buffer.from(oldSeal))).toBe(true);
    expect((await listMayorAndSealHistory({ ctx: admin, input: {}, now: AFTER })).mayors.map((e) => e.status)).toEqual(["in_force", "ended"]);
  });

  it("an entry for today is in force at once; a past day and a day already taken are refused", async () => {
    const m = await createServedMunicipality({ mayorName: "現職 太郎" });
    const admin = await adminOf(m.id);
    await recordMayorTerm({ ctx: admin, input: { effectiveFrom: "2026-11-27", mayorTitle: m.mayorTitle, mayorName: "即日 三郎" }, now: OPEN_AT });
    expect((await ownerDb().municipality.findUniqueOrThrow({ where: { id: m.id } })).mayorName).toBe("即日 三郎");
    await expect(recordMayorTerm({ ctx: admin, input: { effectiveFrom: "2026-11-26", mayorTitle: "市長", mayorName: "過去 四郎" }, now: OPEN_AT })).rejects.toMatchObject({ code: "mayor_seal_in_past" });
    await expect(recordMayorTerm({ ctx: admin, input: { effectiveFrom: "2026-11-27", mayorTitle: "市長", mayorName: "重複 五郎" }, now: OPEN_AT })).rejects.toMatchObject({ code: "mayor_seal_date_taken" });
    await recordOfficialSeal({ ctx: admin, input: { effectiveFrom: "2026-12-01", image: patternPng(40, 31) }, now: OPEN_AT });
    await expect(recordOfficialSeal({ ctx: admin, input: { effectiveFrom: "2026-12-01", image: patternPng(40, 32) }, now: OPEN_AT })).rejects.toMatchObject({ code: "mayor_seal_date_taken" });
    await expect(recordOfficialSeal({ ctx: admin, input: { effectiveFrom: "2026-12-02", image: new Uint8Array([1, 2, 3]) }, now: OPEN_AT })).rejects.toMatchObject({ code: "seal_not_png" });
  });
});

describe("has a 公印 = a 公印 in force today", () => {
  it("a municipality whose first 公印 takes effect later issues nothing until that day, and cannot go 稼働中 before it", async () => {
    const m = await createServedMunicipality({ sealImage: null });
    const admin = await adminOf(m.id);
    await recordOfficialSeal({ ctx: admin, input: { effectiveFrom: CHANGE_DAY, image: patternPng(48, 41) }, now: OPEN_AT });
    const { card } = await createCardholder(m.id);
    const { ctx } = await createApiClient();
    const before = await checkEligibility({ ctx, input: issueBody(m.code, card), now: OPEN_AT });
    for (const c of before.certificates) expect(c).toMatchObject({ available: false, reason: "municipality_not_active" });
    const after = await checkEligibility({ ctx, input: issueBody(m.code, card), now: AFTER });
    expect(after.certificates.find((c) => c.type === "residence")).toMatchObject({ available: true });

    const operator = staffCtx(null, "operator");
    await ownerDb().municipality.update({ where: { id: m.id }, data: { status: "preparing" } });
    await expect(setMunicipalityStatus({ ctx: operator, input: { code: m.code, status: "active" }, now: OPEN_AT })).rejects.toMatchObject({ code: "official_seal_required" });
    expect((await setMunicipalityStatus({ ctx: operator, input: { code: m.code, status: "active" }, now: AFTER })).status).toBe("active");
  });
});

describe("who records, the audit events and tenant isolation", () => {
  it("audits each entry by day and digest, never the image bytes or the mayor's name", async () => {
    const m = await createServedMunicipality();
    const admin = await adminOf(m.id);
    const png = patternPng(64, 51);
    const mayor = await recordMayorTerm({ ctx: admin, input: { effectiveFrom: CHANGE_DAY, mayorTitle: m.mayorTitle, mayorName: "監査 六郎" }, now: OPEN_AT });
    const seal = await recordOfficialSeal({ ctx: admin, input: { effectiveFrom: CHANGE_DAY, image: png }, now: OPEN_AT });
    const events = await ownerDb().auditEvent.findMany({ where: { municipalityId: m.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.targetId])).toEqual([
      ["mayor_term.record", mayor.id],
      ["official_seal.record", seal.id],
    ]);
    const stored = await ownerDb().officialSeal.findUniqueOrThrow({ where: { id: seal.id } });
    expect(events[1].details).toMatchObject({ effectiveFrom: CHANGE_DAY, inForceNow: false, sha256: stored.sha256, bytes: png.byteLength, width: 64, height: 64 });
    expect(stored.recordedById).toBe(admin.actor.type === "staff" ? admin.actor.id : null);
    const text = JSON.stringify(events.map((e) => e.details));
    expect(text).not.toContain("監査");
    expect(text).not.toContain(Buffer.from(png).toString("base64").slice(0, 40));
  });

  it("a clerk or an auditor cannot record; another municipality's administrator cannot name this one", async () => {
    const m = await createServedMunicipality();
    const other = await createServedMunicipality();
    for (const role of ["clerk", "auditor"] as const) {
      const ctx = await adminOf(m.id, role);
      await expect(recordMayorTerm({ ctx, input: { effectiveFrom: CHANGE_DAY, mayorTitle: "市長", mayorName: "越権 七郎" }, now: OPEN_AT })).rejects.toMatchObject({ code: "forbidden" });
      await expect(recordOfficialSeal({ ctx, input: { effectiveFrom: CHANGE_DAY, image: patternPng(48, 61) }, now: OPEN_AT })).rejects.toMatchObject({ code: "forbidden" });
      // Reading is every role's.
      expect((await listMayorAndSealHistory({ ctx, input: {}, now: OPEN_AT })).mayors).toEqual([]);
    }
    const foreign = await adminOf(other.id);
    await expect(recordMayorTerm({ ctx: foreign, input: { municipalityId: m.id, effectiveFrom: CHANGE_DAY, mayorTitle: "市長", mayorName: "越境 八郎" }, now: OPEN_AT })).rejects.toMatchObject({ code: "forbidden" });
    await expect(recordOfficialSeal({ ctx: foreign, input: { municipalityId: m.id, effectiveFrom: CHANGE_DAY, image: patternPng(48, 62) }, now: OPEN_AT })).rejects.toMatchObject({ code: "forbidden" });
    expect(await ownerDb().mayorTerm.count({ where: { municipalityId: m.id } })).toBe(0);
    expect(await ownerDb().officialSeal.count({ where: { municipalityId: m.id } })).toBe(0);
  });

  it("the operator records for the municipality it names; row-level security hides one municipality's history from another", async () => {
    const a = await createServedMunicipality();
    const b = await createServedMunicipality();
    const operator = staffCtx(null, "operator");
    const seal = await recordOfficialSeal({ ctx: operator, input: { municipalityId: a.id, effectiveFrom: CHANGE_DAY, image: patternPng(48, 71) }, now: OPEN_AT });
    await recordMayorTerm({ ctx: operator, input: { municipalityId: a.id, effectiveFrom: CHANGE_DAY, mayorTitle: "甲市長", mayorName: "運用 九郎" }, now: OPEN_AT });
    await expect(recordMayorTerm({ ctx: operator, input: { effectiveFrom: CHANGE_DAY, mayorTitle: "甲市長", mayorName: "運用 九郎" }, now: OPEN_AT })).rejects.toMatchObject({ code: "validation_failed" });

    const adminB = await adminOf(b.id);
    await expect(getOfficialSealEntryImage({ ctx: adminB, input: { id: seal.id } })).rejects.toMatchObject({ code: "not_found" });
    expect(Buffer.from(await getOfficialSealEntryImage({ ctx: await adminOf(a.id, "clerk"), input: { id: seal.id } })).equals(Buffer.from(patternPng(48, 71)))).toBe(true);
    const seen = await withTenant(adminB, async (tx) => [await tx.mayorTerm.count({ where: { municipalityId: a.id } }), await tx.officialSeal.count({ where: { municipalityId: a.id } })]);
    expect(seen).toEqual([0, 0]);
    // Nor can the app role write into another municipality's history, or rewrite an entry at all.
    await expect(
      withTenant(adminB, (tx) => tx.mayorTerm.create({ data: { municipalityId: a.id, effectiveFrom: new Date("2027-01-01T00:00:00Z"), mayorTitle: "乗っ取り", mayorName: "乗っ取り" } })),
    ).rejects.toThrow();
    await expect(getDb().$executeRaw`UPDATE "OfficialSeal" SET mime = 'image/gif' WHERE id = ${seal.id}::uuid`).rejects.toThrow(/permission denied/);
  });
});
