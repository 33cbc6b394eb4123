// Synthetic benchmark data, written directly with a Prisma client. Independent of tests/ (the benchmarks must
// not import tests).
//
// createBenchData (scripts/bench-issuance.ts): two served municipalities (prefix 99: no real municipality),
// offerings and fees for 住民票 / 記載事項証明書 / 印鑑登録証明書, a 公印, and residents with pairwise distinct
// names, each the only member of a household, holding a card certificate and an active seal registration.
//
// createHttpBenchData (the HTTP benchmark of issue 21): families in households of 3–4, 印影, tax records and
// 戸籍 registers of a fixed size, described as cases an HTTP load client can issue for many cardholders.
import crypto from "node:crypto";
import zlib from "node:zlib";
import { municipalityCheckDigit } from "../../lib/municipality-code";
import { myNumberCheckDigit } from "../../lib/my-number";
import { encryptField, FieldContext } from "../../server/crypto/field-encryption";
import type { Municipality, Prisma, PrismaClient } from "../../server/generated/prisma/client";
import type { CertificateType as DbCertificateType } from "../../server/generated/prisma/enums";
import { createPersonalSealRenderer, renderOfficialSeal } from "../../prisma/seed-data/seal-images";
import { BASIC_DEDUCTION, computeResidentTax, salaryIncome } from "../../prisma/seed-data/tax";
import { fullName, kosekiChildRelationship } from "../../prisma/seed-data/names";
import type { CertificateTypeId } from "../../lib/certificate-types";

// Family-name characters and given-name characters are disjoint sets, so a 4-character window of any
// printed text can only spell a full name where a whole family name is followed by a whole given name.
export const FAMILY_NAMES = [
  "青山", "石川", "上田", "大森", "岡本", "川口", "北村", "小松", "坂本", "杉山",
  "高木", "千葉", "土屋", "永井", "西田", "野村", "浜田", "平野", "福島", "松尾",
] as const;
export const GIVEN_NAMES = ["一郎", "花子", "健太", "美咲", "翔太", "陽菜", "拓海", "彩香", "直樹", "結衣", "優斗", "真由"] as const;
export const MAX_RESIDENTS = FAMILY_NAMES.length * GIVEN_NAMES.length;

export type BenchPerson = {
  municipality: Municipality;
  residentId: string;
  card: { issuer: string; serial: string };
  /** Family + given name as printed once whitespace is removed. */
  name: string;
};

export type BenchData = { municipalities: Municipality[]; people: BenchPerson[]; apiClientId: string };

/** Full names for `count` residents: pairwise distinct, none contained in another, disjoint character sets. */
export function benchNames(count: number): Array<{ familyName: string; givenName: string; full: string }> {
  if (count > MAX_RESIDENTS) throw new Error(`at most ${MAX_RESIDENTS} residents (distinct names)`);
  const familyChars = new Set(FAMILY_NAMES.join(""));
  for (const c of GIVEN_NAMES.join("")) if (familyChars.has(c)) throw new Error(`character ${c} is in both name sets`);
  const out = Array.from({ length: count }, (_, k) => {
    // Walk the grid diagonally so that consecutive residents differ in both parts; (row + column) mod 12
    // is a bijection on each column, so every (family, given) pair occurs at most once.
    const row = Math.floor(k / FAMILY_NAMES.length);
    const familyName = FAMILY_NAMES[k % FAMILY_NAMES.length];
    const givenName = GIVEN_NAMES[(row + (k % FAMILY_NAMES.length)) % GIVEN_NAMES.length];
    return { familyName, givenName, full: familyName + givenName };
  });
  assertDistinctNames(out.map((n) => n.full));
  return out;
}

/** Throws unless the full names are pairwise distinct and none is contained in another. */
export function assertDistinctNames(fulls: readonly string[]): void {
  if (new Set(fulls).size !== fulls.length) throw new Error("resident names are not distinct");
  // Sorted by length, a name can only be contained in a longer or equally long one after it.
  const sorted = [...fulls].sort((a, b) => a.length - b.length);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) if (sorted[j].includes(sorted[i])) throw new Error(`${sorted[i]} is contained in ${sorted[j]}`);
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** A solid-colour RGB PNG (公印 and 印影 stand-ins). */
export function solidPng(size: number, rgb: [number, number, number]): Uint8Array<ArrayBuffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
  return new Uint8Array(png);
}

/** A free municipality code "99xxx" + check digit. */
async function freeMunicipalityCode(db: PrismaClient): Promise<string> {
  for (;;) {
    const first5 = `99${String(crypto.randomInt(0, 1000)).padStart(3, "0")}`;
    const code = first5 + municipalityCheckDigit(first5);
    if (!(await db.municipality.findUnique({ where: { code }, select: { id: true } }))) return code;
  }
}

function fakeMyNumber(seed: number): string {
  const first11 = String(10_000_000_000 + ((seed * 2654435761) % 89_999_999_999)).slice(0, 11);
  return first11 + myNumberCheckDigit(first11);
}

const CERTIFICATE_TYPES = ["residence", "residence_entry", "seal"] as const;

/** Fee per copy by type (yen), as municipalities commonly charge at a kiosk. */
const feeOf = (t: DbCertificateType) => (t === "koseki_full" || t === "koseki_individual" ? 450 : t === "koseki_fuhyo" ? 300 : 200);

