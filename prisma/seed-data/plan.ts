// Everything the demo seed writes, as plain data: households and residents, 戸籍, cards, seals, tax,
// 利用登録 and support measures. Pure and deterministic for a given `today` (JST calendar day); the
// seed only adds ids, ciphers, password hashes and images.
import { addBusinessDays, addDays, addYears, ageOn, jst, maxDate, randomDate, type Ymd } from "./dates";
import { RANDOM_KIND_WEIGHTS, GENERATORS } from "./households";
import { buildKosekiRecords, type KosekiMemberPlan, type KosekiRecordPlan } from "./koseki";
import { MUNICIPALITIES, MUNI_KEYS, type MuniKey } from "./places";
import { HISTORY_END, World, nameOf } from "./population";
import { Prng } from "./prng";
import { buildLateSpecials, buildSpecials, cardSerial } from "./specials";
import { buildTaxRecords, type TaxRecordPlan } from "./tax-records";
import type { CardPlan, HouseholdPlan, ResidentPlan } from "./types";

export type SealRegistrationPlan = {
  resident: ResidentPlan;
  registrationNo: string;
  status: "active" | "abolished";
  registeredOn: Ymd;
  abolishedOn: Ymd | null;
};

export type SupportMeasurePlan = { resident: ResidentPlan; startsOn: Ymd; endsOn: Ymd | null; details: Record<string, unknown> };

export type RegistrationPlan = {
  muni: MuniKey;
  receiptNo: string;
  status: "pending" | "approved" | "rejected" | "reregistration_needed";
  source: "kiosk" | "web";
  /** Null for a web pre-registration still waiting for the kiosk application with the card. */
  cardSerial: string | null;
  resident: ResidentPlan;
  honseki: string;
  kosekiHeadName: string;
  email: string | null;
  consentAt: Date;
  dueOn: Ymd;
  decidedAt: Date | null;
  decidedByLoginId: string | null;
  rejectReasonCode: string | null;
  decisionNote: string | null;
  member: { record: KosekiRecordPlan; member: KosekiMemberPlan } | null;
  /** The e-mail notice of the decision (outbox row), when the applicant gave an address. */
  notice: { kind: "registration_approved" | "registration_rejected"; status: "pending" | "sent" } | null;
};

export type DemoCardRow = { muni: MuniKey; serial: string; kind: "refusal" | "showcase"; name: string; title: string; expectation: string };

export type SeedPlan = {
  today: Ymd;
  households: HouseholdPlan[];
  residents: ResidentPlan[];
  koseki: KosekiRecordPlan[];
  seals: SealRegistrationPlan[];
  taxes: TaxRecordPlan[];
  supportMeasures: SupportMeasurePlan[];
  registrations: RegistrationPlan[];
  demoCards: DemoCardRow[];
};

export const ISSUER = "JPKI";
/** The certificate replaced on renewal, to which the reregistration_needed 利用登録 is still bound. */
export const OLD_RENEWED_SERIAL = "JPKI-131121-800001";

/** First birthday strictly after `on`, plus four years: the 5th birthday after issuance. */
export function fifthBirthdayAfter(dob: Ymd, on: Ymd): Ymd {
  const dobYear = Number(dob.slice(0, 4));
  let n = Number(on.slice(0, 4)) - dobYear;
  if (addYears(dob, n) <= on) n += 1;
  return addYears(dob, n + 4);
}

function ordinaryCard(r: ResidentPlan, today: Ymd, serial: string): CardPlan {
  const rng = new Prng(`card/${r.muni}/${r.residentNo}`);
  const issued = maxDate(addDays(today, -rng.int(60, 1400)), addDays(r.person.dob, 30));
  const pinChanged = rng.chance(0.1) && issued < addDays(today, -2) ? randomDate(rng, addDays(issued, 1), addDays(today, -1)) : null;
  return {
    serial,
    kind: "card",
    status: "active",
    cardIssuedOn: issued,
    validFrom: issued,
    validUntil: fifthBirthdayAfter(r.person.dob, issued),
    revokedOn: null,
    pinChangedOn: pinChanged,
  };
}

