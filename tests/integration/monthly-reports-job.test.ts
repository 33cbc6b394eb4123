// The pg-boss runner as the server starts it: against a database whose pg-boss schema, queue and schedule were
// installed by the migrating owner (the template database, tests/setup/global-setup.ts), with migrate disabled.
// A job sent to the queue generates the reports; the runner stops cleanly.
import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { JOB_SCHEMA, MONTHLY_REPORTS_CRON, MONTHLY_REPORTS_QUEUE } from "@/lib/jobs";
import { ownerDb } from "@/tests/setup/owner-db";
import { startJobRunner, stopJobRunner } from "@/server/jobs/start-job-runner";
import { createServedMunicipality } from "../factories/issuance";

afterAll(() => stopJobRunner());

describe("monthly reports job", () => {
  it("is scheduled at installation and runs from the queue with migrate disabled", async () => {
    const m = await createServedMunicipality();
    const boss = await startJobRunner({ pollingIntervalSeconds: 0.5, signals: false });
    expect(boss).not.toBeNull();
    const schedules = await boss!.getSchedules();
    expect(schedules.filter((s) => s.name === MONTHLY_REPORTS_QUEUE)).toEqual([expect.objectContaining({ name: MONTHLY_REPORTS_QUEUE, cron: MONTHLY_REPORTS_CRON, timezone: "Asia/Tokyo" })]);

    const jobId = await boss!.send(MONTHLY_REPORTS_QUEUE, { month: "2026-10" });
    expect(jobId).toBeTruthy();
    let job: PgBoss.JobWithMetadata | null = null;
    for (let i = 0; i < 120; i++) {
      job = await boss!.getJobById(MONTHLY_REPORTS_QUEUE, jobId!);
      if (job && (job.state === "completed" || job.state === "failed")) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(job?.state).toBe("completed");
    const reports = await ownerDb().monthlyReport.findMany({ where: { municipalityId: m.id }, select: { month: true, trigger: true, generatedByName: true } });
    expect(reports).toEqual([{ month: "2026-10", trigger: "scheduled", generatedByName: "自動作成" }]);

    await stopJobRunner();
    // The schema is the owner's: the runtime did not (and need not) create it.
    const [{ n }] = await ownerDb().$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = '${JOB_SCHEMA}'`);
    expect(n).toBe(1);
  }, 120_000);
});
