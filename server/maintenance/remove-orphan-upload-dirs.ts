import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { logger } from "../logger";

// server/http/read-request-body.ts (receiveUpload) spools each upload (an import file: personal data) to
// <tmpdir>/konbini-upload-<pid>-XXXXXX and removes it when the request ends. A killed process cannot: this
// sweep removes the directories whose owning process is no longer alive. The age floor keeps it off a
// directory whose pid was just reused or that another process is still creating.
const WITH_PID = /^konbini-upload-(\d+)-[^/]+$/;
// Directories of the earlier naming carry no pid: removed once older than any upload can run.
const WITHOUT_PID = /^konbini-upload-[^-/]+$/;
const LEGACY_MIN_AGE_MS = 24 * 3_600_000;

export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes upload spool directories left by dead processes; returns how many were removed. */
export async function removeOrphanUploadDirs(opts: { root?: string; now?: Date; minAgeMs?: number } = {}): Promise<number> {
  const root = opts.root ?? os.tmpdir();
  const now = (opts.now ?? new Date()).getTime();
  const minAgeMs = opts.minAgeMs ?? 60_000;
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(root, { withFileTypes: true });
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const owner = WITH_PID.exec(entry.name);
    if (!owner && !WITHOUT_PID.test(entry.name)) continue;
    if (owner && Number(owner[1]) !== process.pid && isProcessAlive(Number(owner[1]))) continue;
    if (owner && Number(owner[1]) === process.pid) continue; // ours: the request that made it removes it
    const dir = path.join(root, entry.name);
    const stat = await fs.promises.stat(dir).catch(() => null);
    if (!stat || now - stat.mtimeMs < (owner ? minAgeMs : LEGACY_MIN_AGE_MS)) continue;
    await fs.promises.rm(dir, { recursive: true, force: true }).then(
      () => removed++,
      (e: unknown) => logger.warn({ err: String(e) }, "could not remove an orphaned upload directory"),
    );
  }
  if (removed) logger.info({ removed }, "removed upload directories of processes that are gone");
  return removed;
}
