// Fictional sample data for the staff preview (証明書の見本): in-memory rows shaped as the Prisma rows the
// certificate builders read, so the preview runs the SAME builders and templates as issuance, with nothing
// read from or written to any resident table. Every person, address and figure here is invented
// (DOMAIN.md §9); only the municipality (name, mayor, 公印) is the real one the preview is for.
import "server-only";
import zlib from "node:zlib";
import { offeredFiscalYears } from "../eligibility/tax-years";
import type { FuhyoEntry, KosekiEvent, KosekiMember, KosekiRecord, Municipality, Resident, SealRegistration, TaxRecord } from "../generated/prisma/client";

export type SampleKosekiMember = KosekiMember & { events: KosekiEvent[]; fuhyoEntries: FuhyoEntry[] };
export type SampleKosekiRecord = KosekiRecord & { events: KosekiEvent[]; members: SampleKosekiMember[] };

export type SampleRows = {
  /** 世帯主 山川 一郎, his wife and their son, all active. */
  household: Resident[];
  householdAddress: string;
  /** The person a 印鑑登録証明書 or tax certificate is about (the 世帯主). */
  requester: Resident;
  sealRegistration: SealRegistration;
  taxRecord: TaxRecord;
  /** The register of the same family, 本籍 in the municipality, with 附票 lines. */
  kosekiRecord: SampleKosekiRecord;
};

// Fixed ids: the rows never reach the database; they only have to be distinct and UUID-shaped.
const id = (kind: number, n: number) => `00000000-0000-4000-8000-${String(kind).padStart(4, "0")}${String(n).padStart(8, "0")}`;
const HOUSEHOLD_ID = id(1, 1);
const RECORD_ID = id(2, 1);
const d = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
const CREATED = d("2026-01-01");

type Person = {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  dob: string;
  sex: "male" | "female";
  /** 住民票の続柄 */
  householdRelationship: string;
  /** 戸籍の続柄 and 配偶者区分 */
  kosekiRelationship: string;
  spouseRole: string | null;
  fatherName: string;
  motherName: string;
  becameResidentOn: string;
};

const FAMILY: Person[] = [
  { familyName: "山川", givenName: "一郎", familyNameKana: "ヤマカワ", givenNameKana: "イチロウ", dob: "1980-04-01", sex: "male", householdRelationship: "世帯主", kosekiRelationship: "長男", spouseRole: "夫", fatherName: "山川 太一", motherName: "山川 花子", becameResidentOn: "2006-06-01" },
  { familyName: "山川", givenName: "桜子", familyNameKana: "ヤマカワ", givenNameKana: "サクラコ", dob: "1982-07-15", sex: "female", householdRelationship: "妻", kosekiRelationship: "長女", spouseRole: "妻", fatherName: "川田 清", motherName: "川田 文子", becameResidentOn: "2006-06-01" },
  { familyName: "山川", givenName: "健太", familyNameKana: "ヤマカワ", givenNameKana: "ケンタ", dob: "2009-10-10", sex: "male", householdRelationship: "子", kosekiRelationship: "長男", spouseRole: null, fatherName: "山川 一郎", motherName: "山川 桜子", becameResidentOn: "2009-10-10" },
];

type Fld = { label: string; value: string; type?: "date" };
const date = (label: string, value: string): Fld => ({ label, value, type: "date" });
const text = (label: string, value: string): Fld => ({ label, value });

