// Local secrets for a developer machine: generated once under .data/ (git-ignored), never committed.
// Production sets NEXTAUTH_SECRET and FIELD_ENCRYPTION_KEYS in the environment and this file is not used.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { defaultEnv, getEnv, setEnv } from "../../server/env";

type DevSecrets = { nextAuthSecret: string; fieldEncryptionKeys: string; fieldEncryptionKeyId: string; appDatabasePassword?: string };

/**
 * The password of the app's database role on this machine: APP_DATABASE_PASSWORD, or one generated once
 * into .data/dev-secrets.json (stable, so a second process, e.g. `npm run import`, can still connect).
 */
export function appDatabasePassword(dataDir: string): string {
  const configured = getEnv().APP_DATABASE_PASSWORD;
  if (configured) return configured;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "dev-secrets.json");
  const secrets = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Partial<DevSecrets>) : {};
  if (!secrets.appDatabasePassword) {
    secrets.appDatabasePassword = crypto.randomBytes(24).toString("base64url");
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets.appDatabasePassword;
}

export function applyDevSecrets(dataDir: string): void {
  const env = getEnv();
  if (env.NEXTAUTH_SECRET && env.FIELD_ENCRYPTION_KEYS) return;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "dev-secrets.json");
  let secrets: DevSecrets;
  if (fs.existsSync(file)) {
    secrets = JSON.parse(fs.readFileSync(file, "utf8")) as DevSecrets;
  } else {
    secrets = {
      nextAuthSecret: crypto.randomBytes(32).toString("base64url"),
      fieldEncryptionKeys: `dev1:${crypto.randomBytes(32).toString("base64")}`,
      fieldEncryptionKeyId: "dev1",
    };
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    console.log(`[start] generated development secrets in ${path.relative(process.cwd(), file)}`);
  }
  defaultEnv("NEXTAUTH_SECRET", secrets.nextAuthSecret);
  if (!env.FIELD_ENCRYPTION_KEYS) {
    setEnv("FIELD_ENCRYPTION_KEYS", secrets.fieldEncryptionKeys);
    setEnv("FIELD_ENCRYPTION_KEY_ID", secrets.fieldEncryptionKeyId);
  }
}
