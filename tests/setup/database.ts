// Per test file: a fresh database cloned from the migrated template, DATABASE_URL pointing at it as the app
// role (row-level security applies), OWNER_DATABASE_URL as the owner for fixtures, and a test encryption key. The Prisma client singleton is reset so it connects to this file's database.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { disconnectOwnerDb } from "./owner-db";

const TEMPLATE_DB = "konbini_test_template";
const serverUrl = inject("pgServerUrl");
const name = `t_${process.env.VITEST_POOL_ID ?? "0"}_${crypto.randomBytes(4).toString("hex")}`;

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
await admin.end();

const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.OWNER_DATABASE_URL = url.toString();
const app = inject("appCredentials");
url.username = app.user;
url.password = app.password;
process.env.DATABASE_URL = url.toString();
process.env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");
process.env.FIELD_ENCRYPTION_KEYS = `test1:${crypto.randomBytes(32).toString("base64")}`;
process.env.FIELD_ENCRYPTION_KEY_ID = "test1";
process.env.LOG_LEVEL ??= "silent";

const g = globalThis as unknown as { __db?: { $disconnect(): Promise<void> } };
if (g.__db) {
  await g.__db.$disconnect();
  delete g.__db;
}

afterAll(async () => {
  await disconnectOwnerDb();
  if (g.__db) {
    await g.__db.$disconnect();
    delete g.__db;
  }
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});
