// Every `next` process the project starts (npm start's build and server, `npm run dev`, the fault harness's
// second node) is spawned here, with NEXT_TELEMETRY_DISABLED=1: an LGWAN server has no internet and must not try
// to send Next.js telemetry, and a first start should not print its notice. package.json scripts that call
// `next` set the variable themselves; scripts/lib/next.test.ts fails on a script or a spawn site without it.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const NEXT_BIN = path.join(ROOT, "node_modules", ".bin", "next");

/** `env` for a `next` process: telemetry off, whatever `env` says. */
export function nextEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return { ...env, NEXT_TELEMETRY_DISABLED: "1" };
}

/** `next <args>` in the project root; `env` is required, so every caller says what the process sees. */
export function spawnNext(args: string[], options: Omit<SpawnOptions, "env"> & { env: Readonly<Record<string, string | undefined>> }): ChildProcess {
  return spawn(NEXT_BIN, args, { cwd: ROOT, ...options, env: nextEnv(options.env) as unknown as NodeJS.ProcessEnv });
}
