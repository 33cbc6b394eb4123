// Settings staff change (docs/decisions/0014-municipal-settings.md): the issuance settings with an effective
// day, read by eligibility at `now`; operational settings; closure days and the year-end rule at the kiosk and
// in the 利用登録 review deadline. Real PostgreSQL, through the verbs the screens and the kiosk API call.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/context";
import { withTenant } from "@/server/db/tenant";
import { checkEligibility } from "@/server/eligibility/check-eligibility";
import { submitPreRegistration } from "@/server/koseki-registration/submit-pre-registration";
import { addClosureDay } from "@/server/municipal-settings/add-closure-day";
import { cancelIssuanceSettings } from "@/server/municipal-settings/cancel-issuance-settings";
import { getMunicipalSettings } from "@/server/municipal-settings/get-municipal-settings";
import { removeClosureDay } from "@/server/municipal-settings/remove-closure-day";
import { scheduleIssuanceSettings } from "@/server/municipal-settings/schedule-issuance-settings";
import { updateOperationalSettings } from "@/server/municipal-settings/update-operational-settings";
import { ownerDb } from "@/tests/setup/owner-db";
import { createApiClient, createCardholder, createServedMunicipality, OPEN_AT } from "../factories/issuance";
import { createKosekiMunicipality, preRegistrationForm } from "../factories/koseki-registration";
import { auditActions, invalidWith, staffCtx } from "./service-config-helpers";

const jst = (s: string) => new Date(`${s}+09:00`);
/** Friday 2026-11-27 10:00 JST. */
const NOW = OPEN_AT;
const DEFAULTS = { usableFromNextDay: true, nameMaxLength: 40, nameMaxLines: 1, addressMaxLength: 80, addressMaxLines: 1, excludeAdultWards: false };

async function served(resident: Record<string, unknown> = {}) {
  const m = await createServedMunicipality();
  const holder = await createCardholder(m.id, { resident });
  const { client } = await createApiClient({ municipalityId: m.id });
  const kiosk: RequestContext = { actor: { type: "api_client", id: client.id, municipalityId: m.id }, municipalityId: m.id, requestId: "municipal-settings" };
  const residence = async (at: Date) => {
    const e = await checkEligibility({
      ctx: kiosk,
      input: { transactionId: crypto.randomUUID(), terminal: { storeChain: "demo-mart", storeCode: "0001", terminalId: "T1" }, card: { issuer: holder.card.issuer, serial: holder.card.serial }, municipalityCode: m.code, purpose: "residence" },
      now: at,
    });
    const c = e.certificates.find((x) => x.type === "residence")!;
    return c.available ? "ok" : c.reason;
  };
  return { m, holder, admin: await staffCtx(m.id), residence };
}

const auditDetails = async (municipalityId: string, action: string) =>
  (await ownerDb().auditEvent.findMany({ where: { municipalityId, action }, orderBy: { seq: "asc" }, select: { details: true } })).map((e) => e.details);

