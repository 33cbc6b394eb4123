import "server-only";
import { IMPORT_INTERRUPTED } from "@/lib/import-feeds";
import { writeAuditEvent } from "../audit/write-audit-event";
import { systemContext } from "../context";
import { withSystemScope } from "../db/tenant";
import { logger } from "../logger";
import { tryTakeImportJobLock } from "./import-job-lock";
import { raiseAlert } from "../alerts/raise-alert";

const INTERRUPTED_MESSAGE = "取込の処理が途中で停止したため（サーバーやコマンドの終了など）、何も取り込んでいません。もう一度取り込んでください。";

/**
 * Closes the import jobs whose process died: a job still `pending` or `running` whose advisory lock
 * (import-job-lock.ts) nobody holds has no live process behind it — the import's connection would hold the
 * lock, whichever node or command line runs it. Such a job is marked `interrupted` with finishedAt and one
 * `import.interrupted` audit event; its transaction had not committed, so nothing of it was imported.
 * One exception: a process killed between its commit and the closing of its job left the data committed with
 * its `import.succeeded` audit event — that job is closed as succeeded, with the counts from that event.
 * Run at start-up and by every maintenance pass; idempotent, and safe on several nodes at once (each job is
 * closed under its lock, and only while it is still open).
 */
export async function sweepInterruptedImports(now = new Date()): Promise<{ interrupted: number; completed: number }> {
  const open = await withSystemScope("import-sweep", (tx) =>
    tx.importJob.findMany({ where: { status: { in: ["pending", "running"] } }, select: { id: true }, orderBy: { createdAt: "asc" }, take: 500 }),
  );
  let interrupted = 0;
  let completed = 0;
  for (const { id } of open) {
    const outcome = await withSystemScope("import-sweep", async (tx) => {
      if (!(await tryTakeImportJobLock(tx, id))) return null; // a live process runs it
      const job = await tx.importJob.findUnique({ where: { id } });
      if (!job || (job.status !== "pending" && job.status !== "running")) return null; // closed meanwhile
      const succeeded = await tx.auditEvent.findFirst({ where: { municipalityId: job.municipalityId, targetType: "ImportJob", targetId: id, action: "import.succeeded" }, select: { details: true } });
      if (succeeded) {
        const d = (succeeded.details ?? {}) as Record<string, unknown>;
        const n = (k: string) => (typeof d[k] === "number" ? (d[k] as number) : 0);
        await tx.importJob.update({
          where: { id },
          data: { status: "succeeded", rowsTotal: n("rowsTotal"), rowsInserted: n("inserted"), rowsUpdated: n("updated"), rowsRemoved: n("removed"), finishedAt: now },
        });
        return "completed" as const;
      }
      await tx.importJob.update({
        where: { id },
        data: { status: "interrupted", finishedAt: now, errorCode: IMPORT_INTERRUPTED, errors: [{ line: null, column: null, message: INTERRUPTED_MESSAGE }] },
      });
      await writeAuditEvent(tx, systemContext("import-sweep"), {
        action: "import.interrupted",
        targetType: "ImportJob",
        targetId: id,
        municipalityId: job.municipalityId,
        details: { feed: job.feed, mode: job.mode, source: job.source, previousStatus: job.status, startedAt: job.startedAt?.toISOString() ?? null },
      });
      // An interrupted import is a failed import for the municipality's recipients (docs/decisions/0016).
      await raiseAlert(tx, {
        municipalityId: job.municipalityId,
        kind: "import_failed",
        dedupeKey: `import:${id}`,
        payload: { importJobId: id, feed: job.feed, mode: job.mode, source: job.source, rowsTotal: job.rowsTotal, errorCount: 0, errorCode: IMPORT_INTERRUPTED },
        now,
      });
      return "interrupted" as const;
    });
    if (outcome === "interrupted") interrupted++;
    if (outcome === "completed") completed++;
    if (outcome) logger.warn({ importJobId: id, outcome }, "import job closed by the sweep: its process is gone");
  }
  return { interrupted, completed };
}
