// Demo mode versus production: the one switch that decides whether demo data, demo secrets and test
// conveniences (the kiosk simulator, generated development secrets, an http portal address, the clock
// override) may exist. No "server-only": scripts/start.ts and scripts/db.ts resolve it before Next runs.
//
// `npm start` resolves the mode once (resolveRunMode) and hands it to the Next process as KONBINI_DEMO=1 or 0;
// the server itself (instrumentation.ts, the simulator) only reads that flag (demoModeOn). A `next start`
// run by hand without KONBINI_DEMO is production.

export class RunModeError extends Error {}

/** The environment these checks read: the raw record (server/env.ts rawEnv()), or a plain record in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

export type RunMode = { demo: boolean; why: string };

const ON = new Set(["1", "on", "true", "yes"]);
const OFF = new Set(["0", "off", "false", "no"]);

/**
 * Demo mode is the default for the embedded database only. It is never on with NODE_ENV=production or an
 * external database (DATABASE_URL / MIGRATION_DATABASE_URL): asking for it there is refused, so demo data
 * can never be written into a real database by `npm start`.
 */
export function resolveRunMode(env: Env): RunMode {
  const flag = parseDemoFlag(env.KONBINI_DEMO);
  const external = Boolean(env.DATABASE_URL || env.MIGRATION_DATABASE_URL);
  const production = env.NODE_ENV === "production";
  if (flag === true) {
    if (production) throw new RunModeError("KONBINI_DEMO=on is refused with NODE_ENV=production: unset KONBINI_DEMO (demo data never goes into production)");
    if (external) throw new RunModeError("KONBINI_DEMO=on is refused with an external DATABASE_URL / MIGRATION_DATABASE_URL: demo mode runs only on the embedded database; unset KONBINI_DEMO or the database URL");
    return { demo: true, why: "KONBINI_DEMO=on" };
  }
  if (flag === false) return { demo: false, why: "KONBINI_DEMO=off" };
  if (production) return { demo: false, why: "NODE_ENV=production" };
  if (external) return { demo: false, why: "an external DATABASE_URL" };
  return { demo: true, why: "the embedded database (the default)" };
}

/** KONBINI_DEMO as a switch: true (on/1/true/yes), false (off/0/false/no) or not set; anything else is refused. */
export function parseDemoFlag(value: string | undefined): boolean | undefined {
  const raw = value?.trim().toLowerCase();
  if (!raw) return undefined;
  if (ON.has(raw)) return true;
  if (OFF.has(raw)) return false;
  throw new RunModeError(`KONBINI_DEMO must be "on" or "off" (got "${value}")`);
}

/** The flag the running server reads: set to 1 by `npm start` in demo mode only. */
export function demoModeOn(env: Env): boolean {
  return ON.has(env.KONBINI_DEMO?.trim().toLowerCase() ?? "");
}
