// The specs create what they change and count (STYLE.md §13) with the integration tests' factories
// (tests/factories), written as the database owner straight into the e2e server's embedded PostgreSQL:
// its port is in run.json under the server's data directory (playwright.config.ts sets KONBINI_DATA_DIR), and
// the personal fields are encrypted with the server's development keys from dev-secrets.json beside it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { embeddedUrl } from "../../../scripts/lib/embedded-postgres";
import { KioskClient } from "../../../scripts/kiosk/client";
import { municipalityCheckDigit } from "../../../lib/municipality-code";
import { createStaffUser, TEST_PASSWORD } from "../../factories";
import { createApiClient, createServedMunicipality } from "../../factories/issuance";
import { createKosekiMunicipality } from "../../factories/koseki-registration";
import { createTenant } from "../../factories/tenant";
import { ownerDb } from "../../setup/owner-db";
import type { StaffRole } from "../../../server/generated/prisma/enums";
import type { Account } from "./sign-in";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

/** Points the factories at the e2e server's database (once per worker process). */
function pointAtServerDatabase(): void {
  if (process.env.OWNER_DATABASE_URL) return;
  // The same directory as playwright.config.ts gives the server.
  const dataDir = path.join(ROOT, ".data", `e2e-${process.env.E2E_PORT ?? 3100}`);
  const run = JSON.parse(fs.readFileSync(path.join(dataDir, "run.json"), "utf8")) as { pgPort: number | null };
  if (!run.pgPort) throw new Error(`no embedded PostgreSQL recorded in ${dataDir}/run.json`);
  const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "dev-secrets.json"), "utf8")) as { fieldEncryptionKeys: string; fieldEncryptionKeyId: string };
  process.env.OWNER_DATABASE_URL = embeddedUrl(run.pgPort, "konbini");
  process.env.FIELD_ENCRYPTION_KEYS = secrets.fieldEncryptionKeys;
  process.env.FIELD_ENCRYPTION_KEY_ID = secrets.fieldEncryptionKeyId;
}

/**
 * A code no municipality of the server has, with a correct check digit: 97xxx (the factories use 99xxx within
 * one vitest database; here several specs and reruns share one database, so the code is drawn and checked).
 */
async function freeMunicipalityCode(): Promise<string> {
  for (;;) {
    const first5 = `97${String(crypto.randomInt(1000)).padStart(3, "0")}`;
    const code = first5 + municipalityCheckDigit(first5);
    if (!(await ownerDb().municipality.findUnique({ where: { code } }))) return code;
  }
}

type Kind = "市" | "区" | "町";

/** A free code, and a name and mayor's title of its own ("試験" and the code) that no other municipality contains. */
async function ownMunicipalityFields(kind: Kind = "市") {
  pointAtServerDatabase();
  const code = await freeMunicipalityCode();
  const kana = { 市: "シケンシ", 区: "シケンク", 町: "シケンチョウ" }[kind];
  return { code, name: `試験${code}${kind}`, nameKana: kana, prefecture: "長野県", mayorTitle: `試験${code}${kind}長` };
}

/**
 * An active municipality of the spec's own, served (住民票, 記載事項証明書, 印鑑登録証明書 with fees; the 戸籍
 * types too with `koseki`).
 */
export async function createE2eMunicipality(opts: { koseki?: boolean; kind?: Kind } = {}) {
  const fields = await ownMunicipalityFields(opts.kind);
  return opts.koseki ? createKosekiMunicipality(fields) : createServedMunicipality(fields);
}

/**
 * A whole tenant of the spec's own (tests/factories/tenant.ts): staff, a cardholder, a 戸籍, an incident, stops.
 * Its emergency stop is a past one here, so that the kiosk issues for its other cardholders.
 */
export async function createE2eTenant(kind?: Kind) {
  const tenant = await createTenant(await ownMunicipalityFields(kind));
  const emergencyStop = await ownerDb().emergencyStop.update({
    where: { id: tenant.emergencyStop.id },
    data: { startedAt: new Date("2026-11-01T00:00:00Z"), endedAt: new Date("2026-11-01T01:00:00Z") },
  });
  return { ...tenant, emergencyStop };
}

/** A staff account of `municipalityId` (null: an operator) with a password and no MFA yet: the first sign-in enrols. */
export async function createE2eStaff(municipalityId: string | null, role: StaffRole, opts: { loginId?: string; displayName?: string } = {}): Promise<Account & { id: string }> {
  pointAtServerDatabase();
  const loginId = opts.loginId ?? `e2e-${role.replace(/_/g, "-")}-${crypto.randomBytes(4).toString("hex")}`;
  const user = await createStaffUser({ municipalityId, role, loginId, ...(opts.displayName ? { displayName: opts.displayName } : {}) });
  return { id: user.id, loginId, password: TEST_PASSWORD };
}

/** The sign-in of a staff user a factory made (they all have the factories' password). */
export const accountOf = (user: { loginId: string }): Account => ({ loginId: user.loginId, password: TEST_PASSWORD });

/** A kiosk client of the spec's own (its own key), confined to `municipalityId` (null: a centre serving all), judging at `clockOverride`. */
export async function createE2eKioskClient(baseUrl: string, municipalityId: string | null, clockOverride?: string): Promise<KioskClient> {
  pointAtServerDatabase();
  const { client, secret } = await createApiClient({ municipalityId, scopes: ["kiosk_issuance", "koseki_intake"] });
  return new KioskClient({ baseUrl, keyId: client.keyId, secret, clockOverride });
}

/** Any factory of tests/factories, after pointing them at the server's database. */
export function factories<T>(make: () => Promise<T>): Promise<T> {
  pointAtServerDatabase();
  return make();
}
