// The server under test, started the way an operator starts it: `npm start`'s script (scripts/start.ts) as a
// child process on its own embedded PostgreSQL under a throwaway data directory, in demo mode (demo data, the
// demo kiosk client, the clock override so that service hours hold whatever the real time is). Faults are
// applied to the real processes: SIGKILL of the app, an immediate shutdown of PostgreSQL, SIGSTOP of the
// whole cluster. A second app node (`next start` on another port, same database) for the two-process scenario.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { embeddedUrl } from "../../scripts/lib/embedded-postgres";
import { spawnNext } from "../../scripts/lib/next";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export type RunState = { pid: number; pgPort: number; appPid?: number; appPort?: number };

export class ServerUnderTest {
  readonly baseUrl: string;
  readonly log: string[] = [];
  private proc: ChildProcess | null = null;
  private nodes: ChildProcess[] = [];

  constructor(
    readonly dataDir: string,
    readonly port: number,
    readonly env: Record<string, string> = {},
  ) {
    this.baseUrl = `http://localhost:${port}`;
  }

  private record(prefix: string, chunk: Buffer) {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) this.log.push(`${prefix}${line}`);
  }

  /** `node --import tsx scripts/start.ts` (what `npm start` runs), with a fresh data directory the first time. */
  async start(opts: { fresh?: boolean } = {}): Promise<void> {
    fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o755 });
    const proc = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", ...(opts.fresh ? ["--fresh"] : [])], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(this.port),
        KONBINI_DATA_DIR: this.dataDir,
        NEXTAUTH_URL: this.baseUrl,
        ALLOW_CLOCK_OVERRIDE: "true",
        LOG_LEVEL: "info",
        ...this.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc.stdout!.on("data", (c: Buffer) => this.record("", c));
    proc.stderr!.on("data", (c: Buffer) => this.record("", c));
    this.proc = proc;
    await this.waitHealthy(240_000);
  }

  state(): RunState {
    return JSON.parse(fs.readFileSync(path.join(this.dataDir, "run.json"), "utf8")) as RunState;
  }

  /** The embedded cluster's superuser: the invariant queries read every tenant's rows. */
  ownerUrl(): string {
    return embeddedUrl(this.state().pgPort, "konbini");
  }

  postmasterPid(): number | null {
    try {
      const pid = Number(fs.readFileSync(path.join(this.dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
      process.kill(pid, 0);
      return pid;
    } catch {
      return null;
    }
  }

  /** The postmaster and every backend and auxiliary process of the cluster. */
  clusterPids(): number[] {
    const master = this.postmasterPid();
    if (!master) return [];
    const pids = [master];
    for (const name of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === master) pids.push(Number(name));
      } catch {
        // gone meanwhile
      }
    }
    return pids;
  }

  async healthy(baseUrl = this.baseUrl): Promise<boolean> {
    try {
      const res = await fetch(`${baseUrl}/api/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  async waitHealthy(timeoutMs: number, baseUrl = this.baseUrl): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (await this.healthy(baseUrl)) return Date.now() - started;
      if (this.proc && this.proc.exitCode !== null && baseUrl === this.baseUrl) throw new Error(`the server exited (${this.proc.exitCode}):\n${this.log.slice(-30).join("\n")}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${baseUrl} not healthy within ${timeoutMs} ms:\n${this.log.slice(-30).join("\n")}`);
  }

  /** SIGKILL of the app process (next start); npm start's supervision starts it again. */
  killApp(): number {
    const { appPid } = this.state();
    if (!appPid) throw new Error("run.json names no app process");
    process.kill(appPid, "SIGKILL");
    return appPid;
  }

  /** A second app node: `next start` on another port with the first one's database and secrets. */
  async startSecondNode(port: number): Promise<string> {
    const secrets = JSON.parse(fs.readFileSync(path.join(this.dataDir, "dev-secrets.json"), "utf8")) as { nextAuthSecret: string; fieldEncryptionKeys: string; fieldEncryptionKeyId: string; appDatabasePassword: string };
    const url = new URL(this.ownerUrl());
    url.username = "konbini_app";
    url.password = secrets.appDatabasePassword;
    const baseUrl = `http://localhost:${port}`;
    const node = spawnNext(["start", "-p", String(port)], {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        NEXTAUTH_SECRET: secrets.nextAuthSecret,
        NEXTAUTH_URL: baseUrl,
        FIELD_ENCRYPTION_KEYS: secrets.fieldEncryptionKeys,
        FIELD_ENCRYPTION_KEY_ID: secrets.fieldEncryptionKeyId,
        KONBINI_DEMO: "1",
        ALLOW_CLOCK_OVERRIDE: "true",
        JOBS: "off",
        ...this.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    node.stdout!.on("data", (c: Buffer) => this.record(`[node ${port}] `, c));
    node.stderr!.on("data", (c: Buffer) => this.record(`[node ${port}] `, c));
    this.nodes.push(node);
    await this.waitHealthy(60_000, baseUrl);
    return baseUrl;
  }

  async stopSecondNodes(): Promise<void> {
    for (const n of this.nodes.splice(0)) {
      if (n.exitCode !== null || n.signalCode !== null) continue;
      const exited = new Promise((r) => n.once("exit", r));
      n.kill("SIGTERM");
      await exited;
    }
  }

  /** Ctrl-C: npm start stops the app and PostgreSQL; resolves with its exit code. */
  async stop(): Promise<number | null> {
    await this.stopSecondNodes();
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return proc?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
    proc.kill("SIGINT");
    const forced = setTimeout(() => proc.kill("SIGKILL"), 60_000);
    const code = await exited;
    clearTimeout(forced);
    this.proc = null; // a later start is another process (the supervision scenario runs npm start itself)
    return code;
  }

  /** Lines of the server's log matching a pattern (e.g. how many "unhandled error" lines a fault caused). */
  count(pattern: RegExp, since = 0): number {
    return this.log.slice(since).filter((l) => pattern.test(l)).length;
  }
}
