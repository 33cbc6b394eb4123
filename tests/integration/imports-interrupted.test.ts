// Interrupted imports: a job whose process died is closed as `interrupted` (one audit event) by the sweep,
// never one still held by a live process (its advisory lock, here held by a separate connection as the app
// role, under row-level security); and upload spool directories of dead processes are removed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { receiveUpload } from "@/server/http/read-request-body";
import { importJobLockKey } from "@/server/imports/import-job-lock";
import { sweepInterruptedImports } from "@/server/imports/sweep-interrupted-imports";
import { removeOrphanUploadDirs } from "@/server/maintenance/remove-orphan-upload-dirs";
import { runMaintenance } from "@/server/maintenance/start-maintenance";
import { ownerDb } from "@/tests/setup/owner-db";
import { createMunicipality } from "../factories";
import { importText, RESIDENT_KEYS, residentRow, toCsv } from "../factories/imports";

async function openJob(municipalityId: string, status: "running" | "pending" = "running") {
  return ownerDb().importJob.create({ data: { municipalityId, feed: "residents", mode: "full", source: "cli", status, startedAt: status === "running" ? new Date() : null } });
}

/** A connection of the app role holding the job's lock, as a live import process does. */
async function holdLock(jobId: string) {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  expect((await c.query("SELECT current_user AS u")).rows[0].u).not.toBe(new URL(process.env.OWNER_DATABASE_URL!).username);
  await c.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [importJobLockKey(jobId)]);
  return c;
}

const events = (jobId: string) => ownerDb().auditEvent.findMany({ where: { targetId: jobId }, orderBy: { seq: "asc" } });

describe("interrupted imports", () => {
  it("leaves a job whose lock a live connection holds, and marks it interrupted once that connection is gone", async () => {
    const m = await createMunicipality();
    const job = await openJob(m.id);
    const holder = await holdLock(job.id);
    try {
      await sweepInterruptedImports();
      await runMaintenance();
      expect(await ownerDb().importJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "running", finishedAt: null, errorCode: null });
      expect(await events(job.id)).toEqual([]);
    } finally {
      await holder.end(); // the process dies: PostgreSQL releases its session locks
    }
    expect(await runMaintenance()).toMatchObject({ interruptedImports: 1 });
    const closed = await ownerDb().importJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(closed).toMatchObject({ status: "interrupted", errorCode: "import_interrupted" });
    expect(closed.finishedAt).not.toBeNull();
    expect(closed.errors).toEqual([{ line: null, column: null, message: expect.stringContaining("途中で停止") }]);
    // Exactly one audit event, on the municipality's chain; a second pass changes nothing.
    expect(await sweepInterruptedImports()).toEqual({ interrupted: 0, completed: 0 });
    const audit = await events(job.id);
    expect(audit.map((a) => [a.action, a.municipalityId])).toEqual([["import.interrupted", m.id]]);
    expect(audit[0].details).toMatchObject({ feed: "residents", mode: "full", source: "cli", previousStatus: "running" });
    expect(await verifyAuditChain(ownerDb(), m.id)).toMatchObject({ ok: true });
  });

  it("marks a pending job that never started (nobody holds its lock)", async () => {
    const m = await createMunicipality();
    const job = await openJob(m.id, "pending");
    expect(await sweepInterruptedImports()).toMatchObject({ interrupted: 1 });
    expect(await ownerDb().importJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "interrupted" });
    expect((await events(job.id)).map((a) => a.action)).toEqual(["import.interrupted"]);
  });

  it("never touches an import running in this process (its connection holds the lock from before the job row exists)", async () => {
    const m = await createMunicipality();
    let seen: unknown = null;
    const result = await importText({
      municipalityId: m.id,
      feed: "residents",
      text: toCsv(RESIDENT_KEYS, [residentRow(), residentRow()]),
      beforeCommit: async () => {
        const running = await ownerDb().importJob.findFirstOrThrow({ where: { municipalityId: m.id } });
        seen = await sweepInterruptedImports();
        expect(await ownerDb().importJob.findUniqueOrThrow({ where: { id: running.id } })).toMatchObject({ status: "running" });
      },
    });
    expect(seen).toEqual({ interrupted: 0, completed: 0 });
    expect(result).toMatchObject({ status: "succeeded", rowsInserted: 2 });
    expect((await events(result.jobId)).map((a) => a.action)).toEqual(["import.succeeded"]);
  });

  it("closes as succeeded a job whose process died after its commit (its import.succeeded event exists)", async () => {
    const m = await createMunicipality();
    const result = await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, [residentRow(), residentRow(), residentRow()]) });
    await ownerDb().importJob.update({ where: { id: result.jobId }, data: { status: "running", finishedAt: null, rowsInserted: 0 } });
    expect(await sweepInterruptedImports()).toEqual({ interrupted: 0, completed: 1 });
    expect(await ownerDb().importJob.findUniqueOrThrow({ where: { id: result.jobId } })).toMatchObject({ status: "succeeded", rowsTotal: 3, rowsInserted: 3 });
    expect((await events(result.jobId)).map((a) => a.action)).toEqual(["import.succeeded"]);
  });
});

describe("upload spool directories", () => {
  /** The pid of a process that has exited. */
  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((resolve) => child.on("exit", resolve));
    return child.pid!;
  }

  function spoolDir(root: string, name: string, ageMs: number) {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { mode: 0o700 });
    fs.writeFileSync(path.join(dir, "body"), "住民番号,氏\r\nR1,山川\r\n");
    const t = new Date(Date.now() - ageMs);
    fs.utimesSync(dir, t, t);
    return dir;
  }

  it("removes the directories of dead processes older than a minute, and keeps those of live ones", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "spool-sweep-test-"));
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      const dead = await deadPid();
      const orphan = spoolDir(root, `konbini-upload-${dead}-aB3dE9`, 120_000);
      const fresh = spoolDir(root, `konbini-upload-${dead}-xY7zQ1`, 5_000);
      const live = spoolDir(root, `konbini-upload-${sleeper.pid}-Qw8eR2`, 120_000);
      const own = spoolDir(root, `konbini-upload-${process.pid}-Zx5cV4`, 120_000);
      const legacy = spoolDir(root, "konbini-upload-Lm3nB6", 2 * 24 * 3_600_000);
      const unrelated = spoolDir(root, `other-${dead}-dir`, 120_000);
      expect(await removeOrphanUploadDirs({ root })).toBe(2);
      expect([orphan, fresh, live, own, legacy, unrelated].map((d) => fs.existsSync(d))).toEqual([false, true, true, true, false, true]);
    } finally {
      sleeper.kill("SIGKILL");
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("names an upload's directory after the process that owns it", async () => {
    const upload = await receiveUpload(new Request("http://localhost/x", { method: "POST", body: "abc" }), { maxBytes: 1024 });
    try {
      expect(path.basename(path.dirname(upload.path))).toMatch(new RegExp(`^konbini-upload-${process.pid}-`));
    } finally {
      await upload.cleanup();
    }
  });
});
