// Factories for 本籍地 利用登録: a residence municipality A with a cardholder, a 本籍地 municipality B with
// the cardholder's 戸籍, staff contexts, and a pre-registration form.
import type { PreRegistrationFormInput } from "@/lib/schemas/koseki-registration";
import type { RequestContext } from "@/server/context";
import { ownerDb } from "@/tests/setup/owner-db";
import type { StaffRole } from "@/server/generated/prisma/enums";
import { createStaffUser } from "./index";
import { createCardholder, createServedMunicipality } from "./issuance";
import { createKosekiRecord } from "./koseki";

const KOSEKI = ["koseki_full", "koseki_individual", "koseki_fuhyo"] as const;

/** A municipality that serves 戸籍 types too (offerings and fees). */
export async function createKosekiMunicipality(overrides: Parameters<typeof createServedMunicipality>[0] = {}) {
  const m = await createServedMunicipality(overrides);
  const db = ownerDb();
  await db.certificateOffering.createMany({ data: KOSEKI.map((certificateType) => ({ municipalityId: m.id, certificateType, enabled: true, copyLimit: 5 })) });
  await db.fee.createMany({ data: KOSEKI.map((certificateType) => ({ municipalityId: m.id, certificateType, amount: 350, effectiveFrom: new Date("2020-04-01T00:00:00+09:00") })) });
  return m;
}

export async function staffContext(municipalityId: string | null, role: StaffRole = "clerk"): Promise<RequestContext> {
  const user = await createStaffUser({ municipalityId, role });
  return { actor: { type: "staff", id: user.id, role, municipalityId }, municipalityId, requestId: crypto.randomUUID() };
}

/** Lives in `home`, 本籍 in `honseki`: a cardholder 川村 一郎 (1980-04-01) and his register at the 本籍地. */
export async function nonResidentWithKoseki(home: { id: string }, honseki: { id: string; prefecture: string; name: string }, opts: { givenName?: string; dateOfBirth?: string } = {}) {
  const givenName = opts.givenName ?? "一郎";
  const dateOfBirth = opts.dateOfBirth ?? "1980-04-01";
  const holder = await createCardholder(home.id, { resident: { familyName: "川村", givenName, familyNameKana: "カワムラ", givenNameKana: "イチロウ", dateOfBirth: new Date(dateOfBirth) } });
  const koseki = await createKosekiRecord(honseki.id, { honseki: `${honseki.prefecture}${honseki.name}本町七番地`, members: [{ givenName, dateOfBirth }, { givenName: "桜子", dateOfBirth: "1982-08-08" }] });
  return { ...holder, koseki };
}

export function preRegistrationForm(municipalityCode: string, over: Partial<PreRegistrationFormInput> = {}): PreRegistrationFormInput {
  return {
    honsekiMunicipalityCode: municipalityCode,
    familyName: "川村",
    givenName: "一郎",
    familyNameKana: "カワムラ",
    givenNameKana: "イチロウ",
    birthCalendar: "showa",
    birthYear: "55",
    birthMonth: "4",
    birthDay: "1",
    currentAddress: "東京都世田谷区太子堂二丁目14番3号",
    honsekiAddress: "本町七番地",
    kosekiHeadName: "川村 一郎",
    email: "",
    consent: true,
    ...over,
  };
}

export function kioskRegistrationBody(municipalityCode: string, card: { issuer: string; serial: string }, over: Record<string, unknown> = {}) {
  return {
    transactionId: crypto.randomUUID(),
    terminal: { storeChain: "test-mart", storeCode: "0001", terminalId: "T1" },
    card: { issuer: card.issuer, serial: card.serial },
    municipalityCode,
    honsekiAddress: "本町七番地",
    kosekiHeadName: "川村 一郎",
    consent: true as const,
    ...over,
  };
}
