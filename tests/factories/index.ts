// Test factories: each test creates what it uses (never the demo seed). Unique values come from a counter
// so parallel files and repeated calls never collide.
import { hash } from "@node-rs/argon2";
import { ownerDb } from "@/tests/setup/owner-db";
import { encryptField, FieldContext } from "@/server/crypto/field-encryption";
import { municipalityCheckDigit } from "@/lib/municipality-code";
import { myNumberCheckDigit } from "@/lib/my-number";
import type { Prisma } from "@/server/generated/prisma/client";
import { solidPng } from "./png";

let counter = 0;
const next = () => ++counter;

/** A valid-looking municipality code with a correct check digit (prefix 99: no real municipality). */
export function fakeMunicipalityCode(): string {
  const first5 = `99${String((next() * 7919 + Number(process.env.VITEST_POOL_ID ?? 0) * 97) % 1000).padStart(3, "0")}`;
  return first5 + municipalityCheckDigit(first5);
}

export function fakeMyNumber(seed = next()): string {
  const first11 = String(10_000_000_000 + ((seed * 2654435761) % 89_999_999_999)).slice(0, 11);
  return first11 + myNumberCheckDigit(first11);
}

/**
 * An active municipality with a 公印 image (none is served without one). `sealImage: null` makes one without
 * (its MIME is cleared too, unless given).
 */
export async function createMunicipality(overrides: Partial<Prisma.MunicipalityUncheckedCreateInput> = {}) {
  const n = next();
  const seal = overrides.sealImage === null ? { sealImage: null, sealImageMime: null } : { sealImage: solidPng(48), sealImageMime: "image/png" };
  return ownerDb().municipality.create({
    data: {
      code: fakeMunicipalityCode(),
      name: `テスト市${n}`,
      nameKana: `テストシ${n}`,
      prefecture: "テスト県",
      kind: "city",
      mayorTitle: `テスト市${n}長`,
      mayorName: "試験 太郎",
      status: "active",
      ...seal,
      ...overrides,
    },
  });
}

export const TEST_PASSWORD = "correct horse battery staple";

export async function createStaffUser(overrides: Partial<Prisma.StaffUserUncheckedCreateInput> & { password?: string } = {}) {
  const { password = TEST_PASSWORD, ...rest } = overrides;
  return ownerDb().staffUser.create({
    data: {
      loginId: `staff-${next()}-${Math.random().toString(36).slice(2, 8)}`,
      displayName: "テスト 職員",
      role: "clerk",
      passwordHash: await hash(password),
      ...rest,
    },
  });
}

export async function createResident(municipalityId: string, overrides: Partial<Prisma.ResidentUncheckedCreateInput> & { myNumber?: string } = {}) {
  const n = next();
  const { myNumber = fakeMyNumber(n), ...rest } = overrides;
  const db = ownerDb();
  const household =
    rest.householdId ??
    (await db.household.create({ data: { municipalityId, householdNo: `H${n}`, address: `テスト県テスト市本町${n}番地` } })).id;
  const enc = encryptField(myNumber, FieldContext.myNumber);
  return db.resident.create({
    data: {
      municipalityId,
      householdId: household,
      residentNo: `R${n}`,
      familyName: "山川",
      givenName: `一郎${n}`,
      familyNameKana: "ヤマカワ",
      givenNameKana: "イチロウ",
      dateOfBirth: new Date("1980-04-01"),
      sex: "male",
      isHouseholdHead: true,
      relationship: "世帯主",
      becameResidentOn: new Date("2008-05-10"),
      addressSetOn: new Date("2020-03-01"),
      myNumberCipher: enc.cipher,
      myNumberKeyId: enc.keyId,
      ...rest,
    },
  });
}