async function createServedMunicipality(
  db: PrismaClient,
  label: string,
  opts: { types?: readonly DbCertificateType[]; sealImage?: Uint8Array<ArrayBuffer>; taxYearsOffered?: number } = {},
): Promise<Municipality> {
  const types = opts.types ?? CERTIFICATE_TYPES;
  // Katakana and Latin digits only, so no municipality text can combine with a resident's kanji name.
  const m = await db.municipality.create({
    data: {
      code: await freeMunicipalityCode(db),
      name: `ベンチ市${label}`,
      nameKana: `ベンチシ${label}`,
      prefecture: "ベンチ県",
      kind: "city",
      mayorTitle: `ベンチ市${label}長`,
      mayorName: "検証 守",
      status: "active",
      sealImage: opts.sealImage ?? solidPng(48, [200, 30, 30]),
      sealImageMime: "image/png",
      taxYearsOffered: opts.taxYearsOffered ?? 1,
    },
  });
  await db.certificateOffering.createMany({
    data: types.map((certificateType) => ({ municipalityId: m.id, certificateType, enabled: true, copyLimit: 5, allowMyNumber: true })),
  });
  await db.fee.createMany({
    data: types.map((certificateType) => ({ municipalityId: m.id, certificateType, amount: feeOf(certificateType), effectiveFrom: new Date("2020-04-01T00:00:00+09:00") })),
  });
  return m;
}

/** A card certificate valid on the benchmark's clock (2026-11-27), issued long before it. */
const cardData = (municipalityId: string, residentId: string, serial: string) => ({
  municipalityId,
  residentId,
  issuer: "JPKI",
  serial,
  validFrom: new Date("2024-01-01T00:00:00Z"),
  validUntil: new Date("2029-01-01T00:00:00Z"),
  cardIssuedOn: new Date("2024-01-01"),
});

/** An API client of a kiosk centre (issue 14 scopes) with a fresh secret, returned in plaintext for signing. */
async function createCentreClient(db: PrismaClient, keyId: string) {
  const secret = crypto.randomBytes(24).toString("base64url");
  const scopes = ["kiosk_issuance"] as const;
  const client = await db.apiClient.create({
    data: { name: "ベンチセンター", keyId, secretCipher: encryptField(secret, FieldContext.apiClientSecret).cipher, municipalityId: null, scopes: [...scopes] },
  });
  return { id: client.id, keyId, secret, scopes: [...scopes] };
}

/** Creates everything the benchmark issues against. Needs FIELD_ENCRYPTION_KEYS in the environment. */
export async function createBenchData(db: PrismaClient, opts: { residents: number; runId: string }): Promise<BenchData> {
  const names = benchNames(opts.residents);
  const municipalities = [await createServedMunicipality(db, "1"), await createServedMunicipality(db, "2")];
  const sealPng = solidPng(40, [180, 20, 20]);
  const people: BenchPerson[] = [];
  // A few residents at a time: the creation is not what is measured, but 240 sequential round trips
  // of five statements each would still take a few seconds.
  const BATCH = 8;
  for (let start = 0; start < names.length; start += BATCH) {
    const batch = names.slice(start, start + BATCH).map(async (n, j) => {
      const k = start + j;
      const m = municipalities[k % municipalities.length];
      const myNumber = encryptField(fakeMyNumber(k + 1), FieldContext.myNumber);
      return db.$transaction(async (tx) => {
        const household = await tx.household.create({
          data: { municipalityId: m.id, householdNo: `B${opts.runId}-${k}`, address: `ベンチ県ベンチ市${m.name.slice(-1)}中央${k + 1}番地` },
        });
        const resident = await tx.resident.create({
          data: {
            municipalityId: m.id,
            householdId: household.id,
            residentNo: `BR${opts.runId}-${k}`,
            familyName: n.familyName,
            givenName: n.givenName,
            familyNameKana: "ベンチ",
            givenNameKana: "ジュウミン",
            dateOfBirth: new Date("1980-04-01"),
            sex: k % 2 ? "female" : "male",
            isHouseholdHead: true,
            relationship: "世帯主",
            becameResidentOn: new Date("2008-05-10"),
            addressSetOn: new Date("2020-03-01"),
            myNumberCipher: myNumber.cipher,
            myNumberKeyId: myNumber.keyId,
          },
        });
        const card = await tx.cardCertificate.create({ data: cardData(m.id, resident.id, `BENCH-${opts.runId}-${k}`) });
        await tx.sealRegistration.create({
          data: { municipalityId: m.id, residentId: resident.id, registrationNo: `BS${opts.runId}-${k}`, registeredOn: new Date("2015-04-01"), sealImage: sealPng },
        });
        return { municipality: m, residentId: resident.id, card: { issuer: card.issuer, serial: card.serial }, name: n.full } satisfies BenchPerson;
      });
    });
    people.push(...(await Promise.all(batch)));
  }
  // The in-process benchmark calls the verbs, not the routes: the secret is not needed.
  const client = await createCentreClient(db, `bench-${opts.runId}`);
  return { municipalities, people, apiClientId: client.id };
}