describe("issuance settings with an effective day", () => {
  it("validates with the shared schema and refuses a day in the past", async () => {
    const { admin } = await served();
    await expect(scheduleIssuanceSettings({ ctx: admin, input: { ...DEFAULTS, nameMaxLines: "0", effectiveFrom: "2026-12-01" }, now: NOW })).rejects.toMatchObject(invalidWith(/氏名欄の行数は1〜5行/));
    await expect(scheduleIssuanceSettings({ ctx: admin, input: { ...DEFAULTS, effectiveFrom: "2026-11-31" }, now: NOW })).rejects.toMatchObject(invalidWith(/正しい日付ではありません/));
    await expect(scheduleIssuanceSettings({ ctx: admin, input: { ...DEFAULTS, effectiveFrom: "2026-11-26" }, now: NOW })).rejects.toMatchObject({ code: "setting_date_in_past" });
  });

  it("a scheduled change is not in force before its day and is from its day, over the eligibility path; audited with old and new", async () => {
    const { m, admin, residence } = await served({ adultWard: true });
    await scheduleIssuanceSettings({ ctx: admin, input: { ...DEFAULTS, excludeAdultWards: true, effectiveFrom: "2026-12-01" }, now: NOW });
    expect(await residence(NOW)).toBe("ok");
    expect(await residence(jst("2026-11-30T22:59:59"))).toBe("ok");
    expect(await residence(jst("2026-12-01T10:00:00"))).toBe("resident_adult_ward");
    const [details] = await auditDetails(m.id, "municipal_settings.schedule");
    expect(details).toMatchObject({ effectiveFrom: "2026-11-30T15:00:00.000Z", old: { excludeAdultWards: false }, new: { excludeAdultWards: true } });

    const view = await getMunicipalSettings({ ctx: admin, input: {}, now: NOW });
    expect(view.inForce).toMatchObject({ excludeAdultWards: false, versionId: null });
    expect(view.scheduled.map((s) => s.excludeAdultWards)).toEqual([true]);
    expect((await getMunicipalSettings({ ctx: admin, input: {}, now: jst("2026-12-01T00:00:00") })).inForce).toMatchObject({ excludeAdultWards: true });
  });

  it("name and address limits count characters a line and lines", async () => {
    // The factory's name is 4 characters or more: 2 a line on 1 line does not fit, on 3 lines it does.
    const { admin, residence } = await served();
    await scheduleIssuanceSettings({ ctx: admin, input: { ...DEFAULTS, nameMaxLength: 2, nameMaxLines: 1, effectiveFrom: "2026-12-01" }, now: NOW });
    await scheduleIssuanceSettings({ ctx: admin, input: { ...DEFAULTS, nameMaxLength: 2, nameMaxLines: 5, effectiveFrom: "2026-12-02" }, now: NOW });
    await scheduleIssuanceSettings({ ctx: admin, input: { ...DEFAULTS, addressMaxLength: 1, addressMaxLines: 1, effectiveFrom: "2026-12-03" }, now: NOW });
    expect(await residence(jst("2026-12-01T10:00:00"))).toBe("name_too_long");
    expect(await residence(jst("2026-12-02T10:00:00"))).toBe("ok");
    expect(await residence(jst("2026-12-03T10:00:00"))).toBe("address_too_long");
  });

  it("today's change applies from the moment of saving, not to the hours already past", async () => {
    const { admin, residence } = await served({ adultWard: true });
    const { effectiveFrom } = await scheduleIssuanceSettings({ ctx: admin, input: { ...DEFAULTS, excludeAdultWards: true, effectiveFrom: "2026-11-27" }, now: NOW });
    expect(effectiveFrom).toEqual(NOW);
    expect(await residence(new Date(NOW.getTime() - 60_000))).toBe("ok");
    expect(await residence(NOW)).toBe("resident_adult_ward");
  });

  it("a scheduled change is replaced by another for the same day and may be cancelled; one in force may not", async () => {
    const { m, admin } = await served();
    const first = await scheduleIssuanceSettings({ ctx: admin, input: { ...DEFAULTS, usableFromNextDay: false, effectiveFrom: "2026-12-01" }, now: NOW });
    const second = await scheduleIssuanceSettings({ ctx: admin, input: { ...DEFAULTS, usableFromNextDay: false, excludeAdultWards: true, effectiveFrom: "2026-12-01" }, now: NOW });
    expect(await ownerDb().issuanceSettingsVersion.findMany({ where: { municipalityId: m.id }, select: { id: true } })).toEqual([{ id: second.id }]);
    expect((await auditDetails(m.id, "municipal_settings.schedule"))[1]).toMatchObject({ replacedVersionId: first.id, old: { usableFromNextDay: false, excludeAdultWards: false } });

    await expect(cancelIssuanceSettings({ ctx: admin, input: { versionId: second.id }, now: jst("2026-12-01T00:00:00") })).rejects.toMatchObject({ code: "setting_change_in_force" });
    await cancelIssuanceSettings({ ctx: admin, input: { versionId: second.id }, now: NOW });
    expect(await ownerDb().issuanceSettingsVersion.count({ where: { municipalityId: m.id } })).toBe(0);
    expect(await auditActions(m.id)).toEqual(["municipal_settings.schedule", "municipal_settings.schedule", "municipal_settings.cancel"]);
  });

  it("only administrators change settings, each in their own municipality; the operator names one", async () => {
    const { m, admin } = await served();
    const other = await createServedMunicipality();
    const clerk = await staffCtx(m.id, "clerk");
    const operator = await staffCtx(null, "operator");
    const input = { ...DEFAULTS, effectiveFrom: "2026-12-01" };
    await expect(scheduleIssuanceSettings({ ctx: clerk, input, now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    await expect(scheduleIssuanceSettings({ ctx: admin, input: { ...input, municipalityId: other.id }, now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    await scheduleIssuanceSettings({ ctx: operator, input: { ...input, municipalityId: other.id }, now: NOW });
    expect(await ownerDb().issuanceSettingsVersion.count({ where: { municipalityId: other.id } })).toBe(1);
    // Clerks see the settings.
    expect((await getMunicipalSettings({ ctx: clerk, input: {}, now: NOW })).inForce.nameMaxLength).toBe(40);
  });

  it("row-level security: a municipality sees only its own versions and closure days", async () => {
    const a = await served();
    const b = await served();
    await scheduleIssuanceSettings({ ctx: a.admin, input: { ...DEFAULTS, effectiveFrom: "2026-12-01" }, now: NOW });
    await addClosureDay({ ctx: a.admin, input: { day: "2026-12-02", reason: "システム更新" }, now: NOW });
    const seen = await withTenant(b.admin, async (tx) => [await tx.issuanceSettingsVersion.count(), await tx.localClosureDay.count()]);
    expect(seen).toEqual([0, 0]);
    const own = await withTenant(a.admin, async (tx) => [await tx.issuanceSettingsVersion.count(), await tx.localClosureDay.count()]);
    expect(own).toEqual([1, 1]);
    // Writing into another municipality is refused by the policy's WITH CHECK.
    await expect(withTenant(b.admin, (tx) => tx.localClosureDay.create({ data: { municipalityId: a.m.id, day: new Date("2026-12-09"), reason: "x" } }))).rejects.toThrow();
  });
});

describe("operational settings", () => {
  it("apply from saving, validated and audited with old and new", async () => {
    const { m, admin } = await served();
    await expect(updateOperationalSettings({ ctx: admin, input: { pdfRetentionHours: "0", registrationReviewDays: "5", yearEndClosure: true } })).rejects.toMatchObject(invalidWith(/PDFの保存時間は1〜168時間/));
    await updateOperationalSettings({ ctx: admin, input: { pdfRetentionHours: "48", registrationReviewDays: "7", yearEndClosure: true } });
    expect(await ownerDb().municipality.findUniqueOrThrow({ where: { id: m.id }, select: { pdfRetentionHours: true, registrationReviewDays: true } })).toEqual({ pdfRetentionHours: 48, registrationReviewDays: 7 });
    expect(await auditDetails(m.id, "municipal_settings.update_operational")).toEqual([
      { old: { pdfRetentionHours: 24, registrationReviewDays: 5, yearEndClosure: true }, new: { pdfRetentionHours: 48, registrationReviewDays: 7, yearEndClosure: true } },
    ]);
  });

  it("the year-end override lets the kiosk open on 12/30", async () => {
    const { admin, residence } = await served();
    const dec30 = jst("2026-12-30T10:00:00");
    expect(await residence(dec30)).toBe("service_year_end_closure");
    await updateOperationalSettings({ ctx: admin, input: { pdfRetentionHours: 24, registrationReviewDays: 5, yearEndClosure: false } });
    expect(await residence(dec30)).toBe("ok");
  });
});

describe("closure days", () => {
  it("a closure day refuses at the kiosk with its reason; validated, unique, audited, removable until it has passed", async () => {
    const { m, admin, residence } = await served();
    await expect(addClosureDay({ ctx: admin, input: { day: "2026-12-02", reason: " " }, now: NOW })).rejects.toMatchObject(invalidWith(/休止の理由を入力/));
    await expect(addClosureDay({ ctx: admin, input: { day: "2026-11-26", reason: "システム更新" }, now: NOW })).rejects.toMatchObject({ code: "setting_date_in_past" });
    const { id } = await addClosureDay({ ctx: admin, input: { day: "2026-12-02", reason: "システム更新のため" }, now: NOW });
    await expect(addClosureDay({ ctx: admin, input: { day: "2026-12-02", reason: "重複" }, now: NOW })).rejects.toMatchObject({ code: "closure_day_exists" });
    expect(await residence(jst("2026-12-02T10:00:00"))).toBe("service_local_closure");
    expect(await residence(jst("2026-12-01T22:00:00"))).toBe("ok");
    expect(await residence(jst("2026-12-03T07:00:00"))).toBe("ok");

    await expect(removeClosureDay({ ctx: admin, input: { closureDayId: id }, now: jst("2026-12-03T00:00:00") })).rejects.toMatchObject({ code: "setting_change_in_force" });
    await removeClosureDay({ ctx: admin, input: { closureDayId: id }, now: jst("2026-12-02T09:00:00") });
    expect(await residence(jst("2026-12-02T10:00:00"))).toBe("ok");
    expect((await auditActions(m.id)).filter((a) => a.startsWith("closure_day."))).toEqual(["closure_day.add", "closure_day.remove"]);
    expect(await auditDetails(m.id, "closure_day.add")).toEqual([{ day: "2026-12-02", reason: "システム更新のため" }]);
  });

  it("a closure day shifts the review due date of a 利用登録", async () => {
    const town = await createKosekiMunicipality();
    const plain = await submitPreRegistration({ input: preRegistrationForm(town.code), clientKey: `c-${crypto.randomUUID()}`, now: OPEN_AT });
    const admin = await staffCtx(town.id);
    await addClosureDay({ ctx: admin, input: { day: "2026-12-02", reason: "システム更新" }, now: OPEN_AT });
    const shifted = await submitPreRegistration({ input: preRegistrationForm(town.code), clientKey: `c-${crypto.randomUUID()}`, now: OPEN_AT });
    const due = async (receiptNo: string) => (await ownerDb().kosekiRegistration.findFirstOrThrow({ where: { receiptNo } })).dueOn.toISOString().slice(0, 10);
    // Fri 11/27 + 5 business days is Fri 12/4; with Wed 12/2 closed it is Mon 12/7.
    expect(await due(plain.receiptNo)).toBe("2026-12-04");
    expect(await due(shifted.receiptNo)).toBe("2026-12-07");
  });
});
