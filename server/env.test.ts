import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runScript } from "@/tests/run-script";
import { EnvError, parseEnv } from "./env";

describe("parseEnv (every variable the README lists)", () => {
  it("gives the documented defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      LOG_LEVEL: "info",
      DB_POOL_MAX: 10,
      ISSUANCE_TIMEOUT_MS: 20_000,
      TRUSTED_PROXY_HOPS: 0,
      PRE_REGISTRATION_DAILY_CAP: 500,
      ISSUANCE_QUEUE_MAX: 256,
      ALLOW_CLOCK_OVERRIDE: false,
      KIOSK_SIMULATOR: true,
      MAINTENANCE_INTERVAL_MS: 300_000,
      MAIL_FROM: "no-reply@localhost",
      JOBS: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.ISSUANCE_CONCURRENCY).toBeUndefined();
    expect(env.PDF_WORKERS).toBeGreaterThanOrEqual(1);
    expect(env.PDF_WORKERS).toBeLessThanOrEqual(4);
  });

  it("reads numbers, URLs and switches", () => {
    const env = parseEnv({
      ISSUANCE_TIMEOUT_MS: "15000",
      DB_POOL_MAX: " 40 ",
      TRUSTED_PROXY_HOPS: "1",
      PDF_WORKERS: "2",
      SMTP_URL: "smtp://user:pass@mail.example.jp:587",
      ALLOW_CLOCK_OVERRIDE: "true",
      KIOSK_SIMULATOR: "OFF",
      JOBS: "off",
      KONBINI_DEMO: "1",
    });
    expect(env).toMatchObject({ ISSUANCE_TIMEOUT_MS: 15_000, DB_POOL_MAX: 40, TRUSTED_PROXY_HOPS: 1, PDF_WORKERS: 2, ALLOW_CLOCK_OVERRIDE: true, KIOSK_SIMULATOR: false, JOBS: false, KONBINI_DEMO: true });
    expect(env.SMTP_URL).toBe("smtp://user:pass@mail.example.jp:587");
  });

  it("treats an empty value as unset, except PDF_FALLBACK_FONTS where empty means none", () => {
    expect(parseEnv({ ISSUANCE_TIMEOUT_MS: "", SMTP_URL: " " })).toMatchObject({ ISSUANCE_TIMEOUT_MS: 20_000, SMTP_URL: undefined });
    expect(parseEnv({ PDF_FALLBACK_FONTS: "" }).PDF_FALLBACK_FONTS).toBe("");
  });

  it("refuses a bad ISSUANCE_TIMEOUT_MS by name instead of leaving a NaN deadline", () => {
    for (const bad of ["abc", "20s", "1.5", "0", "-1", "999999999"]) {
      expect(() => parseEnv({ ISSUANCE_TIMEOUT_MS: bad }), bad).toThrow(EnvError);
      expect(() => parseEnv({ ISSUANCE_TIMEOUT_MS: bad }), bad).toThrow(`ISSUANCE_TIMEOUT_MS must be an integer from 1000 to 600000 (got "${bad}")`);
    }
  });

  it("names every invalid variable at once, without echoing secrets", () => {
    const bad = { PORT: "http", DATABASE_URL: "pw@ nowhere", ALLOW_CLOCK_OVERRIDE: "yes", TRUSTED_PROXY_HOPS: "11", NEXTAUTH_SECRET: "short-secret" };
    let message = "";
    try {
      parseEnv(bad);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split("; ")).toEqual([
      "invalid environment: DATABASE_URL must be a URL",
      'PORT must be an integer from 1 to 65535 (got "http")',
      "NEXTAUTH_SECRET must be at least 32 characters",
      'TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (got "11")',
      'ALLOW_CLOCK_OVERRIDE must be "true" or "false" (got "yes")',
    ]);
    expect(() => parseEnv({ FIELD_ENCRYPTION_KEYS: "k:c2hvcnQ=" })).toThrow("invalid environment: FIELD_ENCRYPTION_KEYS key k must be 32 bytes");
    expect(() => parseEnv({ KONBINI_DEMO: "maybe" })).toThrow(/KONBINI_DEMO must be "on" or "off" \(got "maybe"\)/);
    expect(() => parseEnv({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });
});

describe("npm start with an invalid setting", () => {
  it("stops before anything starts, naming the variable", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "konbini-env-"));
    try {
      const r = await runScript("scripts/start.ts", [], { ISSUANCE_TIMEOUT_MS: "20s", KONBINI_DATA_DIR: dir });
      expect(r.code, r.out).toBe(1);
      expect(r.out).toContain('[start] invalid environment: ISSUANCE_TIMEOUT_MS must be an integer from 1000 to 600000 (got "20s")');
      // No development secrets were generated and no embedded cluster was created.
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