/** The issue request body the kiosk centre would send (same shape as the kiosk API). */
export function benchIssueBody(person: BenchPerson, certificateType: "residence" | "residence-entry" | "seal") {
  return {
    transactionId: crypto.randomUUID(),
    terminal: { storeChain: "bench-mart", storeCode: "0001", terminalId: "T1" },
    card: { issuer: person.card.issuer, serial: person.card.serial },
    municipalityCode: person.municipality.code,
    purpose: "residence" as const,
    certificateType,
    copies: 1,
    options:
      certificateType === "residence-entry"
        ? { members: "all", items: ["dateOfBirth", "address"] }
        : certificateType === "seal"
          ? {}
          : { members: "all", includeHouseholdHeadAndRelationship: false, includeHonseki: false, includeMyNumber: false, includeForeignResidentItems: false },
  };
}

// ───────────────────────────── HTTP benchmark data (issue 21) ─────────────────────────────

/**
 * The clock the HTTP benchmark issues at: a Friday, inside service hours. Send it as X-Clock-Override (honoured
 * only by a server started with ALLOW_CLOCK_OVERRIDE=true; signatures are still checked on the real clock).
 */
export const HTTP_BENCH_CLOCK = "2026-11-27T10:00:00+09:00";
export const HTTP_BENCH_NOW = new Date(HTTP_BENCH_CLOCK);
/** The 年度 of the tax case: offered on HTTP_BENCH_NOW (switch date 06-01), income of 2025. */
export const HTTP_BENCH_FISCAL_YEAR = 2026;

// More names for the larger population. The characters of all family names stay disjoint from those of all
// given names (NameAllocator checks it), and every name is 2 + 2 characters, so distinct full names never
// contain one another and a 4-character window spells a name only where one was printed.
export const MORE_FAMILY_NAMES = ["中島", "森田", "原口", "藤井", "武田", "村上", "近藤", "石原", "斎藤", "菅原", "遠藤", "吉村"] as const;
const MALE_GIVEN = ["一郎", "健太", "翔太", "拓海", "直樹", "優斗", "次郎", "三郎", "和也", "雄介", "浩二", "正人", "修司", "康弘", "亮太", "誠司", "達也", "健二", "俊介", "信也", "隆史", "啓太"] as const;
const FEMALE_GIVEN = ["花子", "美咲", "陽菜", "彩香", "結衣", "真由", "恵子", "春香", "智子", "裕子", "明美", "涼子", "奈緒", "沙織", "麻衣", "美穂", "由紀", "直子", "愛子", "里奈"] as const;

type Sex = "male" | "female";
type Named = { familyName: string; givenName: string; full: string; printed: string };

/** Hands out full names that were never handed out before; every one is printable on some certificate. */
class NameAllocator {
  private readonly families = [...FAMILY_NAMES, ...MORE_FAMILY_NAMES];
  private readonly used = new Map<string, Record<Sex, number>>();
  private cursor = 0;
  readonly all: string[] = [];

  constructor() {
    const familyChars = new Set(this.families.join(""));
    for (const c of [...MALE_GIVEN, ...FEMALE_GIVEN].join("")) if (familyChars.has(c)) throw new Error(`character ${c} is in both name sets`);
    for (const g of GIVEN_NAMES) if (!([...MALE_GIVEN, ...FEMALE_GIVEN] as string[]).includes(g)) throw new Error(`given name ${g} has no sex`);
  }

  /** A family name with `need` given names of each sex left, taken in turn so that neighbours differ. */
  family(need: Partial<Record<Sex, number>>): string {
    for (let i = 0; i < this.families.length; i++) {
      const f = this.families[(this.cursor + i) % this.families.length];
      const u = this.used.get(f) ?? { male: 0, female: 0 };
      if (u.male + (need.male ?? 0) <= MALE_GIVEN.length && u.female + (need.female ?? 0) <= FEMALE_GIVEN.length) {
        this.cursor = (this.cursor + i + 1) % this.families.length;
        return f;
      }
    }
    throw new Error("out of distinct names: ask for fewer residents");
  }

  person(familyName: string, sex: Sex): Named {
    const u = this.used.get(familyName) ?? { male: 0, female: 0 };
    const pool = sex === "male" ? MALE_GIVEN : FEMALE_GIVEN;
    if (u[sex] >= pool.length) throw new Error(`no ${sex} given name left for ${familyName}`);
    const givenName = pool[u[sex]++];
    this.used.set(familyName, u);
    const full = familyName + givenName;
    this.all.push(full);
    return { familyName, givenName, full, printed: fullName(familyName, givenName) };
  }
}

export type HttpBenchHolder = {
  card: { issuer: string; serial: string };
  municipalityCode: string;
  /** The cardholder's memberRef among householdMembers of the eligibility answer (their resident id): what `members: "requester"` stands for. */
  memberRef: string;
  /** Names (whitespace removed) the certificate must print. */
  mustNames: string[];
  /** Every name (whitespace removed) the certificate may print; any other name of `printableNames` is a cross-delivery. */
  mayNames: string[];
};

export type HttpBenchCase = {
  key: string;
  /** Japanese, for reports. */
  label: string;
  certificateType: CertificateTypeId;
  purpose: "residence" | "honseki";
  /** As sent, except `members: "requester"`, which httpIssueOptions replaces by the holder's memberRef. */
  options: Record<string, unknown>;
  expectedPages: number;
  holders: HttpBenchHolder[];
};

