import { describe, expect, it } from "vitest";
import { errorMessage } from "@/lib/error-messages";
import { municipalityCheckDigit } from "@/lib/municipality-code";
import type { RequestContext } from "@/server/context";
import { ownerDb } from "@/tests/setup/owner-db";
import { createMunicipality } from "@/server/municipalities/create-municipality";
import { getMunicipality } from "@/server/municipalities/get-municipality";
import { getOfficialSeal } from "@/server/municipalities/get-official-seal";
import { listMunicipalities } from "@/server/municipalities/list-municipalities";
import { setMunicipalityStatus } from "@/server/municipalities/set-municipality-status";
import { updateMunicipality } from "@/server/municipalities/update-municipality";
import { uploadOfficialSeal } from "@/server/municipalities/upload-official-seal";
import { createMunicipality as createMunicipalityRow, fakeMunicipalityCode } from "../factories";
import { solidPng } from "../factories/png";

const staffCtx = (role: "operator" | "municipal_admin" | "clerk" | "auditor", municipalityId: string | null = null): RequestContext => ({
  actor: { type: "staff", id: "00000000-0000-7000-8000-000000000001", role, municipalityId },
  municipalityId,
  requestId: "r",
});
const operator = staffCtx("operator");

const form = (code: string) => ({
  code,
  name: "試験町",
  nameKana: "シケンマチ",
  prefecture: "長野県" as const,
  kind: "town" as const,
  mayorTitle: "試験町長",
  mayorName: "試験 花子",
});

const auditCount = (targetId: string) => ownerDb().auditEvent.count({ where: { targetId } });

describe("createMunicipality", () => {
  it("creates the municipality (準備中) with nine disabled offerings and an audit event", async () => {
    const code = fakeMunicipalityCode();
    const m = await createMunicipality({ ctx: operator, input: form(code) });
    expect(m).toMatchObject({ code, status: "preparing", kind: "town", hasSeal: false });
    const offerings = await ownerDb().certificateOffering.findMany({ where: { municipalityId: m.id } });
    expect(offerings).toHaveLength(9);
    expect(offerings.every((o) => !o.enabled)).toBe(true);
    const events = await ownerDb().auditEvent.findMany({ where: { targetId: m.id } });
    expect(events.map((e) => e.action)).toEqual(["municipality.create"]);
    expect(JSON.stringify(events[0].details)).not.toContain("花子");
  });

  it("refuses a wrong check digit, half-width kana and a duplicate code", async () => {
    const code = fakeMunicipalityCode();
    const wrong = code.slice(0, 5) + ((Number(code[5]) + 1) % 10);
    await expect(createMunicipality({ ctx: operator, input: form(wrong) })).rejects.toMatchObject({
      code: "validation_failed",
      details: { errors: [{ path: "code", message: "団体コードの検査数字が正しくありません。" }] },
    });
    await expect(createMunicipality({ ctx: operator, input: { ...form(code), nameKana: "しけんまち" } })).rejects.toMatchObject({
      details: { errors: [{ path: "nameKana", message: "自治体名（カナ）は全角カタカナで入力してください。" }] },
    });
    await createMunicipality({ ctx: operator, input: form(code) });
    await expect(createMunicipality({ ctx: operator, input: form(code) })).rejects.toMatchObject({ code: "municipality_code_taken" });
    expect(await ownerDb().municipality.count({ where: { code: wrong } })).toBe(0);
  });

  it("is refused to every other role, and nothing is created", async () => {
    const home = await createMunicipalityRow();
    for (const role of ["municipal_admin", "clerk", "auditor"] as const) {
      const code = fakeMunicipalityCode();
      await expect(createMunicipality({ ctx: staffCtx(role, home.id), input: form(code) })).rejects.toMatchObject({ code: "forbidden" });
      expect(await ownerDb().municipality.count({ where: { code } })).toBe(0);
    }
  });
});

