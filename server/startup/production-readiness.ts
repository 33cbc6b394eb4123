// The production start-up check: outside demo mode the server refuses to start while a setting or a row
// would leave it open with published values — a demo account with the published password, a staff account
// whose TOTP secret is a published demo one, the demo kiosk client or its secret, missing secrets, an http
// portal address, a test convenience switched on.
// Run by scripts/start.ts before anything is built or started, and again by instrumentation.ts inside the
// Next process, so a `next start` run by hand refuses too. No "server-only": the start script imports it.
import { verify } from "@node-rs/argon2";
import pg from "pg";
import { DEMO_PASSWORD, DEMO_SIMULATOR_DEFAULT_SECRET, DEMO_SIMULATOR_KEY_ID, DEMO_TOTP_SECRETS, staffPlans } from "../../prisma/seed-data/service-config";
import { base32Decode } from "../auth/totp";
import { decryptField, FieldContext, KeyringError, parseKeyring } from "../crypto/field-encryption";
import { type Env } from "./run-mode";

/** One reason not to start, naming the setting (or the data) to change. */
export type ReadinessProblem = { setting: string; message: string };

function isHttps(url: string | undefined): boolean {
  try {
    return url ? new URL(url).protocol === "https:" : false;
  } catch {
    return false;
  }
}