export type HttpBenchData = {
  /** ISO instant to send as X-Clock-Override. */
  clock: string;
  municipalities: Municipality[];
  /** The centre's client: sign requests with keyId and secret (RFC 9421, server/kiosk-protocol/http-signatures.ts). */
  apiClient: { id: string; keyId: string; secret: string; scopes: string[] };
  cases: HttpBenchCase[];
  /** Every person's name (whitespace removed) any certificate of this data can print. */
  printableNames: string[];
};

/** The request options for one holder: `members: "requester"` becomes the holder's own memberRef. */
export function httpIssueOptions(c: HttpBenchCase, h: HttpBenchHolder): Record<string, unknown> {
  return c.options.members === "requester" ? { ...c.options, members: [h.memberRef] } : c.options;
}

/** The issue request body (POST /api/kiosk/v1/issuances) for one holder of a case. */
export function httpIssueBody(c: HttpBenchCase, h: HttpBenchHolder, transactionId: string = crypto.randomUUID()) {
  return {
    transactionId,
    terminal: { storeChain: "bench-mart", storeCode: "0001", terminalId: "T1" },
    card: h.card,
    municipalityCode: h.municipalityCode,
    purpose: c.purpose,
    certificateType: c.certificateType,
    copies: 1,
    options: httpIssueOptions(c, h),
  };
}

const HTTP_TYPES = [
  "residence", "residence_entry", "seal", "tax_income", "tax_assessment", "tax_income_assessment", "koseki_full", "koseki_individual", "koseki_fuhyo",
] as const satisfies readonly DbCertificateType[];

type ResidentPlan = {
  id: string;
  municipality: Municipality;
  householdId: string;
  name: Named;
  sex: Sex;
  dob: string;
  relationship: string;
  isHead: boolean;
  honseki?: string;
  kosekiHeadName?: string;
  card?: { serial: string };
  seal?: boolean;
  tax?: boolean;
};

/** The register part of a 戸籍 event: labelled fields in print order (dates as YYYY-MM-DD, printed in 和暦). */
type EventPlan = { kind: string; eventDate: string; fields: Array<{ label: string; value: string; type?: "date" }> };
const date = (label: string, value: string) => ({ label, value, type: "date" as const });
const text = (label: string, value: string) => ({ label, value });

type MemberPlan = {
  id: string;
  name: Named;
  sex: Sex;
  dob: string;
  fatherName: string;
  motherName: string;
  relationship: string;
  spouseRole: "夫" | "妻" | null;
  removed: boolean;
  /** Living in the 本籍地 municipality, holding a card. */
  resident: ResidentPlan | null;
  events: EventPlan[];
};

type RegisterPlan = { id: string; municipality: Municipality; recordNo: string; honseki: string; head: Named; events: EventPlan[]; members: MemberPlan[]; outsiders: string[] };

/**
 * A child of the 筆頭者 and spouse: at home (still in the register, a resident; a cardholder from 15), married
 * out, 分籍 or deceased (removed: printed with 「除籍」), or adopted (養子縁組 into the register, at home).
 */
type ChildKind = "home" | "married" | "divided" | "deceased" | "adopted";

/**
 * Register shapes by the pages their 全部事項証明 takes (checked by tests/integration/bench-data.test.ts).
 * Every register of a shape has the same dates and 2 + 2 character names, so the same layout.
 */
const KOSEKI_SHAPES: Record<"3" | "10", readonly ChildKind[]> = {
  "3": ["home", "married", "home", "married"],
  "10": [
    "home", "married", "home", "divided", "married", "home", "deceased", "married", "home", "married",
    "home", "married", "home", "divided", "married", "home", "adopted", "home", "married", "adopted", "adopted",
  ],
};

type HouseholdPlan = { id: string; municipality: Municipality; no: string; address: string; members: ResidentPlan[] };

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
/** Age in whole years on the benchmark's day (dates as YYYY-MM-DD compare as strings). */
const ageOnBenchDay = (dob: string) => {
  const today = HTTP_BENCH_CLOCK.slice(0, 10);
  return Number(today.slice(0, 4)) - Number(dob.slice(0, 4)) - (dob.slice(5) > today.slice(5) ? 1 : 0);
};

/**
 * Pool households: 世帯主 and 妻 (cards, 印鑑, tax records), an adult child (card, tax record) and, in every
 * other pair of households, a child of 12.
 */
