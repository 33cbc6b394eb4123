// Next.js calls register() once per server process at start-up.
export async function register() {
  // First: record each request's socket address for the public throttles (server/http/peer-address.ts).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressHook } = await import("./server/http/peer-address");
    installPeerAddressHook();
    // Methods Next cannot route (TRACE would be a 500) are carried through as OPTIONS and answered 501 by proxy.ts.
    const { installUnsupportedMethodHook } = await import("./server/http/unsupported-method-hook");
    installUnsupportedMethodHook();
  }
  // Outside demo mode, refuse to serve while a published demo value or an unsafe setting is in place
  // (server/startup/production-readiness.ts; scripts/start.ts checks the same before starting Next).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { demoModeOn } = await import("./server/startup/run-mode");
    if (!demoModeOn()) {
      const { checkProductionReadiness, formatReadinessProblems } = await import("./server/startup/production-readiness");
      const problems = await checkProductionReadiness(process.env, process.env.DATABASE_URL).catch((e: unknown) => [
        { setting: "DATABASE_URL", message: `could not be checked (${e instanceof Error ? e.message : String(e)}): the database must be reachable at start` },
      ]);
      if (problems.length) {
        console.error(`[start] ${formatReadinessProblems(problems)}`);
        process.exit(1);
      }
    }
  }
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
