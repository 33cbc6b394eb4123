import { describe, expect, it } from "vitest";
import type { CertificateTypeId } from "@/lib/certificate-types";
import { ageOn } from "./age";
import { evaluateEligibility } from "./evaluate-eligibility";
import type { EligibilityFacts, PersonFacts } from "./facts";
import { RULES } from "./rules";

const now = new Date("2026-11-27T10:00:00+09:00");
const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  residentId: "p1",
  status: "active",
  dateOfBirth: "1980-04-01",
  moveOutPlannedOn: null,
  supportMeasure: false,
  issuanceBlocked: false,
  gaijiPending: false,
  adultWard: false,
  becameResidentOn: "2008-05-10",
  addressSetOn: "2020-03-01",
  nameLength: 6,
  addressLength: 20,
  ...over,
});
const openType = { offering: { enabled: true, copyLimit: 10, allowMyNumber: true, allowJoseki: false, allowKaiseiGenkoseki: false }, availability: { open: true as const }, fee: 200 };
const found = { status: "found" as const, recordId: "k1", memberId: "m1", kind: "current" as const, pendingFiling: false, memberSupportMeasure: false, supportMeasureInRecord: false };

function facts(over: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    now,
    today: "2026-11-27",
    purpose: "residence",
    policy: { status: "active", usableFromNextDay: true, nameMaxLength: 40, nameMaxLines: 1, addressMaxLength: 80, addressMaxLines: 1, excludeAdultWards: false, hasOfficialSeal: true },
    card: { status: "active", validFrom: new Date("2024-01-01"), validUntil: new Date("2029-01-01"), cardIssuedOn: "2024-01-01", pinChangedOn: null },
    requester: person(),
    householdOthers: [person({ residentId: "p2", dateOfBirth: "1982-08-08" })],
    hasActiveSealRegistration: true,
    tax: { offeredYears: [2026, 2025], records: [{ fiscalYear: 2026, residentOnJan1: true }, { fiscalYear: 2025, residentOnJan1: true }] },
    koseki: found,
    request: {},
    types: {
      residence: openType,
      "residence-entry": openType,
      seal: openType,
      "tax-income": openType,
      "tax-assessment": openType,
      "tax-income-assessment": openType,
      "koseki-full": openType,
      "koseki-individual": openType,
      "koseki-fuhyo": openType,
    },
    ...over,
  };
}

const reasonOf = (f: EligibilityFacts, t: CertificateTypeId = "residence") => {
  const r = evaluateEligibility(f, t);
  return r.available ? null : r.reason;
};

describe("eligibility: the happy path", () => {
  it("offers 住民票, 記載事項 and 印鑑 with fee, copy limit and 個人番号 permission", () => {
    for (const t of ["residence", "residence-entry", "seal"] as const) {
      expect(evaluateEligibility(facts(), t)).toEqual({ type: t, available: true, fee: 200, copyLimit: 10, allowMyNumber: true });
    }
  });
});

