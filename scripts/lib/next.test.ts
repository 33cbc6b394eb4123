// A quiet, local start (issue 20): no `next` the project runs may send Next.js telemetry or print its notice.
// Checked without a server: every package.json script that runs `next` sets NEXT_TELEMETRY_DISABLED=1, every
// place under scripts/ and tests/ (and the CI script) that starts `next` goes through spawnNext, which sets it,
// and the e2e web server is given it too.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import playwrightConfig from "@/playwright.config";
import { nextEnv } from "./next";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const HOME = "scripts/lib/next.ts";
const THIS_FILE = "scripts/lib/next.test.ts"; // its samples below start nothing

/** Script names whose command runs `next` without NEXT_TELEMETRY_DISABLED=1 in front of it. */
function scriptsWithTelemetry(scripts: Record<string, string>): string[] {
  return Object.entries(scripts)
    .filter(([, command]) =>
      command.split(/&&|\|\||[;|]/).some((part) => {
        const words = part.trim().split(/\s+/);
        const assignments: string[] = [];
        while (words[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) assignments.push(words.shift()!);
        if (words[0] === "npx" || words[0] === "exec") words.shift();
        return words[0] === "next" && !assignments.includes("NEXT_TELEMETRY_DISABLED=1");
      }),
    )
    .map(([name]) => name);
}

/** Ways a file starts the `next` binary: its path under node_modules/.bin, or by name through npx or spawn. */
const STARTS_NEXT = [/\.bin["']?\s*,\s*["']next["']/, /\.bin[/\\]next\b/, /\bnpx\s+next\b/, /\b(?:spawn|spawnSync|execFile|execFileSync|exec|execSync)\(\s*["'`]next\b/];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!["node_modules", "test-results", "generated"].includes(e.name)) out.push(...sourceFiles(rel));
    } else if (/\.(?:[cm]?[jt]s|tsx|sh)$/.test(e.name) && rel !== THIS_FILE) out.push(rel);
  }
  return out;
}

describe("Next.js telemetry stays off", () => {
  it("in every package.json script that runs next", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(Object.values(pkg.scripts).some((c) => /\bnext build\b/.test(c))).toBe(true);
    expect(scriptsWithTelemetry(pkg.scripts)).toEqual([]);
  });

  it("recognises a script that runs next without it", () => {
    expect(
      scriptsWithTelemetry({
        a: "next build",
        b: "prisma generate && next start -p 3000",
        c: "NODE_ENV=production npx next build",
        d: "NEXT_TELEMETRY_DISABLED=1 next build",
        e: "FOO=1 NEXT_TELEMETRY_DISABLED=1 next dev",
        f: "tsx scripts/next-steps.ts",
      }),
    ).toEqual(["a", "b", "c"]);
  });

  it("in every process scripts/ and tests/ start: only spawnNext starts next", () => {
    const files = [...sourceFiles("scripts"), ...sourceFiles("tests"), ".ci/run", "playwright.config.ts"];
    expect(files).toContain(HOME);
    const starters = files.filter((f) => STARTS_NEXT.some((re) => re.test(fs.readFileSync(path.join(ROOT, f), "utf8"))));
    expect(starters).toEqual([HOME]);
  });

  it("recognises the ways a file can start next", () => {
    const samples = ['spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["build"])', "execFileSync('node_modules/.bin/next', ['start'])", "npx next build", 'spawn("next", ["start"])'];
    for (const s of samples) expect(STARTS_NEXT.some((re) => re.test(s)), s).toBe(true);
    expect(STARTS_NEXT.some((re) => re.test('import type { NextConfig } from "next";'))).toBe(false);
  });

  it("in spawnNext's environment, whatever the caller passes", () => {
    expect(nextEnv({ PORT: "3000" })).toEqual({ PORT: "3000", NEXT_TELEMETRY_DISABLED: "1" });
    expect(nextEnv({ NEXT_TELEMETRY_DISABLED: "" }).NEXT_TELEMETRY_DISABLED).toBe("1");
  });

  it("for the e2e web server", () => {
    const web = playwrightConfig.webServer;
    expect(web && !Array.isArray(web) ? web.env : undefined).toMatchObject({ NEXT_TELEMETRY_DISABLED: "1" });
  });
});
