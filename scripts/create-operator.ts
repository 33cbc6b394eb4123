// The first operator account of a new installation:
//
//   npm run staff:create-operator -- --login-id ops-tanaka --name "運用 田中"
//
// Production mode seeds nothing (docs/security.md) and only an operator can create staff in the portal, so
// someone at the server creates the first one here. It prints a temporary password once; at the first sign-in
// the operator must replace it and enrol MFA, like every account an administrator creates. Audited as
// staff.user_created by the system actor "cli:create-operator". Uses DATABASE_URL (with
// MIGRATION_DATABASE_URL), or the embedded cluster under .data/pg (started for the command).
// Exit code 0 when created, 1 when refused (login id taken), 2 on usage errors.
import { hash } from "@node-rs/argon2";
import { parseArgs } from "node:util";
import { ZCreateStaffUser } from "../lib/schemas/staff";
import { writeAuditEvent } from "../server/audit/write-audit-event";
import { systemContext } from "../server/context";
import { getDb } from "../server/db";
import { withSystemScope } from "../server/db/tenant";
import { generateTemporaryPassword } from "../server/staff/temporary-password";
import { DATA_DIR, prepareDatabase } from "./lib/database";
import { appDatabasePassword, applyDevSecrets } from "./lib/dev-secrets";
import { setEnv } from "../server/env";

function usage(message: string): never {
  console.error(`create-operator: ${message}`);
  console.error('usage: npm run staff:create-operator -- --login-id LOGIN_ID --name "表示名"');
  process.exit(2);
}

let args: { "login-id"?: string; name?: string };
try {
  args = parseArgs({ args: process.argv.slice(2), options: { "login-id": { type: "string" }, name: { type: "string" } }, strict: true }).values;
} catch (e) {
  usage(e instanceof Error ? e.message : String(e));
}
const temporaryPassword = generateTemporaryPassword();
const parsed = ZCreateStaffUser.safeParse({ loginId: args["login-id"] ?? "", displayName: args.name ?? "", role: "operator", initialPassword: temporaryPassword });
if (!parsed.success) usage(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));

applyDevSecrets(DATA_DIR);
const { embedded, appUrl } = await prepareDatabase(appDatabasePassword(DATA_DIR), { command: "run staff:create-operator", log: (s) => console.error(s) });
setEnv("DATABASE_URL", appUrl);

let exitCode = 0;
try {
  const ctx = systemContext("cli:create-operator");
  const passwordHash = await hash(temporaryPassword);
  const created = await withSystemScope("create-operator", async (tx) => {
    if (await tx.staffUser.findUnique({ where: { loginId: parsed.data.loginId }, select: { id: true } })) return null;
    const user = await tx.staffUser.create({
      data: { loginId: parsed.data.loginId, displayName: parsed.data.displayName, role: "operator", municipalityId: null, passwordHash, mustChangePassword: true },
      select: { id: true },
    });
    await writeAuditEvent(tx, ctx, { action: "staff.user_created", targetType: "StaffUser", targetId: user.id, municipalityId: null, details: { role: "operator" } });
    return user;
  });
  if (!created) {
    console.error(`create-operator: the login id "${parsed.data.loginId}" is already in use; nothing was created`);
    exitCode = 1;
  } else {
    console.log(`operator "${parsed.data.loginId}" created. Temporary password (shown once): ${temporaryPassword}`);
    console.log("At the first sign-in the password must be changed and MFA (TOTP) enrolled.");
  }
} catch (e) {
  console.error(`create-operator: ${e instanceof Error ? e.message : String(e)}`);
  exitCode = 1;
} finally {
  await getDb().$disconnect();
  await embedded?.stop();
}
process.exit(exitCode);