function assignCards(residents: ResidentPlan[], today: Ymd): void {
  for (const r of residents) {
    const eligible = r.status === "active" && ageOn(r.person.dob, today) >= 15;
    if (!eligible && !r.demo) continue;
    const serial = r.demo?.serial ?? cardSerial(r.muni, 100000 + Number(r.residentNo));
    const s = serial.slice(-6);
    if (r.muni === "setagaya" && s === "000005") {
      // The smartphone certificate has the documented serial; the card itself an ordinary one.
      r.card = ordinaryCard(r, today, cardSerial(r.muni, 100000 + Number(r.residentNo)));
      r.extraCards.push({ ...r.card, serial, kind: "smartphone", cardIssuedOn: addDays(today, -150), validFrom: addDays(today, -150), pinChangedOn: null });
      continue;
    }
    const card = ordinaryCard(r, today, serial);
    if (r.muni === "setagaya") {
      if (s === "900009") Object.assign(card, { cardIssuedOn: today, validFrom: today, validUntil: fifthBirthdayAfter(r.person.dob, today), pinChangedOn: null });
      if (s === "900010") card.pinChangedOn = today;
      if (s === "900011") {
        const until = addDays(today, -30);
        Object.assign(card, { validUntil: until, validFrom: addDays(addYears(until, -5), 1), cardIssuedOn: addDays(addYears(until, -5), 1), pinChangedOn: null });
      }
      if (s === "900012") Object.assign(card, { status: "revoked", revokedOn: addDays(today, -20) });
      if (s === "000007") {
        const renewed = addDays(today, -290);
        Object.assign(card, { cardIssuedOn: renewed, validFrom: renewed, validUntil: fifthBirthdayAfter(r.person.dob, renewed), pinChangedOn: null });
        const oldFrom = addDays(addYears(renewed, -5), 20);
        r.extraCards.push({ serial: OLD_RENEWED_SERIAL, kind: "card", status: "revoked", cardIssuedOn: oldFrom, validFrom: oldFrom, validUntil: fifthBirthdayAfter(r.person.dob, oldFrom), revokedOn: renewed, pinChangedOn: null });
      }
    }
    r.card = card;
  }
}

function buildSeals(residents: ResidentPlan[]): SealRegistrationPlan[] {
  const seq: Record<MuniKey, number> = { setagaya: 0, matsumoto: 0, obuse: 0 };
  const out: SealRegistrationPlan[] = [];
  for (const r of residents) {
    const rng = new Prng(`seal/${r.muni}/${r.residentNo}`);
    const adultFrom = maxDate(r.becameResidentOn, addYears(r.person.dob, 18));
    const want = r.sealPlan === "active" || r.sealPlan === "abolished_only" || (r.sealPlan === "auto" && r.status === "active" && r.nationality === null && rng.chance(0.4));
    if (!want || adultFrom > HISTORY_END) continue;
    seq[r.muni] += 1;
    const registeredOn = randomDate(rng, adultFrom, HISTORY_END);
    out.push({
      resident: r,
      registrationNo: String(seq[r.muni]).padStart(6, "0"),
      status: r.sealPlan === "abolished_only" ? "abolished" : "active",
      registeredOn,
      abolishedOn: r.sealPlan === "abolished_only" ? "2026-11-20" : null,
    });
  }
  return out;
}

function memberOf(koseki: KosekiRecordPlan[], r: ResidentPlan, muni: MuniKey) {
  for (const record of koseki) {
    if (record.muni !== muni || record.kind !== "current") continue;
    const member = record.members.find((m) => m.person === r.person && !m.removed);
    if (member) return { record, member };
  }
  throw new Error(`no 戸籍 member for resident ${r.residentNo}`);
}

function buildRegistrations(residents: ResidentPlan[], koseki: KosekiRecordPlan[], today: Ymd): RegistrationPlan[] {
  const by = (serial: string) => {
    const r = residents.find((x) => x.demo?.serial === serial);
    if (!r) throw new Error(`no demo resident ${serial}`);
    return r;
  };
  const base = (r: ResidentPlan, muni: MuniKey) => ({ resident: r, honseki: r.honseki!, kosekiHeadName: r.kosekiHeadName!, muni });
  const review = (muni: MuniKey) => MUNICIPALITIES[muni].settings.registrationReviewDays;

  const approved = by("JPKI-131121-000003");
  const approvedOn = addDays(today, -40);
  const pending = by("JPKI-131121-000004");
  // Received long enough ago to be past its deadline: the review queue shows it as overdue.
  const pendingOn = addDays(today, -14);
  const rejected = by("JPKI-131121-000006");
  const rejectedOn = addDays(today, -25);
  const rereg = by("JPKI-131121-000007");
  const reregOn = addDays(today, -400);
  // The applicant typed a wrong 番地: the register does not match.
  const wrongHonseki = rejected.honseki!.replace(/(\d+)番地$/, (_, n: string) => `${Number(n) + 7}番地`);

  return [
    {
      ...base(approved, "matsumoto"),
      receiptNo: "RDEM-2026-0001",
      status: "approved",
      source: "kiosk",
      cardSerial: approved.card!.serial,
      email: null,
      consentAt: jst(approvedOn, 10, 15),
      dueOn: addBusinessDays(approvedOn, review("matsumoto")),
      decidedAt: jst(addBusinessDays(approvedOn, 3), 14, 20),
      decidedByLoginId: "matsumoto-clerk",
      rejectReasonCode: null,
      decisionNote: "戸籍の記載と一致することを確認しました。",
      member: memberOf(koseki, approved, "matsumoto"),
      notice: null,
    },
    {
      ...base(pending, "obuse"),
      receiptNo: "RDEM-2026-0002",
      status: "pending",
      source: "kiosk",
      cardSerial: pending.card!.serial,
      email: null,
      consentAt: jst(pendingOn, 21, 5),
      dueOn: addBusinessDays(pendingOn, review("obuse")),
      decidedAt: null,
      decidedByLoginId: null,
      rejectReasonCode: null,
      decisionNote: null,
      member: null,
      notice: null,
    },
    {
      ...base(rejected, "matsumoto"),
      honseki: wrongHonseki,
      receiptNo: "RDEM-2026-0003",
      status: "rejected",
      source: "web",
      cardSerial: rejected.card!.serial,
      email: "demo-applicant-3@example.jp",
      consentAt: jst(rejectedOn, 19, 40),
      dueOn: addBusinessDays(rejectedOn, review("matsumoto")),
      decidedAt: jst(addBusinessDays(rejectedOn, 2), 11, 5),
      decidedByLoginId: "matsumoto-clerk",
      rejectReasonCode: "honseki_mismatch",
      decisionNote: "申請された本籍が戸籍の記載と一致しません。本籍をご確認のうえ、再度申請してください。",
      member: null,
      notice: { kind: "registration_rejected", status: "sent" },
    },
    {
      ...base(rereg, "obuse"),
      receiptNo: "RDEM-2025-0004",
      status: "reregistration_needed",
      source: "kiosk",
      cardSerial: OLD_RENEWED_SERIAL,
      email: null,
      consentAt: jst(reregOn, 9, 30),
      dueOn: addBusinessDays(reregOn, review("obuse")),
      decidedAt: jst(addBusinessDays(reregOn, 4), 15, 0),
      decidedByLoginId: "obuse-clerk",
      rejectReasonCode: null,
      decisionNote: "承認済み。電子証明書の更新により、新しい証明書での再登録が必要です。",
      member: memberOf(koseki, rereg, "obuse"),
      notice: null,
    },
    {
      // After the rejection the applicant pre-registered again on the web with the right 本籍; the kiosk
      // application with the card (and this receipt number) is still to come.
      ...base(rejected, "matsumoto"),
      receiptNo: "RDEM-2026-0005",
      status: "pending",
      source: "web",
      cardSerial: null,
      email: "demo-applicant-3@example.jp",
      consentAt: jst(addDays(today, -1), 20, 10),
      dueOn: addBusinessDays(addDays(today, -1), review("matsumoto")),
      decidedAt: null,
      decidedByLoginId: null,
      rejectReasonCode: null,
      decisionNote: null,
      member: null,
      notice: null,
    },
  ];
}

