// Runs a project script as its own process, as the production-start and import CLI tests do.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Runs a project script as its own process with exactly this environment (plus PATH/HOME). */
export function runScript(script: string, args: string[], env: Record<string, string>, opts: { serverOnly?: boolean } = {}): Promise<{ code: number | null; out: string }> {
  // Scripts that import server/** run as their npm entries do: node with the server-only hook and tsx.
  const [command, prefix] = opts.serverOnly
    ? [process.execPath, ["--import", "./scripts/lib/register-server-only.mjs", "--import", "tsx"]]
    : [path.join(ROOT, "node_modules", ".bin", "tsx"), []];
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, script, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? os.tmpdir(), ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}
