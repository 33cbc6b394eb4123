// `npm run demo:code`: the code of a demo account from its published secret (the function, on a fixed clock),
// the secrets docs/demo-data.md publishes (the same as the seed's), and the command as its own process: a code in
// demo mode, exit 2 outside it and for a login id that is not a demo account.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_TOTP_SECRETS, staffPlans } from "@/prisma/seed-data/service-config";
import { base32Decode, TOTP_SECRET_BYTES, totpStep, verifyTotp } from "@/server/auth/totp";
import { runScript } from "@/tests/run-script";
import { demoCode } from "./lib/demo-code";

const ROOT = path.resolve(import.meta.dirname, "..");
const STEP_START = Date.parse("2026-12-07T03:00:00Z"); // a multiple of 30 s

describe("demoCode", () => {
  it("is the code the server's verifier accepts for the account's secret at that instant, with the seconds left in its step", () => {
    const at = STEP_START + 12_400;
    const r = demoCode("setagaya-admin", at)!;
    expect(r.code).toMatch(/^\d{6}$/);
    expect(verifyTotp(DEMO_TOTP_SECRETS["setagaya-admin"], r.code, at)).toBe(totpStep(at / 1000));
    // Another account's secret gives another code.
    expect(verifyTotp(DEMO_TOTP_SECRETS["setagaya-clerk"], r.code, at)).toBeNull();
    expect(r.secondsLeft).toBe(18);
    expect(demoCode("setagaya-admin", STEP_START)!.secondsLeft).toBe(30);
    expect(demoCode("setagaya-admin", STEP_START + 29_500)!.secondsLeft).toBe(1);
  });

  it("knows only the demo accounts", () => {
    for (const id of ["nobody", "SETAGAYA-ADMIN", "__proto__", "toString", ""]) expect(demoCode(id, STEP_START), id).toBeNull();
  });
});

describe("the published demo TOTP secrets", () => {
  it("are one per demo account, distinct, 160 bits each", () => {
    expect(staffPlans().map((s) => s.loginId).sort()).toEqual(Object.keys(DEMO_TOTP_SECRETS).sort());
    expect(new Set(Object.values(DEMO_TOTP_SECRETS)).size).toBe(staffPlans().length);
    for (const s of staffPlans()) {
      expect(s.totpSecret, s.loginId).toBe(DEMO_TOTP_SECRETS[s.loginId]);
      expect(base32Decode(s.totpSecret).length, s.loginId).toBe(TOTP_SECRET_BYTES);
    }
  });

  it("are the ones docs/demo-data.md lists, account by account", () => {
    const doc = fs.readFileSync(path.join(ROOT, "docs", "demo-data.md"), "utf8");
    const listed = Object.fromEntries([...doc.matchAll(/^\| `([a-z-]+)` \|.*\| `([A-Z2-7]{32})` \|$/gm)].map((m) => [m[1], m[2]]));
    expect(listed).toEqual(DEMO_TOTP_SECRETS);
  });
});

describe("npm run demo:code (the command)", () => {
  it("prints a 6-digit code and the seconds left in demo mode", async () => {
    const r = await runScript("scripts/demo-code.ts", ["setagaya-admin"], {});
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/^\d{6} {2}確認コード for setagaya-admin, ([1-9]|[12]\d|30) s left in this 30 s step/);
  }, 60_000);

  it("refuses a login id that is not a demo account, and a missing one, with exit 2", async () => {
    const unknown = await runScript("scripts/demo-code.ts", ["ops-tanaka"], {});
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('"ops-tanaka" is not a demo account; the demo accounts are: operator, setagaya-admin');
    expect(unknown.out).not.toMatch(/\d{6}/);
    const missing = await runScript("scripts/demo-code.ts", [], {});
    expect(missing.code).toBe(2);
    expect(missing.out).toContain("usage: npm run demo:code -- <login id>");
  }, 60_000);

  it("refuses outside demo mode (production, an external database, KONBINI_DEMO=off) with exit 2", async () => {
    const envs: Record<string, string>[] = [{ NODE_ENV: "production" }, { DATABASE_URL: "postgresql://konbini_app@db.example.jp/konbini" }, { KONBINI_DEMO: "off" }];
    for (const env of envs) {
      const r = await runScript("scripts/demo-code.ts", ["setagaya-admin"], env);
      expect(r.code, JSON.stringify(env)).toBe(2);
      expect(r.out).toContain("demo codes are printed only in demo mode, and this is production mode");
      expect(r.out).not.toMatch(/\d{6}/);
    }
  }, 60_000);
});
