// Next.js calls register() once per server process at start-up.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.DATABASE_URL) {
    const { startMaintenance } = await import("./server/maintenance/start-maintenance");
    startMaintenance();
    const { warmUpRenderPool } = await import("./server/pdf/render-pool");
    // Not awaited: the server answers at once; the first issuance no longer pays the worker start-up.
    void warmUpRenderPool().catch(() => undefined);
    // Scheduled jobs (monthly reports). Never under a test runner; JOBS=off disables them anywhere.
    if (!process.env.VITEST) {
      const { startJobRunner } = await import("./server/jobs/start-job-runner");
      const { logger } = await import("./server/logger");
      void startJobRunner().catch((e) => logger.error({ err: String(e) }, "job runner did not start"));
    }
  }
}