function planHouseholds(names: NameAllocator, municipalities: Municipality[], residents: number, runId: string): HouseholdPlan[] {
  const households: HouseholdPlan[] = [];
  let people = 0;
  for (let h = 0; people < residents; h++) {
    // Sizes alternate in pairs, municipalities one by one: each size lives in both.
    const size = h % 4 < 2 ? 3 : 4;
    const childSex: Sex = h % 8 < 4 ? "male" : "female";
    const younger: Sex = childSex === "male" ? "female" : "male";
    const need = { male: 1 + (childSex === "male" ? 1 : 0) + (size === 4 && younger === "male" ? 1 : 0), female: 1 + (childSex === "female" ? 1 : 0) + (size === 4 && younger === "female" ? 1 : 0) };
    const family = names.family(need);
    const municipality = municipalities[h % municipalities.length];
    const householdId = crypto.randomUUID();
    const m = (sex: Sex, dob: string, relationship: string, extra: Partial<ResidentPlan>): ResidentPlan => ({
      id: crypto.randomUUID(), municipality, householdId, name: names.person(family, sex), sex, dob, relationship, isHead: relationship === "世帯主", ...extra,
    });
    const members = [
      m("male", ymd(1972 + (h % 8), 1 + (h % 12), 1 + (h % 28)), "世帯主", { card: { serial: `BH-${runId}-${h}-1` }, seal: true, tax: true }),
      m("female", ymd(1974 + (h % 8), 1 + ((h + 5) % 12), 1 + ((h + 9) % 28)), "妻", { card: { serial: `BH-${runId}-${h}-2` }, seal: true, tax: true }),
      m(childSex, ymd(2001 + (h % 4), 1 + ((h + 3) % 12), 1 + ((h + 17) % 28)), "子", { card: { serial: `BH-${runId}-${h}-3` }, tax: true }),
    ];
    if (size === 4) members.push(m(younger, ymd(2014, 1 + (h % 12), 1 + (h % 28)), "子", {}));
    households.push({ id: householdId, municipality, no: `BH${runId}-${h}`, address: `ベンチ県ベンチ市${municipality.name.slice(-1)}中央${100 + h}番地`, members });
    people += size;
  }
  return households;
}

/**
 * One 戸籍 of a shape: 筆頭者 (夫) and 妻 married in 1988, children in birth order, adoptees last, each with
 * realistic 身分事項 (出生, 婚姻, 分籍, 養子縁組 on both sides). People named in 身分事項 or as 父・母 who are
 * not in the register (parents, spouses who married out, birth parents of adoptees) get names of their own.
 * The 筆頭者, 妻 and the children at home live in the municipality in one household and hold cards.
 */
