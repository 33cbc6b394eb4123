// Factories for issuance tests: a served municipality, cardholders in households, an API client.
import crypto from "node:crypto";
import type { RequestContext } from "@/server/context";
import { encryptField, FieldContext } from "@/server/crypto/field-encryption";
import { ownerDb } from "@/tests/setup/owner-db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { ApiClientScope } from "@/server/generated/prisma/enums";
import { createMunicipality, createResident } from "./index";
import { solidPng } from "./png";

/** 2026-11-27 (Friday) 10:00 JST: inside the default service hours. */
export const OPEN_AT = new Date("2026-11-27T10:00:00+09:00");

export async function createServedMunicipality(overrides: Partial<Prisma.MunicipalityUncheckedCreateInput> = {}) {
  // createMunicipality gives it a 公印 image unless the overrides say otherwise.
  const m = await createMunicipality(overrides);
  const db = ownerDb();
  await db.certificateOffering.createMany({
    data: (["residence", "residence_entry", "seal"] as const).map((certificateType) => ({ municipalityId: m.id, certificateType, enabled: true, copyLimit: 5, allowMyNumber: true })),
  });
  await db.fee.createMany({
    data: (["residence", "residence_entry", "seal"] as const).map((certificateType) => ({ municipalityId: m.id, certificateType, amount: 200, effectiveFrom: new Date("2020-04-01T00:00:00+09:00") })),
  });
  return m;
}

let serial = 0;

/** A household of `size` active residents; the first is the head and holds a card (and a seal registration, with `sealImage` as its 印影, when asked). */
export async function createCardholder(
  municipalityId: string,
  opts: { size?: number; seal?: boolean; sealImage?: Uint8Array<ArrayBuffer>; resident?: Partial<Prisma.ResidentUncheckedCreateInput>; card?: Partial<Prisma.CardCertificateUncheckedCreateInput>; names?: string[] } = {},
) {
  const db = ownerDb();
  const names = opts.names ?? ["一郎", "花子", "次郎", "桜", "三郎", "梅子"];
  const head = await createResident(municipalityId, { givenName: names[0], ...opts.resident });
  const members = [head];
  for (let i = 1; i < (opts.size ?? 1); i++) {
    members.push(
      await createResident(municipalityId, {
        householdId: head.householdId,
        isHouseholdHead: false,
        relationship: i === 1 ? "妻" : "子",
        givenName: names[i % names.length],
        sex: i === 1 ? "female" : "male",
        dateOfBirth: new Date(i === 1 ? "1982-08-08" : "2000-01-15"),
      }),
    );
  }
  const card = await db.cardCertificate.create({
    data: {
      municipalityId,
      residentId: head.id,
      issuer: "JPKI",
      serial: `TEST-${process.env.VITEST_POOL_ID ?? 0}-${++serial}-${crypto.randomBytes(3).toString("hex")}`,
      validFrom: new Date("2024-01-01T00:00:00Z"),
      validUntil: new Date("2029-01-01T00:00:00Z"),
      cardIssuedOn: new Date("2024-01-01"),
      ...opts.card,
    },
  });
  const seal = opts.seal
    ? await db.sealRegistration.create({
        data: { municipalityId, residentId: head.id, registrationNo: `S${serial}-${crypto.randomBytes(3).toString("hex")}`, registeredOn: new Date("2015-04-01"), sealImage: opts.sealImage ?? solidPng(40, [180, 20, 20]) },
      })
    : null;
  return { head, members, card, seal };
}

/** A client with every scope unless `scopes` says otherwise (tests of one operation need not care). */
export async function createApiClient(opts: { municipalityId?: string | null; secret?: string; scopes?: ApiClientScope[] } = {}) {
  const secret = opts.secret ?? crypto.randomBytes(24).toString("base64url");
  const client = await ownerDb().apiClient.create({
    data: {
      name: "テストセンター",
      keyId: `test-${crypto.randomBytes(6).toString("hex")}`,
      secretCipher: encryptField(secret, FieldContext.apiClientSecret).cipher,
      municipalityId: opts.municipalityId ?? null,
      scopes: opts.scopes ?? ["kiosk_issuance", "koseki_intake", "imports"],
    },
  });
  const ctx: RequestContext = { actor: { type: "api_client", id: client.id, municipalityId: client.municipalityId, scopes: client.scopes }, municipalityId: client.municipalityId, requestId: "t" };
  return { client, secret, ctx };
}

export function issueBody(municipalityCode: string, card: { issuer: string; serial: string }, certificateType: "residence" | "residence-entry" | "seal" = "residence", extra: Record<string, unknown> = {}) {
  return {
    transactionId: crypto.randomUUID(),
    terminal: { storeChain: "test-mart", storeCode: "0001", terminalId: "T1" },
    card: { issuer: card.issuer, serial: card.serial },
    municipalityCode,
    purpose: "residence" as const,
    certificateType,
    copies: 1,
    options: certificateType === "residence-entry" ? { members: "all", items: ["dateOfBirth", "address"] } : certificateType === "seal" ? {} : { members: "all", includeHouseholdHeadAndRelationship: false, includeHonseki: false, includeMyNumber: false, includeForeignResidentItems: false },
    ...extra,
  };
}