/** The fictional rows for `municipality`, dated for `today` (JST YYYY-MM-DD: picks the latest 年度 offered). */
export function sampleRows(municipality: Municipality, today: string): SampleRows {
  const place = `${municipality.prefecture}${municipality.name}`;
  const address = `${place}見本町一丁目1番1号`;
  const previousAddress = `${place}見本町二丁目2番2号`;
  const honseki = `${place}見本町一丁目1番地`;
  const municipalityId = municipality.id;

  const household: Resident[] = FAMILY.map(
    (p, i) =>
      ({
        id: id(3, i + 1),
        municipalityId,
        householdId: HOUSEHOLD_ID,
        residentNo: `見本${i + 1}`,
        familyName: p.familyName,
        givenName: p.givenName,
        familyNameKana: p.familyNameKana,
        givenNameKana: p.givenNameKana,
        alias: null,
        dateOfBirth: d(p.dob),
        sex: p.sex,
        isHouseholdHead: i === 0,
        relationship: p.householdRelationship,
        nationality: null,
        residenceCardNo: null,
        residenceStatus: null,
        residencePeriodEnd: null,
        honseki,
        kosekiHeadName: "山川 一郎",
        becameResidentOn: d(p.becameResidentOn),
        addressSetOn: d("2020-03-01"),
        addressSetReason: "転居",
        notifiedOn: d("2020-03-05"),
        previousAddress,
        // A sample never prints a 個人番号, not even an invented one (it could be someone's real number).
        myNumberCipher: null,
        myNumberKeyId: null,
        status: "active",
        movedOutOn: null,
        moveOutPlannedOn: null,
        deceasedOn: null,
        gaijiPending: false,
        adultWard: false,
        createdAt: CREATED,
        updatedAt: CREATED,
      }) satisfies Resident,
  );
  const requester = household[0];

  const sealRegistration: SealRegistration = {
    id: id(4, 1),
    municipalityId,
    residentId: requester.id,
    registrationNo: "000000",
    status: "active",
    registeredOn: d("2015-04-01"),
    abolishedOn: null,
    sealImage: samplePersonalSeal(),
    sealImageMime: "image/png",
    createdAt: CREATED,
    updatedAt: CREATED,
  };

  // 令和N年度 of the latest year the municipality offers today: salary 4,500,000 → 給与所得 3,160,000;
  // deductions 1,412,500; 課税標準額 1,747,000 (rounded down to 1,000 yen); 所得割 + 均等割 = each levy.
  const fiscalYear = offeredFiscalYears(municipality.taxYearSwitchDate, 1, today)[0];
  const taxRecord: TaxRecord = {
    id: id(5, 1),
    municipalityId,
    residentId: requester.id,
    fiscalYear,
    ...sampleTaxFigures(fiscalYear),
    createdAt: CREATED,
    updatedAt: CREATED,
  };

  let eventSeq = 0;
  const event = (memberId: string | null, position: number, kind: string, fields: Fld[]): KosekiEvent => ({
    id: id(6, ++eventSeq),
    municipalityId,
    kosekiRecordId: RECORD_ID,
    memberId,
    position,
    kind,
    eventDate: fields[0]?.type === "date" ? d(fields[0].value) : null,
    fields,
    createdAt: CREATED,
  });
  const birth = (p: Person): [string, Fld[]] => [
    "出生",
    [date("出生日", p.dob), text("出生地", place), date("届出日", p.dob), text("届出人", "父")],
  ];
  const memberEvents: Array<Array<[string, Fld[]]>> = [
    [birth(FAMILY[0]), ["婚姻", [date("婚姻日", "2006-06-01"), text("配偶者氏名", "川田 桜子"), text("従前戸籍", `${honseki} 山川 太一`)]]],
    [birth(FAMILY[1]), ["婚姻", [date("婚姻日", "2006-06-01"), text("配偶者氏名", "山川 一郎"), text("従前戸籍", `${place}見本町三丁目3番地 川田 清`)]]],
    [birth(FAMILY[2])],
  ];
  const fuhyoLines: Array<Array<[string, string]>> = [
    [
      [previousAddress, "2006-06-01"],
      [address, "2020-03-01"],
    ],
    [
      [previousAddress, "2006-06-01"],
      [address, "2020-03-01"],
    ],
    [
      [previousAddress, "2009-10-10"],
      [address, "2020-03-01"],
    ],
  ];
  const members: SampleKosekiMember[] = FAMILY.map((p, i) => {
    const memberId = id(7, i + 1);
    return {
      id: memberId,
      municipalityId,
      kosekiRecordId: RECORD_ID,
      position: i + 1,
      familyName: p.familyName,
      givenName: p.givenName,
      dateOfBirth: d(p.dob),
      sex: p.sex,
      fatherName: p.fatherName,
      motherName: p.motherName,
      relationship: p.kosekiRelationship,
      spouseRole: p.spouseRole,
      removed: false,
      residentId: null,
      supportMeasure: false,
      priorRecordNo: null,
      priorPosition: null,
      createdAt: CREATED,
      updatedAt: CREATED,
      events: memberEvents[i].map(([kind, fields], j) => event(memberId, j + 1, kind, fields)),
      fuhyoEntries: fuhyoLines[i].map(([line, since], j) => ({
        id: id(8, i * 10 + j + 1),
        municipalityId,
        kosekiRecordId: RECORD_ID,
        memberId,
        position: j + 1,
        address: line,
        addressSetOn: d(since),
        supportMeasure: false,
        createdAt: CREATED,
      })),
    };
  });
  const kosekiRecord: SampleKosekiRecord = {
    id: RECORD_ID,
    municipalityId,
    recordNo: "000000",
    kind: "current",
    honseki,
    headFamilyName: FAMILY[0].familyName,
    headGivenName: FAMILY[0].givenName,
    pendingFiling: false,
    createdAt: CREATED,
    updatedAt: CREATED,
    events: [event(null, 1, "編製", [date("編製日", "2006-06-01")])],
    members,
  };

  return { household, householdAddress: address, requester, sealRegistration, taxRecord, kosekiRecord };
}