describe("eligibility: one test per refusal rule", () => {
  const cases: Array<[string, EligibilityFacts, CertificateTypeId, string]> = [
    ["card revoked", facts({ card: { ...facts().card, status: "revoked" } }), "residence", "card_revoked"],
    ["card suspended", facts({ card: { ...facts().card, status: "suspended" } }), "residence", "card_suspended"],
    ["card expired (validUntil is exclusive)", facts({ card: { ...facts().card, validUntil: now } }), "residence", "card_expired"],
    ["card not yet valid", facts({ card: { ...facts().card, validFrom: new Date(now.getTime() + 1000) } }), "residence", "card_not_yet_valid"],
    ["card issued today", facts({ card: { ...facts().card, cardIssuedOn: "2026-11-27" } }), "residence", "card_issued_today"],
    ["PIN changed today", facts({ card: { ...facts().card, pinChangedOn: "2026-11-27" } }), "seal", "pin_changed_today"],
    ["municipality not active", facts({ policy: { ...facts().policy, status: "suspended" } }), "residence", "municipality_not_active"],
    ["no 公印 image (active municipality)", facts({ policy: { ...facts().policy, hasOfficialSeal: false } }), "seal", "municipality_not_active"],
    ["no resident record", facts({ requester: null }), "seal", "resident_not_found"],
    ["支援措置", facts({ requester: person({ supportMeasure: true }) }), "seal", "resident_support_measure"],
    ["死亡", facts({ requester: person({ status: "deceased" }) }), "residence", "resident_deceased"],
    ["転出", facts({ requester: person({ status: "moved_out" }) }), "residence", "resident_moved_out"],
    ["転出予定", facts({ requester: person({ moveOutPlannedOn: "2026-12-10" }) }), "seal", "resident_move_out_planned"],
    ["under 15", facts({ requester: person({ dateOfBirth: "2011-11-28" }) }), "residence", "resident_under_15"],
    ["成年被後見人 where excluded", facts({ requester: person({ adultWard: true }), policy: { ...facts().policy, excludeAdultWards: true } }), "residence", "resident_adult_ward"],
    ["moved in today", facts({ requester: person({ becameResidentOn: "2026-11-27", addressSetOn: "2026-11-27" }) }), "residence", "resident_moved_in_today"],
    ["転居 today", facts({ requester: person({ addressSetOn: "2026-11-27" }) }), "seal", "resident_moved_in_today"],
    ["外字 pending", facts({ requester: person({ gaijiPending: true }) }), "residence", "gaiji_pending"],
    ["name too long", facts({ requester: person({ nameLength: 41 }) }), "residence", "name_too_long"],
    ["address too long", facts({ requester: person({ addressLength: 81 }) }), "seal", "address_too_long"],
    ["household member under 支援措置", facts({ householdOthers: [person({ residentId: "p2", supportMeasure: true })] }), "residence", "household_support_measure"],
    ["a protected household member who moved out (the victim left)", facts({ householdOthers: [person({ residentId: "p2", status: "moved_out", supportMeasure: true })] }), "residence", "household_support_measure"],
    ["a protected member of the 戸籍, 附票", facts({ purpose: "honseki", koseki: { ...found, supportMeasureInRecord: true } }), "koseki-fuhyo", "household_support_measure"],
    ["the requester's own 戸籍 entry flagged 支援措置", facts({ purpose: "honseki", koseki: { ...found, memberSupportMeasure: true, supportMeasureInRecord: true } }), "koseki-full", "resident_support_measure"],
    ["交付停止 at the counter", facts({ requester: person({ issuanceBlocked: true }) }), "tax-income", "resident_issuance_stopped"],
    ["household member 転出予定", facts({ householdOthers: [person({ residentId: "p2", moveOutPlannedOn: "2026-12-01" })] }), "residence-entry", "household_move_out_planned"],
    ["no active seal registration", facts({ hasActiveSealRegistration: false }), "seal", "seal_not_registered"],
    ["年度 not offered", facts({ request: { fiscalYear: 2023 } }), "tax-income", "tax_year_not_offered"],
    ["no tax record", facts({ tax: { offeredYears: [2026], records: [] } }), "tax-assessment", "tax_record_missing"],
    ["not resident on 1 January", facts({ tax: { offeredYears: [2026], records: [{ fiscalYear: 2026, residentOnJan1: false }] } }), "tax-income-assessment", "tax_not_resident_on_jan1"],
    ["a 住所地 type asked as 本籍地 service", facts({ purpose: "honseki" }), "residence", "purpose_not_supported"],
    ["a 戸籍 type asked as 住所地 service", facts(), "koseki-full", "purpose_not_supported"],
    ["no 利用登録", facts({ purpose: "honseki", koseki: { status: "registration_missing" } }), "koseki-full", "koseki_registration_missing"],
    ["利用登録 pending", facts({ purpose: "honseki", koseki: { status: "registration_pending" } }), "koseki-individual", "koseki_registration_pending"],
    ["利用登録 rejected", facts({ purpose: "honseki", koseki: { status: "registration_rejected" } }), "koseki-fuhyo", "koseki_registration_rejected"],
    ["利用登録 needs renewal", facts({ purpose: "honseki", koseki: { status: "registration_renewal_needed" } }), "koseki-full", "koseki_registration_renewal_needed"],
    ["no 戸籍 found", facts({ purpose: "honseki", koseki: { status: "record_not_found" } }), "koseki-full", "koseki_record_not_found"],
    ["除籍 not enabled", facts({ purpose: "honseki", request: { register: "joseki" } }), "koseki-full", "koseki_closed_record_not_offered"],
    ["filing not reflected", facts({ purpose: "honseki", koseki: { ...found, pendingFiling: true } }), "koseki-full", "koseki_pending_filing"],
    ["not offered", facts({ types: { residence: { ...openType, offering: { ...openType.offering, enabled: false } } } }), "residence", "certificate_not_offered"],
    ["no offering row", facts({ types: {} }), "seal", "certificate_not_offered"],
    ["emergency stop", facts({ types: { residence: { ...openType, availability: { open: false, reason: "service_emergency_stop" } } } }), "residence", "service_emergency_stop"],
    ["year-end closure", facts({ types: { residence: { ...openType, availability: { open: false, reason: "service_year_end_closure" } } } }), "residence", "service_year_end_closure"],
    ["planned stop", facts({ types: { residence: { ...openType, availability: { open: false, reason: "service_planned_stop" } } } }), "residence", "service_planned_stop"],
    ["local closure day", facts({ types: { residence: { ...openType, availability: { open: false, reason: "service_local_closure" } } } }), "residence", "service_local_closure"],
    ["out of hours", facts({ types: { residence: { ...openType, availability: { open: false, reason: "service_out_of_hours" } } } }), "residence", "service_out_of_hours"],
    ["no fee configured", facts({ types: { residence: { ...openType, fee: null } } }), "residence", "fee_not_configured"],
  ];

  it.each(cases)("%s", (_name, f, type, code) => {
    expect(reasonOf(f, type)).toBe(code);
  });

  it("covers every rule in the table", () => {
    const tested = new Set(cases.map((c) => c[3]));
    expect(RULES.map((r) => r.code).filter((c) => !tested.has(c))).toEqual([]);
  });
});

