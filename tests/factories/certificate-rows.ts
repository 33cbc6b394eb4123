// Plain objects shaped as the Prisma rows the certificate builders read, for unit tests (no database).
// Names, places and figures are fictional (DOMAIN.md §9). The staff preview's sample rows stay in production
// code (server/certificates/sample-rows.ts); these are for tests only.
import { samplePersonalSeal, sampleTaxFigures } from "@/server/certificates/sample-rows";
import type { PrintedIssuance } from "@/server/pdf/document-model";
import type { FuhyoEntry, KosekiEvent, KosekiMember, KosekiRecord, Municipality, Resident, TaxRecord } from "@/server/generated/prisma/client";

const d = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
const at = d("2026-01-01");

export const MUNICIPALITY_ID = "00000000-0000-7000-8000-000000000001";
export const RECORD_ID = "00000000-0000-7000-8000-0000000000a1";

export const municipality = {
  id: MUNICIPALITY_ID,
  code: "999997",
  name: "東市",
  nameKana: "ヒガシシ",
  prefecture: "北山県",
  kind: "city",
  mayorTitle: "東市長",
  mayorName: "北村 次郎",
  // Every certificate carries the 公印: a document without one is refused before rendering.
  sealImage: samplePersonalSeal(),
  sealImageMime: "image/png",
  status: "active",
  taxYearSwitchDate: "06-01",
  taxYearsOffered: 2,
  usableFromNextDay: true,
  nameMaxLength: 40,
  addressMaxLength: 80,
  excludeAdultWards: false,
  commissionPerIssuance: 117,
  pdfRetentionHours: 24,
  registrationReviewDays: 5,
  createdAt: at,
  updatedAt: at,
} as unknown as Municipality;

export function resident(over: Partial<Resident> = {}): Resident {
  return {
    id: "00000000-0000-7000-8000-0000000000r1",
    municipalityId: MUNICIPALITY_ID,
    householdId: "00000000-0000-7000-8000-0000000000h1",
    residentNo: "0000001",
    familyName: "山川",
    givenName: "一郎",
    familyNameKana: "ヤマカワ",
    givenNameKana: "イチロウ",
    alias: null,
    dateOfBirth: d("1980-04-01"),
    sex: "male",
    isHouseholdHead: true,
    relationship: "世帯主",
    nationality: null,
    residenceCardNo: null,
    residenceStatus: null,
    residencePeriodEnd: null,
    honseki: "北山県東市本町七番地",
    kosekiHeadName: "山川 一郎",
    becameResidentOn: d("2008-05-10"),
    addressSetOn: d("2020-03-01"),
    addressSetReason: "転居",
    notifiedOn: d("2020-03-05"),
    previousAddress: null,
    myNumberCipher: null,
    myNumberKeyId: null,
    status: "active",
    movedOutOn: null,
    moveOutPlannedOn: null,
    deceasedOn: null,
    gaijiPending: false,
    adultWard: false,
    createdAt: at,
    updatedAt: at,
    ...over,
  } as Resident;
}

/** 令和8年度 (income of 2025): salary 4,500,000, figures computed as prisma/seed-data/tax.ts does. */
export function taxRecord(over: Partial<TaxRecord> = {}): TaxRecord {
  return {
    id: "00000000-0000-7000-8000-0000000000t1",
    municipalityId: MUNICIPALITY_ID,
    residentId: "00000000-0000-7000-8000-0000000000r1",
    fiscalYear: 2026,
    ...sampleTaxFigures(2026),
    createdAt: at,
    updatedAt: at,
    ...over,
  } as TaxRecord;
}

export const NON_TAXABLE: Partial<TaxRecord> = {
  nonTaxable: true,
  details: { income: [{ label: "給与収入", revenue: 900_000, amount: 250_000 }], deductions: [{ label: "基礎控除", amount: 430_000 }], taxes: { municipal: { incomeLevy: 0, perCapita: 0 }, prefectural: { incomeLevy: 0, perCapita: 0 } } },
  totalIncome: 250_000,
  totalDeductions: 430_000,
  taxableIncome: 0,
  municipalTax: 0,
  prefecturalTax: 0,
  dependents: 0,
};

type Fld = { label: string; value: string; type?: "date" };
const date = (label: string, value: string): Fld => ({ label, value, type: "date" });
const text = (label: string, value: string): Fld => ({ label, value });

let eventSeq = 0;
function event(memberId: string | null, position: number, kind: string, fields: Fld[], recordId = RECORD_ID): KosekiEvent {
  eventSeq += 1;
  return {
    id: `00000000-0000-7000-8000-e${String(eventSeq).padStart(11, "0")}`,
    municipalityId: MUNICIPALITY_ID,
    kosekiRecordId: recordId,
    memberId,
    position,
    kind,
    eventDate: fields[0]?.type === "date" ? d(fields[0].value) : null,
    fields,
    createdAt: at,
  } as KosekiEvent;
}

export type MemberSpec = {
  familyName: string;
  givenName: string;
  dob: string;
  sex?: "male" | "female";
  relationship: string;
  spouseRole?: string | null;
  fatherName?: string | null;
  motherName?: string | null;
  removed?: boolean;
  /** 身分事項 beyond 出生: [kind, fields]. */
  events?: Array<[string, Fld[]]>;
  fuhyo?: Array<[address: string, since: string]>;
};

