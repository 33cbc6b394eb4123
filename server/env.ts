// The one reader of the process environment (eslint.config.mjs forbids `process.env` elsewhere). Every variable
// the README lists is parsed here, once per distinct set of values: numbers are integers in range, URLs are
// URLs, switches take only their documented words. An invalid value is an EnvError naming the variable;
// `npm start` (scripts/start.ts) and a hand-run `next start` (instrumentation.ts) refuse to start with it.
// No "server-only": the start script and the command-line tools load it before Next runs. `next build` never
// needs runtime secrets: nothing here is read at import time.
import os from "node:os";
import { z } from "zod";
import { trustedProxyHops } from "../lib/client-address";
import { parseKeyring } from "./crypto/keyring";
import { parseAllowedAddresses } from "./metrics/allowed-addresses";
import { parseDemoFlag } from "./startup/run-mode";

/** The environment as the process holds it: strings or nothing. */
export type RawEnv = Readonly<Record<string, string | undefined>>;

export class EnvError extends Error {}

// An empty value means "not set", as a shell `FOO= npm start` intends (PDF_FALLBACK_FONTS is the exception:
// empty there means "no fallback fonts"). Switches are read trimmed and in any case.
const unset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);
const word = (v: unknown) => (typeof unset(v) === "string" ? (unset(v) as string).toLowerCase() : undefined);

const text = z.string();
const url = z.url("must be a URL");
const intIn = (min: number, max: number) => {
  const message = `must be an integer from ${min} to ${max}`;
  return z.string().regex(/^-?\d+$/, message).transform(Number).pipe(z.number().int().min(min, message).max(max, message));
};
/** A documented switch: only these two words. */
const onOff = (on: string, off: string) => z.enum([on, off], `must be "${on}" or "${off}"`).transform((v) => v === on);
/** A value another module already knows how to read; its error message is kept. */
const via = <T>(read: (raw: string | undefined) => T) =>
  z.string().optional().transform((raw, ctx) => {
    try {
      return read(raw);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: e instanceof Error ? e.message : String(e) });
      return z.NEVER;
    }
  });