describe("eligibility: scope and configuration", () => {
  it("a household member due to move out blocks 住民票 but not the requester's 印鑑", () => {
    const f = facts({ householdOthers: [person({ residentId: "p2", moveOutPlannedOn: "2026-12-01" })] });
    expect(reasonOf(f, "residence")).toBe("household_move_out_planned");
    expect(reasonOf(f, "seal")).toBeNull();
  });

  it("a protected member of the 戸籍 refuses the 附票 only: the 戸籍 itself prints no address", () => {
    const f = facts({ purpose: "honseki", koseki: { ...found, supportMeasureInRecord: true } });
    expect(reasonOf(f, "koseki-fuhyo")).toBe("household_support_measure");
    expect(reasonOf(f, "koseki-full")).toBeNull();
    expect(reasonOf(f, "koseki-individual")).toBeNull();
    expect(reasonOf(facts({ purpose: "honseki" }), "koseki-fuhyo")).toBeNull();
  });

  it("ignores household members no longer on the register", () => {
    const f = facts({ householdOthers: [person({ residentId: "p2", status: "moved_out", moveOutPlannedOn: "2026-01-01" })] });
    expect(reasonOf(f, "residence")).toBeNull();
  });

  it("the seal rule applies to 印鑑 only", () => {
    expect(reasonOf(facts({ hasActiveSealRegistration: false }), "residence")).toBeNull();
  });

  it("next-day rules follow the municipality's setting", () => {
    const f = facts({
      policy: { ...facts().policy, usableFromNextDay: false },
      card: { ...facts().card, cardIssuedOn: "2026-11-27", pinChangedOn: "2026-11-27" },
      requester: person({ becameResidentOn: "2026-11-27", addressSetOn: "2026-11-27" }),
    });
    expect(reasonOf(f)).toBeNull();
  });

  it("成年被後見人 are served where the municipality does not exclude them", () => {
    expect(reasonOf(facts({ requester: person({ adultWard: true }) }))).toBeNull();
  });

  it("length limits are inclusive", () => {
    expect(reasonOf(facts({ requester: person({ nameLength: 40, addressLength: 80 }) }))).toBeNull();
  });

  it("reports every applicable reason, the first one to the resident", () => {
    const r = evaluateEligibility(facts({ requester: person({ status: "deceased", gaijiPending: true }), card: { ...facts().card, status: "revoked" } }), "residence");
    expect(r.available).toBe(false);
    if (r.available) return;
    expect(r.reason).toBe("card_revoked");
    expect(r.reasons).toEqual(["card_revoked", "resident_deceased", "gaiji_pending"]);
    expect(r.message).toContain("失効");
  });
});

describe("eligibility: tax and 戸籍", () => {
  it("a tax type is available while any offered 年度 can be issued, and per 年度 at issuance", () => {
    const f = facts({ tax: { offeredYears: [2026, 2025], records: [{ fiscalYear: 2025, residentOnJan1: true }] } });
    expect(reasonOf(f, "tax-income")).toBeNull();
    expect(reasonOf({ ...f, request: { fiscalYear: 2026 } }, "tax-income")).toBe("tax_record_missing");
    expect(reasonOf({ ...f, request: { fiscalYear: 2025 } }, "tax-income")).toBeNull();
  });

  it("serves 除籍 and 改製原戸籍 only where enabled", () => {
    const enabled = { ...openType, offering: { ...openType.offering, allowJoseki: true } };
    const f = facts({ purpose: "honseki", request: { register: "joseki" }, types: { "koseki-full": enabled } });
    expect(reasonOf(f, "koseki-full")).toBeNull();
    expect(reasonOf({ ...f, request: { register: "kaisei_genkoseki" } }, "koseki-full")).toBe("koseki_closed_record_not_offered");
  });

  it("a 戸籍 of a found register is available as 本籍地 service", () => {
    expect(reasonOf(facts({ purpose: "honseki" }), "koseki-full")).toBeNull();
    expect(reasonOf(facts({ purpose: "honseki" }), "koseki-fuhyo")).toBeNull();
  });

  it("person rules still apply to 本籍地 services", () => {
    expect(reasonOf(facts({ purpose: "honseki", requester: person({ supportMeasure: true }) }), "koseki-full")).toBe("resident_support_measure");
    expect(reasonOf(facts({ purpose: "honseki", requester: person({ status: "deceased" }) }), "koseki-full")).toBe("resident_deceased");
  });
});

describe("age", () => {
  it("rises on the birthday", () => {
    expect(ageOn("2011-11-27", "2026-11-26")).toBe(14);
    expect(ageOn("2011-11-27", "2026-11-27")).toBe(15);
    expect(ageOn("2008-02-29", "2023-02-28")).toBe(14);
    expect(ageOn("2008-02-29", "2023-03-01")).toBe(15);
  });
});
