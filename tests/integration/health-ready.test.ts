// The health split: /api/health/live answers while the process serves (no database), /api/health/ready only while
// the database answers and every migration of the code is finished in it (read through app_finished_migrations(),
// the app role still cannot read "_prisma_migrations"). The database is made unreachable by pointing the app's
// client at a port where nothing listens, and stalled by one that accepts and never answers.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GET as liveGet } from "@/app/api/health/live/route";
import { GET as readyGet } from "@/app/api/health/ready/route";
import { GET as metricsGet } from "@/app/api/metrics/route";
import { createDb, getDb, type Db } from "@/server/db";
import { checkReadiness, expectedMigrations, type Readiness } from "@/server/health/check-readiness";
import { ownerDb } from "@/tests/setup/owner-db";

const g = globalThis as unknown as { __db?: Db };
const ROOT = path.resolve(import.meta.dirname, "../..");
/** Ports of this helper's range: nothing listens on the first; the second is the stalled "database" below. */
const CLOSED_PORT = 3718;
const STALLED_PORT = 3719;

/** Runs `fn` with the app's client pointed at `url`, then restores the file's own client. */
async function withAppDb<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const own = g.__db;
  const other = createDb(url, 2);
  g.__db = other;
  try {
    return await fn();
  } finally {
    g.__db = own;
    void other.$disconnect().catch(() => undefined);
  }
}

const unreachableUrl = () => {
  const url = new URL(process.env.DATABASE_URL!);
  url.hostname = "127.0.0.1";
  url.port = String(CLOSED_PORT);
  return url.toString();
};

async function ready(): Promise<{ status: number; body: Readiness; cache: string | null }> {
  const res = await readyGet();
  return { status: res.status, body: (await res.json()) as Readiness, cache: res.headers.get("cache-control") };
}

afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

describe("GET /api/health/live", () => {
  it("answers 200 without touching the database, also while it is unreachable", async () => {
    await withAppDb(unreachableUrl(), async () => {
      const res = liveGet();
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toEqual({ status: "ok" });
    });
  });
});

describe("GET /api/health/ready", () => {
  it("answers 200 when the database answers and every migration directory is finished in it", async () => {
    const { status, body, cache } = await ready();
    expect(status).toBe(200);
    expect(cache).toBe("no-store");
    const expected = await expectedMigrations();
    expect(expected.length).toBe(fs.readdirSync(path.join(ROOT, "prisma", "migrations")).filter((d) => fs.existsSync(path.join(ROOT, "prisma", "migrations", d, "migration.sql"))).length);
    expect(expected).toContain("20261207193000_app_finished_migrations");
    expect(body).toMatchObject({ status: "ready", failed: [], checks: { database: { ok: true }, migrations: { ok: true, expected: expected.length, pending: [] } } });
  });

  it("answers 503 naming the migrations check and the pending migration while one is not finished", async () => {
    const last = (await expectedMigrations()).at(-1)!;
    const owner = ownerDb();
    await owner.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = ${last}`;
    try {
      const { status, body, cache } = await ready();
      expect(status).toBe(503);
      expect(cache).toBe("no-store");
      expect(body).toMatchObject({ status: "not_ready", failed: ["migrations"], checks: { database: { ok: true }, migrations: { ok: false, pending: [last] } } });
    } finally {
      await owner.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = now() WHERE migration_name = ${last}`;
    }
    expect((await ready()).status).toBe(200);
  });

  it("counts a migration of the code that the database has never seen as pending (a node newer than the schema)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "konbini-migrations-"));
    try {
      for (const name of [...(await expectedMigrations()), "29991231000000_from_the_future"]) {
        fs.mkdirSync(path.join(dir, name));
        fs.writeFileSync(path.join(dir, name, "migration.sql"), "SELECT 1;\n");
      }
      fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
      const r = await checkReadiness({ migrationsDir: dir });
      expect(r).toMatchObject({ status: "not_ready", failed: ["migrations"], checks: { migrations: { ok: false, pending: ["29991231000000_from_the_future"] } } });
      // A finished migration this code does not know (a newer node migrated first) does not make it unready.
      fs.rmSync(path.join(dir, "29991231000000_from_the_future"), { recursive: true });
      fs.rmSync(path.join(dir, (await expectedMigrations()).at(-1)!), { recursive: true });
      expect((await checkReadiness({ migrationsDir: dir })).status).toBe("ready");
      // No migration directory at all: not ready, said so.
      const missing = await checkReadiness({ migrationsDir: path.join(dir, "nothing-here") });
      expect(missing).toMatchObject({ status: "not_ready", failed: ["migrations"], checks: { migrations: { ok: false, error: "the migration directory could not be read (ENOENT)" } } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers 503 naming the database check while the database is unreachable, without a driver message", async () => {
    await withAppDb(unreachableUrl(), async () => {
      const { status, body, cache } = await ready();
      expect(status).toBe(503);
      expect(cache).toBe("no-store");
      expect(body).toEqual({
        status: "not_ready",
        failed: ["database"],
        checks: { database: { ok: false, latencyMs: null, error: "the database did not answer" }, migrations: { ok: null, expected: null, pending: [] } },
      });
    });
    expect((await ready()).status).toBe(200);
  });

  it("answers within its timeout while the database accepts connections but never answers", async () => {
    const sockets = new Set<net.Socket>();
    const stalled = net.createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => stalled.listen(STALLED_PORT, "127.0.0.1", resolve));
    try {
      const url = new URL(unreachableUrl());
      url.port = String(STALLED_PORT);
      await withAppDb(url.toString(), async () => {
        const started = performance.now();
        const r = await checkReadiness({ timeoutMs: 500 });
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(r).toMatchObject({ status: "not_ready", failed: ["database"], checks: { database: { ok: false, error: "no answer within 500 ms" } } });
      });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => stalled.close(resolve));
    }
  });

  it("the app role reads the finished names through the function, not the table", async () => {
    const names = await getDb().$queryRaw<{ name: string }[]>`SELECT name FROM app_finished_migrations() AS t(name)`;
    expect(names.map((n) => n.name)).toEqual(await expectedMigrations());
    await expect(getDb().$queryRawUnsafe(`SELECT migration_name FROM "_prisma_migrations"`)).rejects.toThrow(/permission denied/i);
  });
});

describe("GET /api/metrics while the database is unreachable", () => {
  it("still answers, without the pending-notices series, and counts the failed reading", async () => {
    process.env.METRICS_TOKEN = "health-test-metrics-token-0123456789abcdef";
    await withAppDb(unreachableUrl(), async () => {
      const res = await metricsGet(new Request("http://localhost/api/metrics", { headers: { authorization: `Bearer ${process.env.METRICS_TOKEN}` } }));
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toMatch(/^konbini_notices_pending\{/m);
      expect(text).toMatch(/^konbini_metrics_collect_errors_total\{source="notices"\} 1$/m);
    });
  });
});