function planRegister(names: NameAllocator, municipality: Municipality, shape: readonly ChildKind[], index: number, runId: string, tag: string) {
  const label = municipality.name.slice(-1);
  const honseki = `ベンチ県ベンチ市${label}本町${100 + index}番地`;
  const receiver = `ベンチ県ベンチ市${label}長`;
  // One birth a year from 1989 (adoptees were born elsewhere in the same years); sexes alternate.
  const born = shape.map((kind, i) => ({ kind, sex: (i % 2 ? "female" : "male") as Sex, dob: ymd(1989 + i, 1 + ((i * 5) % 12), 3 + ((i * 7) % 20)) }));
  // The register's family name is everyone's but the outsiders'; parents of the 筆頭者 carry it too.
  const need = { male: 2 + born.filter((c) => c.sex === "male").length, female: 2 + born.filter((c) => c.sex === "female").length };
  const family = names.family(need);
  const head = names.person(family, "male");
  const wife = names.person(family, "female");
  const headFather = names.person(family, "male");
  const headMother = names.person(family, "female");
  const children = born.map((c) => ({ ...c, name: names.person(family, c.sex) }));
  const outsiders: Named[] = [headFather, headMother];
  const other = (sex: Sex) => {
    const n = names.person(names.family({ [sex]: 1 }), sex);
    outsiders.push(n);
    return n;
  };
  /** A married couple outside the register (the wife's or an adoptee's parents), of one family name. */
  const couple = () => {
    const family = names.family({ male: 1, female: 1 });
    const pair = [names.person(family, "male"), names.person(family, "female")] as const;
    outsiders.push(...pair);
    return pair;
  };
  const [wifeFather, wifeMother] = couple();

  const householdId = crypto.randomUUID();
  let cards = 0;
  const resident = (name: Named, sex: Sex, dob: string, relationship: string): ResidentPlan => ({
    id: crypto.randomUUID(),
    municipality,
    householdId,
    name,
    sex,
    dob,
    relationship,
    isHead: relationship === "世帯主",
    honseki,
    kosekiHeadName: head.printed,
    card: ageOnBenchDay(dob) >= 15 ? { serial: `BK-${runId}-${tag}-${index}-${++cards}` } : undefined,
  });

  const marriedOn = "1988-11-03";
  /** A day of the same month `days` after a date (notified, then forwarded, within the month). */
  const later = (d: string, days: number) => d.slice(0, 8) + String(Math.min(Number(d.slice(8)) + days, 28)).padStart(2, "0");
  const birth = (dob: string, notifier: string): EventPlan => ({
    kind: "出生",
    eventDate: dob,
    fields: [date("出生日", dob), text("出生地", `ベンチ県ベンチ市${label}`), date("届出日", later(dob, 3)), text("届出人", notifier), date("送付を受けた日", later(dob, 6)), text("受理者", receiver)],
  });
  const headEvents: EventPlan[] = [
    birth("1960-04-12", "父"),
    { kind: "婚姻", eventDate: marriedOn, fields: [date("婚姻日", marriedOn), text("配偶者氏名", wife.printed), date("送付を受けた日", later(marriedOn, 4)), text("受理者", receiver), text("従前戸籍", `ベンチ県ベンチ市${label}東町${200 + index}番地 ${headFather.printed}`)] },
  ];
  const wifeEvents: EventPlan[] = [
    birth("1963-09-03", "父"),
    { kind: "婚姻", eventDate: marriedOn, fields: [date("婚姻日", marriedOn), text("配偶者氏名", head.printed), date("送付を受けた日", later(marriedOn, 4)), text("受理者", receiver), text("従前戸籍", `ベンチ県ベンチ市${label}西町${300 + index}番地 ${wifeFather.printed}`)] },
  ];
  const members: MemberPlan[] = [];
  const order: Record<Sex, number> = { male: 0, female: 0 };
  const adoptees: MemberPlan[] = [];
  children.forEach((c, i) => {
    const m: MemberPlan = {
      id: crypto.randomUUID(),
      name: c.name,
      sex: c.sex,
      dob: c.dob,
      fatherName: head.printed,
      motherName: wife.printed,
      relationship: "",
      spouseRole: null,
      removed: c.kind === "married" || c.kind === "divided" || c.kind === "deceased",
      resident: null,
      events: [birth(c.dob, "父")],
    };
    const at = (years: number) => ymd(Number(c.dob.slice(0, 4)) + years, 1 + ((i * 5 + 2) % 12), 8 + ((i * 3) % 20));
    if (c.kind === "married") {
      const spouse = other(c.sex === "male" ? "female" : "male");
      const on = at(24);
      m.events.push({
        kind: "婚姻",
        eventDate: on,
        // A son heads a new register; a daughter enters her husband's (both take 夫の氏).
        fields: [
          date("婚姻日", on), text("配偶者氏名", spouse.printed), date("送付を受けた日", later(on, 4)), text("受理者", receiver),
          c.sex === "male" ? text("新本籍", `ベンチ県ベンチ市${label}南町${400 + i}番地`) : text("入籍戸籍", `ベンチ県ベンチ市${label}南町${400 + i}番地 ${spouse.printed}`),
          text("称する氏", "夫の氏"),
        ],
      });
    } else if (c.kind === "divided") {
      const on = at(22);
      m.events.push({ kind: "分籍", eventDate: on, fields: [date("分籍日", on), text("新本籍", `ベンチ県ベンチ市${label}北町${500 + i}番地`), date("送付を受けた日", later(on, 4)), text("受理者", receiver)] });
    } else if (c.kind === "deceased") {
      const on = at(19);
      m.events.push({
        kind: "死亡",
        eventDate: on,
        fields: [date("死亡日", on), text("死亡時分", "午後３時２０分"), text("死亡地", `ベンチ県ベンチ市${label}`), date("届出日", later(on, 1)), text("届出人", "親族　父"), date("送付を受けた日", later(on, 5)), text("受理者", receiver)],
      });
    }
    if (c.kind === "adopted") {
      // Born to other parents; takes the family name by 養子縁組 at 9.
      const [father, mother] = couple();
      m.fatherName = father.printed;
      m.motherName = mother.printed;
      m.relationship = c.sex === "male" ? "養子" : "養女";
      m.events = [birth(c.dob, "母")];
      const on = at(9);
      m.events.push({
        kind: "養子縁組",
        eventDate: on,
        fields: [
          date("縁組日", on), text("養父氏名", head.printed), text("養母氏名", wife.printed), date("送付を受けた日", later(on, 4)), text("受理者", receiver),
          text("従前戸籍", `ベンチ県ベンチ市${label}中町${600 + i}番地 ${father.printed}`),
        ],
      });
      for (const [events, partner] of [[headEvents, "妻"], [wifeEvents, "夫"]] as const) {
        events.push({ kind: "養子縁組", eventDate: on, fields: [date("縁組日", on), text("共同縁組者", partner), text("養子氏名", c.name.printed), date("送付を受けた日", later(on, 4)), text("受理者", receiver)] });
      }
      adoptees.push(m);
    } else {
      m.relationship = kosekiChildRelationship(c.sex, ++order[c.sex]);
      members.push(m);
    }
    if (c.kind === "home" || c.kind === "adopted") m.resident = resident(c.name, c.sex, c.dob, "子");
  });
  const headMember: MemberPlan = {
    id: crypto.randomUUID(), name: head, sex: "male", dob: "1960-04-12", fatherName: headFather.printed, motherName: headMother.printed, relationship: "長男", spouseRole: "夫", removed: false,
    resident: resident(head, "male", "1960-04-12", "世帯主"), events: headEvents,
  };
  const wifeMember: MemberPlan = {
    id: crypto.randomUUID(), name: wife, sex: "female", dob: "1963-09-03", fatherName: wifeFather.printed, motherName: wifeMother.printed, relationship: "長女", spouseRole: "妻", removed: false,
    resident: resident(wife, "female", "1963-09-03", "妻"), events: wifeEvents,
  };
  const all = [headMember, wifeMember, ...members, ...adoptees];
  const register: RegisterPlan = {
    id: crypto.randomUUID(),
    municipality,
    recordNo: `BK${runId}-${tag}-${index}`,
    honseki,
    head,
    events: [{ kind: "編製", eventDate: marriedOn, fields: [date("編製日", marriedOn)] }],
    members: all,
    outsiders: outsiders.map((n) => n.full),
  };
  const household = { id: householdId, municipality, no: `BK${runId}-${tag}-${index}`, address: `ベンチ県ベンチ市${label}中央${700 + index}番地`, members: all.flatMap((m) => (m.resident ? [m.resident] : [])) };
  return { register, household };
}

