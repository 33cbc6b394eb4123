// Starts one throwaway embedded PostgreSQL for the integration run (or uses TEST_DATABASE_URL, a server
// URL whose user may create databases), creates a template database and applies the migrations to it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { enableAppLogin, ensureDatabase, migrateAll } from "../../scripts/lib/database";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";

export const TEMPLATE_DB = "konbini_test_template";
const APP_TEST_PASSWORD = "konbini-app-test";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    appCredentials: { user: string; password: string };
  }
}

export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | null = null;
  let dir: string | null = null;
  if (!serverUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "konbini-test-pg-"));
    fs.chmodSync(dir, 0o755); // the cluster runs as the unprivileged postgres user
    // Commit timestamps let concurrency tests check commit order (the counter-block test).
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), persistent: false, fsync: false, extraFlags: ["-c", "track_commit_timestamp=on"] });
    serverUrl = pg.url();
    stop = pg.stop;
  }
  const url = new URL(serverUrl);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.end();
  await ensureDatabase(serverUrl, TEMPLATE_DB);
  url.pathname = `/${TEMPLATE_DB}`;
  await migrateAll(url.toString());
  // The code under test connects as the app role (row-level security applies); the owner sets up fixtures.
  const appUrl = new URL(await enableAppLogin(url.toString(), APP_TEST_PASSWORD));
  project.provide("pgServerUrl", serverUrl);
  project.provide("appCredentials", { user: decodeURIComponent(appUrl.username), password: APP_TEST_PASSWORD });
  return async () => {
    await stop?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}