// ─── the sample 印影: a red double ring on a transparent background, encoded with node:zlib ───

/** The figures of the sample tax record (see the sample's taxRecord); the unit tests' one (tests/factories/certificate-rows.ts) has them too. */
export function sampleTaxFigures(fiscalYear: number) {
  return {
    residentOnJan1: true,
    nonTaxable: false,
    details: {
      incomeYear: fiscalYear - 1,
      income: [{ label: "給与収入", revenue: 4_500_000, amount: 3_160_000 }],
      deductions: [
        { label: "社会保険料控除", amount: 652_500 },
        { label: "配偶者控除", amount: 330_000 },
        { label: "基礎控除", amount: 430_000 },
      ],
      taxes: { municipal: { incomeLevy: 104_700, perCapita: 3_000 }, prefectural: { incomeLevy: 69_800, perCapita: 1_000 } },
    },
    totalIncome: 3_160_000,
    totalDeductions: 1_412_500,
    taxableIncome: 1_747_000,
    municipalTax: 107_700,
    prefecturalTax: 70_800,
    dependents: 1,
  } satisfies Partial<TaxRecord>;
}

let sealPng: Uint8Array<ArrayBuffer> | null = null;

/** A plain seal impression (no name in it: it must not look like anyone's registered seal). */
export function samplePersonalSeal(): Uint8Array<ArrayBuffer> {
  sealPng ??= drawRings(120, [
    [0.47, 0.42],
    [0.34, 0.31],
  ]);
  return sealPng;
}

/** An RGBA PNG of `size` px with red rings given as [outer, inner] radii in fractions of the size. */
function drawRings(size: number, rings: Array<[outer: number, inner: number]>): Uint8Array<ArrayBuffer> {
  const [r, g, b] = [200, 22, 29];
  const c = (size - 1) / 2;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const dist = Math.hypot(x - c, y - c) / size;
      // Coverage with a one-pixel soft edge, so the ring is not jagged when scaled.
      const edge = 1 / size;
      let alpha = 0;
      for (const [outer, inner] of rings) {
        const cover = Math.min(1, Math.max(0, (outer - dist) / edge)) * Math.min(1, Math.max(0, (dist - inner) / edge));
        alpha = Math.max(alpha, cover);
      }
      const p = row + 1 + x * 4;
      raw[p] = r;
      raw[p + 1] = g;
      raw[p + 2] = b;
      raw[p + 3] = Math.round(alpha * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", zlib.deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
  return new Uint8Array(png);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed) >>> 0);
  return Buffer.concat([len, typed, crc]);
}