const dateOnly = (s: string) => new Date(`${s}T00:00:00Z`);

/** Resident rows of the planned households (pool and 戸籍 families alike); in the pool or on a register. */
function residentRows(households: HouseholdPlan[], runId: string) {
  let k = 0;
  return households.flatMap((h) =>
    h.members.map((r) => {
      const myNumber = encryptField(fakeMyNumber(++k), FieldContext.myNumber);
      return {
        id: r.id,
        municipalityId: h.municipality.id,
        householdId: h.id,
        residentNo: `BHR${runId}-${k}`,
        familyName: r.name.familyName,
        givenName: r.name.givenName,
        familyNameKana: "ベンチ",
        givenNameKana: "ジュウミン",
        dateOfBirth: dateOnly(r.dob),
        sex: r.sex,
        isHouseholdHead: r.isHead,
        relationship: r.relationship,
        honseki: r.honseki ?? null,
        kosekiHeadName: r.kosekiHeadName ?? null,
        becameResidentOn: dateOnly(r.dob < "2008-05-10" ? "2008-05-10" : r.dob),
        addressSetOn: dateOnly(r.dob < "2008-05-10" ? "2008-05-10" : r.dob),
        addressSetReason: r.dob < "2008-05-10" ? "転入" : "出生",
        myNumberCipher: myNumber.cipher,
        myNumberKeyId: myNumber.keyId,
      } satisfies Prisma.ResidentCreateManyInput;
    }),
  );
}

/** 住民税 of a salaried resident for one 年度, computed as the demo seed computes it. */
function taxRow(r: ResidentPlan, fiscalYear: number, k: number): Prisma.TaxRecordCreateManyInput {
  const revenue = 2_400_000 + ((k * 137_000) % 6_000_000);
  const income = [{ label: "給与収入", revenue, amount: salaryIncome(revenue, fiscalYear - 1) }];
  const deductions = [
    { label: "社会保険料控除", amount: Math.floor((revenue * 145) / 1000) },
    { label: "基礎控除", amount: BASIC_DEDUCTION },
  ];
  const t = computeResidentTax({ income, deductions, dependentsIncludingSpouse: 0 });
  return {
    municipalityId: r.municipality.id,
    residentId: r.id,
    fiscalYear,
    residentOnJan1: true,
    nonTaxable: t.nonTaxable,
    details: { incomeYear: fiscalYear - 1, income, deductions, dependents: { spouse: false, general: 0, specific: 0, elderly: 0, young: 0 }, taxes: t.taxes },
    totalIncome: t.totalIncome,
    totalDeductions: t.totalDeductions,
    taxableIncome: t.taxableIncome,
    municipalTax: t.municipalTax,
    prefecturalTax: t.prefecturalTax,
    dependents: 0,
  };
}

/**
 * Creates everything the HTTP issuance benchmark needs (FIELD_ENCRYPTION_KEYS must be set) and describes six
 * cases, each with many cardholders so that concurrent requests do not queue on one person's rows:
 * 住民票（本人）, 住民票（世帯全員）, 印鑑登録証明書, 所得・課税証明書, 戸籍全部事項証明書 of 3 and of 10 pages.
 * `residents` counts the people of the pool households (3–4 each); the 戸籍 families come on top
 * (`registersPerCase` registers per page count, default 3, each with 4 or more cardholders).
 */
