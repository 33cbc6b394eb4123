import "server-only";
import { getDb } from "../db";

export type Health = { status: "ok" | "degraded"; database: { reachable: boolean; latencyMs: number | null } };

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    await getDb().$queryRaw`SELECT 1`;
    return { status: "ok", database: { reachable: true, latencyMs: Math.round(performance.now() - started) } };
  } catch {
    return { status: "degraded", database: { reachable: false, latencyMs: null } };
  }
}