describe("list, get, update and status", () => {
  it("lets the operator read and change any municipality, with audit events", async () => {
    const row = await createMunicipalityRow();
    expect((await listMunicipalities({ ctx: operator })).some((m) => m.code === row.code)).toBe(true);
    expect(await getMunicipality({ ctx: operator, input: { code: row.code } })).toMatchObject({ id: row.id, name: row.name });

    const updated = await updateMunicipality({ ctx: operator, input: { ...form(row.code), name: "改名市", kind: "city" } });
    // The mayor is not changed here: it has its history with an effective day (docs/decisions/0015).
    expect(updated).toMatchObject({ code: row.code, name: "改名市", kind: "city", mayorName: row.mayorName });
    const suspended = await setMunicipalityStatus({ ctx: operator, input: { code: row.code, status: "suspended" } });
    expect(suspended.status).toBe("suspended");
    const actions = (await ownerDb().auditEvent.findMany({ where: { targetId: row.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["municipality.update", "municipality.set_status"]);
  });

  it("answers not_found for an unknown code", async () => {
    const code = "99999" + municipalityCheckDigit("99999");
    await expect(getMunicipality({ ctx: operator, input: { code } })).rejects.toMatchObject({ code: "not_found" });
    await expect(setMunicipalityStatus({ ctx: operator, input: { code, status: "active" } })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a municipality's own staff, even for their municipality, and changes nothing", async () => {
    const a = await createMunicipalityRow();
    const b = await createMunicipalityRow();
    for (const role of ["municipal_admin", "clerk", "auditor"] as const) {
      const ctx = staffCtx(role, a.id);
      await expect(listMunicipalities({ ctx })).rejects.toMatchObject({ code: "forbidden" });
      for (const target of [a, b]) {
        await expect(getMunicipality({ ctx, input: { code: target.code } })).rejects.toMatchObject({ code: "forbidden" });
        await expect(updateMunicipality({ ctx, input: { ...form(target.code), name: "乗っ取り市" } })).rejects.toMatchObject({ code: "forbidden" });
        await expect(setMunicipalityStatus({ ctx, input: { code: target.code, status: "suspended" } })).rejects.toMatchObject({ code: "forbidden" });
        await expect(uploadOfficialSeal({ ctx, input: { code: target.code, image: solidPng(64) } })).rejects.toMatchObject({ code: "forbidden" });
      }
    }
    for (const m of [a, b]) {
      const after = await ownerDb().municipality.findUniqueOrThrow({ where: { id: m.id } });
      expect(after).toMatchObject({ name: m.name, status: m.status, sealImage: m.sealImage });
      expect(await auditCount(m.id)).toBe(0);
    }
  });
});

describe("official seal (公印)", () => {
  it("stores a real PNG and serves it to the operator and that municipality's staff only", async () => {
    const a = await createMunicipalityRow({ status: "preparing", sealImage: null });
    const b = await createMunicipalityRow({ status: "preparing", sealImage: null });
    const png = solidPng(64);
    const dto = await uploadOfficialSeal({ ctx: operator, input: { code: a.code, image: png } });
    expect(dto.hasSeal).toBe(true);
    expect(Buffer.from((await getOfficialSeal({ ctx: operator, input: { code: a.code } })).image).equals(Buffer.from(png))).toBe(true);
    expect((await getOfficialSeal({ ctx: staffCtx("clerk", a.id), input: { code: a.code } })).mime).toBe("image/png");
    await expect(getOfficialSeal({ ctx: staffCtx("municipal_admin", b.id), input: { code: a.code } })).rejects.toMatchObject({ code: "not_found" });
    await expect(getOfficialSeal({ ctx: operator, input: { code: b.code } })).rejects.toMatchObject({ code: "not_found" });
    const event = await ownerDb().auditEvent.findFirstOrThrow({ where: { targetId: a.id, action: "municipality.upload_seal" } });
    expect(event.details).toMatchObject({ code: a.code, width: 64, height: 64 });
  });

  it("refuses what is not a PNG, a truncated PNG, a tiny image and more than 1 MB", async () => {
    const m = await createMunicipalityRow({ status: "preparing", sealImage: null });
    const png = solidPng(64);
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(100).fill(0)]);
    await expect(uploadOfficialSeal({ ctx: operator, input: { code: m.code, image: jpeg } })).rejects.toMatchObject({ code: "seal_not_png" });
    await expect(uploadOfficialSeal({ ctx: operator, input: { code: m.code, image: png.slice(0, png.length - 5) } })).rejects.toMatchObject({ code: "seal_not_png" });
    await expect(uploadOfficialSeal({ ctx: operator, input: { code: m.code, image: solidPng(8) } })).rejects.toMatchObject({ code: "seal_bad_dimensions" });
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(png);
    await expect(uploadOfficialSeal({ ctx: operator, input: { code: m.code, image: big } })).rejects.toMatchObject({ code: "seal_too_large" });
    expect((await ownerDb().municipality.findUniqueOrThrow({ where: { id: m.id } })).sealImage).toBeNull();
  });
});

describe("no 公印, no service", () => {
  const rowOf = (id: string) => ownerDb().municipality.findUniqueOrThrow({ where: { id } });

  it("refuses to set a municipality without a 公印 image 稼働中, changing nothing, whatever its status", async () => {
    for (const status of ["preparing", "suspended"] as const) {
      const m = await createMunicipalityRow({ status, sealImage: null });
      await expect(setMunicipalityStatus({ ctx: operator, input: { code: m.code, status: "active" } })).rejects.toMatchObject({
        code: "official_seal_required",
        status: 409,
      });
      expect((await rowOf(m.id)).status).toBe(status);
      expect(await auditCount(m.id)).toBe(0);
    }
    expect(errorMessage("official_seal_required")).toBe("公印の画像が登録されていないため、「稼働中」にできません。先に公印の画像を登録してください。");
  });

  it("a new municipality goes 稼働中 once its 公印 is uploaded", async () => {
    const code = fakeMunicipalityCode();
    await createMunicipality({ ctx: operator, input: form(code) });
    await expect(setMunicipalityStatus({ ctx: operator, input: { code, status: "active" } })).rejects.toMatchObject({ code: "official_seal_required" });
    await uploadOfficialSeal({ ctx: operator, input: { code, image: solidPng(64) } });
    const active = await setMunicipalityStatus({ ctx: operator, input: { code, status: "active" } });
    expect(active).toMatchObject({ code, status: "active", hasSeal: true });
  });

  it("lets a 準備中 municipality with a 公印 go 稼働中, and audits it", async () => {
    const m = await createMunicipalityRow({ status: "preparing" });
    expect(m.sealImage).not.toBeNull();
    const dto = await setMunicipalityStatus({ ctx: operator, input: { code: m.code, status: "active" } });
    expect(dto).toMatchObject({ status: "active", hasSeal: true });
    expect((await rowOf(m.id)).status).toBe("active");
    const event = await ownerDb().auditEvent.findFirstOrThrow({ where: { targetId: m.id, action: "municipality.set_status" } });
    expect(event.details).toMatchObject({ code: m.code, from: "preparing", to: "active" });
  });

  it("still lets a municipality without a 公印 be set 準備中 or 停止中 (stopping never needs a seal)", async () => {
    const m = await createMunicipalityRow({ status: "active", sealImage: null });
    expect((await setMunicipalityStatus({ ctx: operator, input: { code: m.code, status: "suspended" } })).status).toBe("suspended");
    expect((await setMunicipalityStatus({ ctx: operator, input: { code: m.code, status: "preparing" } })).status).toBe("preparing");
  });

  it("an empty upload never removes the 公印 of a 稼働中 municipality", async () => {
    const m = await createMunicipalityRow({ status: "active" });
    await expect(uploadOfficialSeal({ ctx: operator, input: { code: m.code, image: new Uint8Array(0) } })).rejects.toMatchObject({ code: "seal_missing" });
    expect(Buffer.from((await rowOf(m.id)).sealImage!).equals(Buffer.from(m.sealImage!))).toBe(true);
  });
});