export async function createHttpBenchData(db: PrismaClient, opts: { runId: string; residents: number; registersPerCase?: number }): Promise<HttpBenchData> {
  const names = new NameAllocator();
  const municipalities: Municipality[] = [];
  for (const label of ["1", "2"]) {
    municipalities.push(await createServedMunicipality(db, label, { types: HTTP_TYPES, sealImage: new Uint8Array(renderOfficialSeal(`ベンチ市${label}長之印`)), taxYearsOffered: 2 }));
  }
  // Registers first: each takes most given names of one family name, which the pool has not used yet.
  const registers: Record<"3" | "10", ReturnType<typeof planRegister>[]> = { "3": [], "10": [] };
  for (const pages of ["10", "3"] as const) {
    for (let i = 0; i < (opts.registersPerCase ?? 3); i++) {
      registers[pages].push(planRegister(names, municipalities[i % municipalities.length], KOSEKI_SHAPES[pages], i, opts.runId, `p${pages}`));
    }
  }
  const households = planHouseholds(names, municipalities, opts.residents, opts.runId);
  const printableNames = names.all;
  assertDistinctNames(printableNames);

  const allHouseholds = [...households, ...registers["3"].map((r) => r.household), ...registers["10"].map((r) => r.household)];
  const allResidents = allHouseholds.flatMap((h) => h.members);
  await db.household.createMany({ data: allHouseholds.map((h) => ({ id: h.id, municipalityId: h.municipality.id, householdNo: h.no, address: h.address })) });
  await db.resident.createMany({ data: residentRows(allHouseholds, opts.runId) });
  await db.cardCertificate.createMany({ data: allResidents.flatMap((r) => (r.card ? [cardData(r.municipality.id, r.id, r.card.serial)] : [])) });
  // A 印影 of about 120 px: the family name in a red circle, as the demo seed draws it.
  const sealPng = createPersonalSealRenderer(120);
  await db.sealRegistration.createMany({
    data: allResidents.flatMap((r, k) =>
      r.seal ? [{ municipalityId: r.municipality.id, residentId: r.id, registrationNo: `BHS${opts.runId}-${k}`, registeredOn: dateOnly("2012-04-01"), sealImage: new Uint8Array(sealPng(r.name.familyName)) }] : [],
    ),
  });
  await db.taxRecord.createMany({ data: allResidents.flatMap((r, k) => (r.tax ? [taxRow(r, HTTP_BENCH_FISCAL_YEAR - 1, k), taxRow(r, HTTP_BENCH_FISCAL_YEAR, k)] : [])) });

  const allRegisters = [...registers["3"], ...registers["10"]].map((r) => r.register);
  await db.kosekiRecord.createMany({
    data: allRegisters.map((r) => ({ id: r.id, municipalityId: r.municipality.id, recordNo: r.recordNo, kind: "current" as const, honseki: r.honseki, headFamilyName: r.head.familyName, headGivenName: r.head.givenName })),
  });
  await db.kosekiMember.createMany({
    data: allRegisters.flatMap((r) =>
      r.members.map((m, i) => ({
        id: m.id,
        municipalityId: r.municipality.id,
        kosekiRecordId: r.id,
        position: i + 1,
        familyName: m.name.familyName,
        givenName: m.name.givenName,
        dateOfBirth: dateOnly(m.dob),
        sex: m.sex,
        fatherName: m.fatherName,
        motherName: m.motherName,
        relationship: m.relationship,
        spouseRole: m.spouseRole,
        removed: m.removed,
        residentId: m.resident?.id ?? null,
      })),
    ),
  });
  const eventRow = (r: RegisterPlan, memberId: string | null) => (e: EventPlan, i: number) => ({
    municipalityId: r.municipality.id,
    kosekiRecordId: r.id,
    memberId,
    position: i + 1,
    kind: e.kind,
    eventDate: dateOnly(e.eventDate),
    fields: e.fields,
  });
  await db.kosekiEvent.createMany({
    data: allRegisters.flatMap((r) => [
      ...r.events.map(eventRow(r, null)),
      ...r.members.flatMap((m) => [...m.events].sort((a, b) => (a.eventDate < b.eventDate ? -1 : a.eventDate > b.eventDate ? 1 : 0)).map(eventRow(r, m.id))),
    ]),
  });

  const apiClient = await createCentreClient(db, `bench-http-${opts.runId}`);

  // ── cases ──
  const pool = households.flatMap((h) => h.members.map((r) => ({ r, household: h })));
  const holder = (r: ResidentPlan, mustNames: string[], mayNames: string[]): HttpBenchHolder => ({
    card: { issuer: "JPKI", serial: r.card!.serial },
    municipalityCode: r.municipality.code,
    memberRef: r.id,
    mustNames,
    mayNames,
  });
  const own = (p: (r: ResidentPlan) => boolean | undefined) => pool.filter(({ r }) => r.card && p(r)).map(({ r }) => holder(r, [r.name.full], [r.name.full]));
  const residenceOptions = { includeHouseholdHeadAndRelationship: false, includeHonseki: false, includeMyNumber: false, includeForeignResidentItems: false };
  const kosekiCase = (pages: "3" | "10"): HttpBenchCase => ({
    key: `koseki-full-${pages}p`,
    label: `戸籍全部事項証明書（${pages}ページ）`,
    certificateType: "koseki-full",
    purpose: "honseki",
    options: { register: "current" },
    expectedPages: Number(pages),
    holders: registers[pages].flatMap(({ register }) => {
      const members = register.members.map((m) => m.name.full);
      return register.members.flatMap((m) => (m.resident?.card ? [holder(m.resident, members, [...members, ...register.outsiders])] : []));
    }),
  });
  const cases: HttpBenchCase[] = [
    { key: "residence-self", label: "住民票（本人）", certificateType: "residence", purpose: "residence", options: { members: "requester", ...residenceOptions }, expectedPages: 1, holders: own(() => true) },
    {
      key: "residence-household",
      label: "住民票（世帯全員）",
      certificateType: "residence",
      purpose: "residence",
      options: { members: "all", ...residenceOptions },
      // A 住民票 of 4 takes 2 pages: the case keeps one page count, so it is served to the households of 3.
      expectedPages: 1,
      holders: pool.filter(({ r, household }) => r.card && household.members.length === 3).map(({ r, household }) => {
        const all = household.members.map((x) => x.name.full);
        return holder(r, all, all);
      }),
    },
    { key: "seal", label: "印鑑登録証明書", certificateType: "seal", purpose: "residence", options: {}, expectedPages: 1, holders: own((r) => r.seal) },
    {
      key: "tax-income-assessment",
      label: "所得・課税証明書（令和8年度）",
      certificateType: "tax-income-assessment",
      purpose: "residence",
      options: { fiscalYear: HTTP_BENCH_FISCAL_YEAR },
      expectedPages: 1,
      holders: own((r) => r.tax),
    },
    kosekiCase("3"),
    kosekiCase("10"),
  ];
  return { clock: HTTP_BENCH_CLOCK, municipalities, apiClient, cases, printableNames };
}
