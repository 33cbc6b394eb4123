// Creates prisma/migrations/<timestamp>_<name>/migration.sql by diffing the schema as last committed
// (git HEAD) against the working-tree schema. `prisma migrate dev` needs a shadow database; diffing two
// datamodels needs none and runs on the bundled wasm engine. Usage: npm run db:new-migration -- <name>
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./lib/embedded-postgres";
import { getEnv } from "../server/env";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <snake_case_name>");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
const schemaPath = "prisma/schema.prisma";
const ref = getEnv().MIGRATION_BASE_REF ?? "HEAD";

let previous: string | null = null;
try {
  previous = execFileSync("git", ["show", `${ref}:${schemaPath}`], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
} catch {
  previous = null; // no committed schema yet: diff from empty
}
// A committed schema without any committed migration means the first migration is still being written.
const migrationsDir = path.join(root, "prisma", "migrations");
const hasMigrations = fs.existsSync(migrationsDir) && fs.readdirSync(migrationsDir).some((d) => /^\d{14}_/.test(d));
if (!hasMigrations) previous = null;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "migration-"));
fs.chmodSync(tmp, 0o755); // the embedded cluster runs as the unprivileged "postgres" user
const prevFile = path.join(tmp, "previous.prisma");
if (previous !== null) fs.writeFileSync(prevFile, previous);

const args = ["prisma", "migrate", "diff", "--script", "--to-schema-datamodel", schemaPath];
args.push(...(previous === null ? ["--from-empty"] : ["--from-schema-datamodel", prevFile]));
// The CLI, configured with the pg driver adapter, connects even to diff two datamodels: give it a
// throwaway embedded cluster unless DATABASE_URL points at a server.
const scratch = getEnv().DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), persistent: false, fsync: false });
let sql: string;
try {
  sql = execFileSync("npx", args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: getEnv().DATABASE_URL ?? scratch!.url() },
  });
} finally {
  await scratch?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (!/\S/.test(sql.replace(/^--.*$/gm, ""))) {
  console.log("schema unchanged since", ref, "- no migration written");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
if (!fs.existsSync(path.join(migrationsDir, "migration_lock.toml"))) {
  fs.writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
}
console.log("wrote", path.relative(root, dir) + "/migration.sql");