export const ZEnv = z
  .object({
    NODE_ENV: z.preprocess(unset, z.enum(["development", "production", "test"]).default("development")),
    // ── The README's table ──
    DATABASE_URL: z.preprocess(unset, url.optional()),
    MIGRATION_DATABASE_URL: z.preprocess(unset, url.optional()),
    APP_DATABASE_PASSWORD: z.preprocess(unset, text.optional()),
    PORT: z.preprocess(unset, intIn(1, 65_535).default(3000)),
    NEXTAUTH_URL: z.preprocess(unset, url.optional()),
    /**
     * The public address residents reach /verify at, printed in every certificate page's QR code
     * (docs/verify.md); defaults to NEXTAUTH_URL. Its own setting because the staff portal may sit on the
     * LGWAN only while the verification page must be reachable from the internet.
     */
    VERIFY_BASE_URL: z.preprocess(unset, url.optional()),
    NEXTAUTH_SECRET: z.preprocess(unset, z.string().min(32, "must be at least 32 characters").optional()),
    FIELD_ENCRYPTION_KEYS: z.preprocess(unset, text.optional()),
    FIELD_ENCRYPTION_KEY_ID: z.preprocess(unset, text.optional()),
    LOG_LEVEL: z.preprocess(word, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
    DB_POOL_MAX: z.preprocess(unset, intIn(1, 1000).default(10)),
    KONBINI_DATA_DIR: z.preprocess(unset, text.optional()),
    ISSUANCE_TIMEOUT_MS: z.preprocess(unset, intIn(1000, 600_000).default(20_000)),
    TRUSTED_PROXY_HOPS: via((raw) => trustedProxyHops({ TRUSTED_PROXY_HOPS: raw })),
    /**
     * Web pre-registrations one municipality accepts per JST day, from all callers together
     * (PRE_REGISTRATION_DAILY_CAP, default 500). The per-address limit cannot see a flood spread over many
     * addresses; each accepted application is a pending review the municipality's staff must answer within its
     * review days, so the day's total is what bounds the harm. 500 is far above what one municipality's residents
     * send in a day and small enough for staff to reject in bulk. An environment setting, not a per-municipality
     * policy: one value for the whole service until a municipality needs its own (that needs a schema column).
     * Counted in the same transaction as the insert (server/koseki-registration/submit-pre-registration.ts),
     * under a per-municipality lock.
     */
    PRE_REGISTRATION_DAILY_CAP: z.preprocess(unset, intIn(1, 1_000_000).default(500)),
    ISSUANCE_CONCURRENCY: z.preprocess(unset, intIn(1, 10_000).optional()),
    ISSUANCE_QUEUE_MAX: z.preprocess(unset, intIn(0, 1_000_000).default(256)),
    PDF_WORKERS: z.preprocess(unset, intIn(1, 64).default(() => Math.min(4, Math.max(1, os.availableParallelism())))),
    PDF_FALLBACK_FONTS: z.string().optional(),
    KIOSK_PUBLIC_ORIGIN: z.preprocess(unset, url.optional()),
    ALLOW_CLOCK_OVERRIDE: z.preprocess(word, onOff("true", "false").default(false)),
    KONBINI_DEMO: via(parseDemoFlag),
    KIOSK_SIMULATOR: z.preprocess(word, onOff("on", "off").default(true)),
    MAINTENANCE_INTERVAL_MS: z.preprocess(unset, intIn(1000, 86_400_000).default(300_000)),
    SMTP_URL: z.preprocess(unset, url.optional()),
    MAIL_FROM: z.preprocess(unset, text.default("no-reply@localhost")),
    JOBS: z.preprocess(word, onOff("on", "off").default(true)),
    /**
     * Centre failure reports (completion `failed`) that raise an alert: this many for one municipality within
     * ALERT_CENTRE_FAILURE_WINDOW_MINUTES (docs/decisions/0016). One alert per window, not one per report.
     */
    ALERT_CENTRE_FAILURE_THRESHOLD: z.preprocess(unset, intIn(1, 10_000).default(3)),
    ALERT_CENTRE_FAILURE_WINDOW_MINUTES: z.preprocess(unset, intIn(1, 10_080).default(60)),
    TEST_DATABASE_URL: z.preprocess(unset, url.optional()),
    /**
     * Days a kiosk refusal (server/refusals) is kept before maintenance deletes it (REFUSAL_RETENTION_DAYS,
     * default 400: a year of questions from residents plus a month). One value for the whole service, an
     * environment setting like PRE_REGISTRATION_DAILY_CAP: it is a data-protection limit set by the operator,
     * not a municipal preference (docs/decisions/0013-resident-inquiry.md).
     */
    REFUSAL_RETENTION_DAYS: z.preprocess(unset, intIn(1, 3650).default(400)),
    /**
     * GET /api/metrics (Prometheus): a bearer token that may read it (compared in constant time; at least 32
     * characters in production, server/startup/production-readiness.ts), and the client addresses that may read
     * it without one (IPs and CIDR ranges, comma-separated; the address as TRUSTED_PROXY_HOPS resolves it).
     * Neither set: the endpoint answers 404.
     */
    METRICS_TOKEN: z.preprocess(unset, z.string().regex(/^[A-Za-z0-9\-._~+/]+=*$/, "must be a bearer token: letters, digits and -._~+/ (e.g. `openssl rand -hex 32`)").optional()),
    METRICS_ALLOWED_ADDRESSES: via(parseAllowedAddresses),
    // ── Internal: set by the tools, not by operators ──
    /** Set by vitest: the server never starts scheduled jobs under a test runner. */
    VITEST: z.preprocess(unset, text.optional()),
    /** The demo kiosk client's secret when the seed was given another one (prisma/seed.ts). */
    DEMO_SIMULATOR_SECRET: z.preprocess(unset, text.optional()),
    /** The kiosk simulator's API client and the API it calls (server/simulator/centre.ts). */
    SIMULATOR_KEY_ID: z.preprocess(unset, text.optional()),
    SIMULATOR_API_SECRET: z.preprocess(unset, text.optional()),
    SIMULATOR_API_BASE: z.preprocess(unset, url.optional()),
    /** The PDF worker's entry file when it is not under the working directory (benchmarks). */
    PDF_WORKER_PATH: z.preprocess(unset, text.optional()),
    /** scripts/kiosk/cli.ts defaults. */
    KIOSK_URL: z.preprocess(unset, url.optional()),
    KIOSK_KEY_ID: z.preprocess(unset, text.optional()),
    KIOSK_SECRET: z.preprocess(unset, text.optional()),
    /** scripts/new-migration.ts: the git ref whose schema the new migration starts from. */
    MIGRATION_BASE_REF: z.preprocess(unset, text.optional()),
  })
  .superRefine((env, ctx) => {
    if (env.FIELD_ENCRYPTION_KEYS === undefined) return;
    try {
      parseKeyring(env.FIELD_ENCRYPTION_KEYS, env.FIELD_ENCRYPTION_KEY_ID);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["FIELD_ENCRYPTION_KEYS"], message: e instanceof Error ? e.message : String(e) });
    }
  });