export type MemberRow = KosekiMember & { events: KosekiEvent[]; fuhyoEntries: FuhyoEntry[] };
export type RecordRow = KosekiRecord & { events: KosekiEvent[]; members: MemberRow[] };

export const memberId = (i: number) => `00000000-0000-7000-8000-m${String(i + 1).padStart(11, "0")}`;

export function kosekiRecord(specs: MemberSpec[], over: Partial<KosekiRecord> & { recordEvents?: Array<[string, Fld[]]> } = {}): RecordRow {
  const { recordEvents = [["編製", [date("編製日", "2006-06-01")]]], ...rest } = over;
  const members: MemberRow[] = specs.map((s, i) => {
    const id = memberId(i);
    const birth: [string, Fld[]] = ["出生", [date("出生日", s.dob), text("出生地", "北山県東市"), date("届出日", s.dob), text("届出人", "父")]];
    return {
      id,
      municipalityId: MUNICIPALITY_ID,
      kosekiRecordId: RECORD_ID,
      position: i + 1,
      familyName: s.familyName,
      givenName: s.givenName,
      dateOfBirth: d(s.dob),
      sex: s.sex ?? "male",
      fatherName: s.fatherName ?? null,
      motherName: s.motherName ?? null,
      relationship: s.relationship,
      spouseRole: s.spouseRole ?? null,
      removed: s.removed ?? false,
      residentId: null,
      createdAt: at,
      updatedAt: at,
      events: [birth, ...(s.events ?? [])].map(([kind, fields], j) => event(id, j + 1, kind, fields)),
      fuhyoEntries: (s.fuhyo ?? []).map(([address, since], j) => ({
        id: `${id.slice(0, -3)}f${String(j).padStart(2, "0")}`,
        municipalityId: MUNICIPALITY_ID,
        kosekiRecordId: RECORD_ID,
        memberId: id,
        position: j + 1,
        address,
        addressSetOn: d(since),
        createdAt: at,
      })),
    } as MemberRow;
  });
  return {
    id: RECORD_ID,
    municipalityId: MUNICIPALITY_ID,
    recordNo: "000001",
    kind: "current",
    honseki: "北山県東市本町七番地",
    headFamilyName: specs[0].familyName,
    headGivenName: specs[0].givenName,
    pendingFiling: false,
    createdAt: at,
    updatedAt: at,
    events: recordEvents.map(([kind, fields], j) => event(null, j + 1, kind, fields)),
    members,
    fuhyoEntries: [],
    ...rest,
  } as RecordRow;
}

/** The register of DOMAIN.md §9: 山川 一郎, his wife, a son, and a daughter removed by marriage. */
export const YAMAKAWA: MemberSpec[] = [
  {
    familyName: "山川",
    givenName: "一郎",
    dob: "1980-04-01",
    relationship: "長男",
    spouseRole: "夫",
    fatherName: "山川 太一",
    motherName: "山川 花子",
    events: [["婚姻", [date("婚姻日", "2006-06-01"), text("配偶者氏名", "川田 桜子"), text("従前戸籍", "北山県東市本町七番地 山川 太一")]]],
    fuhyo: [
      ["中央市梅町四丁目5番6号", "2006-06-01"],
      ["中央市桜町一丁目2番3号", "2020-03-01"],
    ],
  },
  {
    familyName: "山川",
    givenName: "桜子",
    dob: "1982-07-15",
    sex: "female",
    relationship: "長女",
    spouseRole: "妻",
    fatherName: "川田 清",
    motherName: "川田 文子",
    events: [["婚姻", [date("婚姻日", "2006-06-01"), text("配偶者氏名", "山川 一郎"), text("従前戸籍", "南海県西市港町二番地 川田 清")]]],
    fuhyo: [["中央市桜町一丁目2番3号", "2020-03-01"]],
  },
  {
    familyName: "山川",
    givenName: "美咲",
    dob: "2007-02-03",
    sex: "female",
    relationship: "長女",
    fatherName: "山川 一郎",
    motherName: "山川 桜子",
    removed: true,
    events: [["婚姻", [date("婚姻日", "2025-11-22"), text("配偶者氏名", "森 大輔"), text("新本籍", "北山県東市森町三番地"), text("称する氏", "夫の氏")]]],
  },
  {
    familyName: "山川",
    givenName: "健太",
    dob: "2009-10-10",
    relationship: "長男",
    fatherName: "山川 一郎",
    motherName: "山川 桜子",
    fuhyo: [["中央市桜町一丁目2番3号", "2020-03-01"]],
  },
];

/** An issuance as the builders receive it: id, 発行番号 and a fixed 照合番号 with its verification URL. */
export const printedIssuance = (id: string, no: string, code = "7QKM-2PA9-TRBX"): PrintedIssuance => ({
  id,
  no,
  verification: { code, url: `http://localhost:3000/verify?no=${no}&code=${code}` },
});
export const ISSUANCE = printedIssuance("00000000-0000-7000-8000-00000000i001", "999997-2026-00000123");
/** 令和8年11月27日 10:00 JST */
export const NOW = new Date("2026-11-27T01:00:00Z");
