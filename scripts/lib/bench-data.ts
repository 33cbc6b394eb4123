// Synthetic data for scripts/bench-issuance.ts, written directly with a Prisma client: two served
// municipalities (prefix 99: no real municipality), offerings and fees for 住民票 / 記載事項証明書 / 印鑑登録証明書,
// a 公印, and residents with pairwise distinct names, each the only member of a household, holding a card
// certificate and an active seal registration. Independent of tests/ (the benchmark must not import tests).
import crypto from "node:crypto";
import zlib from "node:zlib";
import { municipalityCheckDigit } from "../../lib/municipality-code";
import { myNumberCheckDigit } from "../../lib/my-number";
import { encryptField, FieldContext } from "../../server/crypto/field-encryption";
import type { Municipality, PrismaClient } from "../../server/generated/prisma/client";

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
  const fulls = out.map((n) => n.full);
  if (new Set(fulls).size !== fulls.length) throw new Error("resident names are not distinct");
  for (const a of fulls) for (const b of fulls) if (a !== b && a.includes(b)) throw new Error(`${b} is contained in ${a}`);
  return out;
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

async function createServedMunicipality(db: PrismaClient, label: string): Promise<Municipality> {
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
      sealImage: solidPng(48, [200, 30, 30]),
      sealImageMime: "image/png",
    },
  });
  await db.certificateOffering.createMany({
    data: CERTIFICATE_TYPES.map((certificateType) => ({ municipalityId: m.id, certificateType, enabled: true, copyLimit: 5, allowMyNumber: true })),
  });
  await db.fee.createMany({
    data: CERTIFICATE_TYPES.map((certificateType) => ({ municipalityId: m.id, certificateType, amount: 200, effectiveFrom: new Date("2020-04-01T00:00:00+09:00") })),
  });
  return m;
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
        const card = await tx.cardCertificate.create({
          data: {
            municipalityId: m.id,
            residentId: resident.id,
            issuer: "JPKI",
            serial: `BENCH-${opts.runId}-${k}`,
            validFrom: new Date("2024-01-01T00:00:00Z"),
            validUntil: new Date("2029-01-01T00:00:00Z"),
            cardIssuedOn: new Date("2024-01-01"),
          },
        });
        await tx.sealRegistration.create({
          data: { municipalityId: m.id, residentId: resident.id, registrationNo: `BS${opts.runId}-${k}`, registeredOn: new Date("2015-04-01"), sealImage: sealPng },
        });
        return { municipality: m, residentId: resident.id, card: { issuer: card.issuer, serial: card.serial }, name: n.full } satisfies BenchPerson;
      });
    });
    people.push(...(await Promise.all(batch)));
  }
  const client = await db.apiClient.create({
    data: {
      name: "ベンチセンター",
      keyId: `bench-${opts.runId}`,
      secretCipher: encryptField(crypto.randomBytes(24).toString("base64url"), FieldContext.apiClientSecret).cipher,
      municipalityId: null,
      // What a kiosk centre holds (issue 14 scopes); the in-process benchmark calls the verbs, not the routes.
      scopes: ["kiosk_issuance"],
    },
  });
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