export type Env = z.infer<typeof ZEnv>;
export type EnvName = keyof z.input<typeof ZEnv>;

const NAMES = Object.keys(ZEnv.shape) as EnvName[];
/** Never echoed in a message: secrets, and URLs that may carry a password. */
const CONFIDENTIAL = /SECRET|PASSWORD|_KEYS$|DATABASE_URL|SMTP_URL|_TOKEN$/;

/** Parses an environment record; an EnvError names every invalid variable and the value it had. */
export function parseEnv(source: RawEnv): Env {
  const picked = Object.fromEntries(NAMES.map((n) => [n, source[n]]));
  const parsed = ZEnv.safeParse(picked);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => {
    const name = String(i.path[0]);
    const raw = source[name];
    // Messages of the shared readers already name the variable and the value.
    if (i.message.startsWith(name)) return i.message;
    return `${name} ${i.message}${raw === undefined || CONFIDENTIAL.test(name) ? "" : ` (got "${raw}")`}`;
  });
  throw new EnvError(`invalid environment: ${detail.join("; ")}`);
}

let memo: { key: string; env: Env } | null = null;

/**
 * The parsed process environment. Parsed again only when a value changed (tests and the command-line tools
 * set variables at run time), so reading it per request costs a string comparison.
 */
export function getEnv(): Env {
  const key = JSON.stringify(NAMES.map((n) => process.env[n] ?? null));
  if (memo?.key !== key) memo = { key, env: parseEnv(process.env) };
  return memo.env;
}

/** A value the running server cannot do without (the database, the session key, the field keys). */
export function requireEnv<K extends "DATABASE_URL" | "NEXTAUTH_SECRET" | "FIELD_ENCRYPTION_KEYS">(name: K): string {
  const value = getEnv()[name];
  if (value === undefined) throw new EnvError(`invalid environment: ${name} is not set`);
  return value;
}

/**
 * The raw record, for the checks that report settings in their own words before anything is parsed (the
 * run mode, the production readiness check) and for child processes that inherit it.
 */
export function rawEnv(): RawEnv {
  return process.env;
}

/** Sets a variable for this process and the server modules it loads next (the start script and the CLIs). */
export function setEnv(name: string, value: string): void {
  process.env[name] = value;
}

/** Sets a variable only when it is not set already (`??=`). */
export function defaultEnv(name: string, value: string): string {
  return (process.env[name] ??= value);
}
