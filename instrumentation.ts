// Next.js calls register() once per server process at start-up. `process.env.NEXT_RUNTIME` stays a literal
// read around everything: Next replaces it at build time, which leaves the Node-only imports out of an edge
// bundle (eslint.config.mjs allows it).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: record each request's socket address for the public throttles (server/http/peer-address.ts).
    const { installPeerAddressHook } = await import("./server/http/peer-address");
    installPeerAddressHook();
    // Methods Next cannot route (TRACE would be a 500) are carried through as OPTIONS and answered 501 by proxy.ts.
    const { installUnsupportedMethodHook } = await import("./server/http/unsupported-method-hook");
    installUnsupportedMethodHook();
    // Refuse to serve with an invalid setting (server/env.ts names it), and outside demo mode while a published
    // demo value or an unsafe setting is in place (server/startup/production-readiness.ts; scripts/start.ts
    // checks the same before starting Next).
    const { getEnv, rawEnv } = await import("./server/env");
    let env: ReturnType<typeof getEnv>;
    try {
      env = getEnv();
    } catch (e) {
      console.error(`[start] ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    }
    const { demoModeOn } = await import("./server/startup/run-mode");
    if (!demoModeOn(rawEnv())) {
      const { checkProductionReadiness, formatReadinessProblems } = await import("./server/startup/production-readiness");
      const problems = await checkProductionReadiness(rawEnv(), env.DATABASE_URL).catch((e: unknown) => [
        { setting: "DATABASE_URL", message: `could not be checked (${e instanceof Error ? e.message : String(e)}): the database must be reachable at start` },
      ]);
      if (problems.length) {
        console.error(`[start] ${formatReadinessProblems(problems)}`);
        process.exit(1);
      }
    }
    if (env.DATABASE_URL) {
      const { startMaintenance } = await import("./server/maintenance/start-maintenance");
      startMaintenance();
      const { warmUpRenderPool } = await import("./server/pdf/render-pool");
      // Not awaited: the server answers at once; the first issuance no longer pays the worker start-up.
      void warmUpRenderPool().catch(() => undefined);
      // Scheduled jobs (monthly reports). Never under a test runner; JOBS=off disables them anywhere.
      if (!env.VITEST) {
        const { startJobRunner } = await import("./server/jobs/start-job-runner");
        const { logger } = await import("./server/logger");
        void startJobRunner().catch((e) => logger.error({ err: String(e) }, "job runner did not start"));
      }
    }
  }
}
