// Next.js calls register() once per server process at start-up.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.DATABASE_URL) {
    const { startMaintenance } = await import("./server/maintenance/start-maintenance");
    startMaintenance();
    const { warmUpRenderPool } = await import("./server/pdf/render-pool");
    // Not awaited: the server answers at once; the first issuance no longer pays the worker start-up.
    void warmUpRenderPool().catch(() => undefined);
  }
}