/** Settings only. */
export function checkProductionSettings(env: Env): ReadinessProblem[] {
  const problems: ReadinessProblem[] = [];
  const secret = env.NEXTAUTH_SECRET ?? "";
  if (secret.length < 32) {
    problems.push({ setting: "NEXTAUTH_SECRET", message: `${secret ? "is shorter than 32 characters" : "is not set"}: set a random value of at least 32 characters (e.g. \`openssl rand -base64 32\`)` });
  }
  try {
    parseKeyring(env.FIELD_ENCRYPTION_KEYS, env.FIELD_ENCRYPTION_KEY_ID);
  } catch (e) {
    if (!(e instanceof KeyringError)) throw e;
    problems.push({ setting: "FIELD_ENCRYPTION_KEYS", message: `${e.message}: set "<key id>:<32 random bytes in base64>" (docs/operations.md), and keep it outside the database backups` });
  }
  const url = env.NEXTAUTH_URL;
  if (!isHttps(url)) {
    problems.push({ setting: "NEXTAUTH_URL", message: `${url ? `"${url}" is not an https:// address` : "is not set"}: set the portal's public https:// address (sessions and cookies are only safe behind TLS)` });
  }
  // Printed in every certificate's QR code (docs/verify.md); unset, it is NEXTAUTH_URL, checked above.
  const verifyUrl = env.VERIFY_BASE_URL;
  if (verifyUrl !== undefined && verifyUrl !== "" && !isHttps(verifyUrl)) {
    problems.push({ setting: "VERIFY_BASE_URL", message: `"${verifyUrl}" is not an https:// address: set the public https:// address of the certificate verification page (it is printed on every certificate)` });
  }
  // GET /api/metrics answers to its bearer token: one guessable by trying would open it to anyone who can reach it.
  const metricsToken = env.METRICS_TOKEN?.trim() ?? "";
  if (metricsToken && metricsToken.length < 32) {
    problems.push({ setting: "METRICS_TOKEN", message: "is shorter than 32 characters: set a random value of at least 32 characters (e.g. `openssl rand -hex 32`), or unset it and allow the Prometheus server's address with METRICS_ALLOWED_ADDRESSES" });
  }
  if (env.ALLOW_CLOCK_OVERRIDE === "true") {
    problems.push({ setting: "ALLOW_CLOCK_OVERRIDE", message: "lets a caller choose the time a request is judged at (a test convenience): unset it" });
  }
  return problems;
}

/**
 * Data: demo staff accounts that still have the published password, any active staff account whose TOTP
 * secret (enrolled or pending) is a published demo secret, and the demo kiosk client (by key id, or any active
 * client whose secret is the published one). Reads across municipalities as system work. Secrets are compared
 * in memory and never printed.
 */
export async function checkProductionData(databaseUrl: string, env: Env): Promise<ReadinessProblem[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let staff: { loginId: string; passwordHash: string }[];
  let mfa: { loginId: string; mfaSecretCipher: string }[];
  let clients: { keyId: string; secretCipher: string; previousSecretCipher: string | null }[];
  try {
    await client.query("BEGIN READ ONLY");
    // The app role sees rows only with a tenant scope (row-level security); this is system work.
    await client.query("SELECT set_config('app.municipality_id', '', true), set_config('app.all_municipalities', 'on', true)");
    const demoIds = staffPlans().map((s) => s.loginId);
    staff = (await client.query(`SELECT "loginId", "passwordHash" FROM "StaffUser" WHERE status = 'active' AND "loginId" = ANY($1)`, [demoIds])).rows;
    mfa = (await client.query(`SELECT "loginId", "mfaSecretCipher" FROM "StaffUser" WHERE status = 'active' AND "mfaSecretCipher" IS NOT NULL ORDER BY "loginId"`)).rows;
    clients = (await client.query(`SELECT "keyId", "secretCipher", "previousSecretCipher" FROM "ApiClient" WHERE status = 'active'`)).rows;
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  const problems: ReadinessProblem[] = [];
  for (const s of staff) {
    if (await verify(s.passwordHash, DEMO_PASSWORD).catch(() => false)) {
      problems.push({ setting: `staff account "${s.loginId}"`, message: "is a demo account with the published demo password: disable it or change its password" });
    }
  }
  let ring: ReturnType<typeof parseKeyring> | null = null;
  try {
    ring = parseKeyring(env.FIELD_ENCRYPTION_KEYS, env.FIELD_ENCRYPTION_KEY_ID);
  } catch {
    ring = null; // reported by checkProductionSettings
  }
  // Any account, not only the demo login ids: a secret copied from docs/demo-data.md is public wherever it is.
  if (ring) {
    const demoTotp = new Set(Object.values(DEMO_TOTP_SECRETS).map(totpKey));
    for (const m of mfa) {
      const secret = decryptOrNull(m.mfaSecretCipher, FieldContext.mfaSecret, ring);
      if (secret !== null && demoTotp.has(totpKey(secret))) {
        problems.push({ setting: `staff account "${m.loginId}"`, message: "has a published demo TOTP secret (docs/demo-data.md): reset its MFA (職員アカウント → 2段階認証のリセット) or disable it" });
      }
    }
  }
  const publishedSecrets = new Set([DEMO_SIMULATOR_DEFAULT_SECRET, env.DEMO_SIMULATOR_SECRET].filter((s): s is string => Boolean(s)));
  for (const c of clients) {
    if (c.keyId === DEMO_SIMULATOR_KEY_ID) {
      problems.push({ setting: `API client "${c.keyId}"`, message: "is the demo kiosk simulator's client: revoke it on the API client screen (APIクライアント)" });
      continue;
    }
    if (!ring) continue;
    const secrets = [c.secretCipher, c.previousSecretCipher].filter((x): x is string => Boolean(x)).map((cipher) => decryptOrNull(cipher, FieldContext.apiClientSecret, ring));
    if (secrets.some((s) => s !== null && publishedSecrets.has(s))) {
      problems.push({ setting: `API client "${c.keyId}"`, message: "uses the published demo secret: rotate its secret" });
    }
  }
  return problems;
}

/** A stored secret, or null under a key no longer configured (then not the published secret's concern). */
function decryptOrNull(cipher: string, context: string, ring: ReturnType<typeof parseKeyring>): string | null {
  try {
    return decryptField(cipher, context, ring);
  } catch {
    return null;
  }
}

/** A TOTP secret as its bytes (hex): base32 written in another case or with spaces is the same secret. */
function totpKey(base32: string): string {
  try {
    return base32Decode(base32).toString("hex");
  } catch {
    return `unreadable:${base32.length}`;
  }
}

/** Settings first; the data is checked only when a database URL is given and the settings allow decrypting. */
export async function checkProductionReadiness(env: Env, databaseUrl: string | undefined): Promise<ReadinessProblem[]> {
  const problems = checkProductionSettings(env);
  if (databaseUrl) problems.push(...(await checkProductionData(databaseUrl, env)));
  return problems;
}

/** The message printed when the server refuses to start. */
export function formatReadinessProblems(problems: ReadinessProblem[]): string {
  return [
    "refusing to start in production mode (not demo mode): fix these settings first",
    ...problems.map((p) => `  - ${p.setting} ${p.message}`),
    "Demo mode (demo data, the kiosk simulator, generated secrets) runs only on the embedded database: unset DATABASE_URL, MIGRATION_DATABASE_URL and NODE_ENV=production.",
  ].join("\n");
}