export function buildPlan(today: Ymd): SeedPlan {
  const w = new World(today);
  buildSpecials(w);
  for (const muni of MUNI_KEYS) {
    const rng = new Prng(`${muni}/filler`);
    while (w.residents(muni).length < MUNICIPALITIES[muni].residentTarget) GENERATORS[rng.weighted(RANDOM_KIND_WEIGHTS)](w, rng, muni);
  }
  // After the filler, so that adding them shifted no one generated before.
  buildLateSpecials(w);
  // Households in municipality order, so residentNo and householdNo read naturally.
  const households = MUNI_KEYS.flatMap((m) => w.households.filter((h) => h.muni === m));
  const residents = households.flatMap((h) => h.members);
  assignCards(residents, today);
  const koseki = buildKosekiRecords(w.families, today);
  const supportMeasures: SupportMeasurePlan[] = residents
    .filter((r) => r.supportMeasure)
    .map((r) => ({
      resident: r,
      startsOn: "2025-04-15",
      endsOn: null,
      details: {
        measureType: "DV",
        applicant: "本人",
        restrictedRequests: ["住民票の写し等の交付", "戸籍の附票の写しの交付"],
        confirmedBy: "警察署（架空）",
        note: "加害者とされる者からの請求には応じないこと。",
      },
    }));
  const demoCards: DemoCardRow[] = residents
    .filter((r) => r.demo)
    .map((r) => ({
      muni: r.muni,
      serial: r.demo!.serial,
      kind: r.demo!.kind,
      name: nameOf(r.person) + (r.alias ? `（通称 ${r.alias}）` : ""),
      // The smartphone certificate has the documented serial; say which serial the card itself has.
      title: r.card && r.card.serial !== r.demo!.serial ? `${r.demo!.title}; the card itself is ${r.card.serial}` : r.demo!.title,
      expectation: r.demo!.expectation,
    }));
  const rereg = demoCards.find((d) => d.serial === "JPKI-131121-000007")!;
  demoCards.push({ muni: "setagaya", serial: OLD_RENEWED_SERIAL, kind: "refusal", name: rereg.name, title: "Old certificate replaced on card renewal (revoked)", expectation: "Refused for every type: certificate revoked. The 利用登録 R-2025-000004 is still bound to this serial." });
  demoCards.sort((a, b) => MUNI_KEYS.indexOf(a.muni) - MUNI_KEYS.indexOf(b.muni) || (a.kind === b.kind ? (a.serial < b.serial ? -1 : 1) : a.kind === "showcase" ? -1 : 1));
  return {
    today,
    households,
    residents,
    koseki,
    seals: buildSeals(residents),
    taxes: buildTaxRecords(households),
    supportMeasures,
    registrations: buildRegistrations(residents, koseki, today),
    demoCards,
  };
}
