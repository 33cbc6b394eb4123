// `npm run demo:code -- <login id>`: the current 確認コード (TOTP) of a demo account, so that the demo can be
// signed in to without an authenticator app. The demo accounts are enrolled at seed time with published secrets
// (docs/demo-data.md); the code is computed here from that secret with the server's own TOTP (server/auth/totp.ts),
// without the database: the secret is public, so the command reveals nothing an account outside the demo holds.
// Demo mode only (server/startup/run-mode.ts), like `npm run db:seed`; the production start refuses any account
// that still has a published secret (server/startup/production-readiness.ts).
// Exit code 0 with the code printed, 2 outside demo mode or for a login id that is not a demo account.
import { demoCode, demoLoginIds } from "./lib/demo-code";
import { resolveRunMode, RunModeError } from "../server/startup/run-mode";
import { rawEnv } from "../server/env";

function refuse(message: string): never {
  console.error(`demo-code: ${message}`);
  process.exit(2);
}

try {
  const mode = resolveRunMode(rawEnv());
  if (!mode.demo) refuse(`demo codes are printed only in demo mode, and this is production mode (${mode.why})`);
} catch (e) {
  if (!(e instanceof RunModeError)) throw e;
  refuse(e.message);
}

const args = process.argv.slice(2).filter((a) => a !== "--");
if (args.length !== 1) refuse(`usage: npm run demo:code -- <login id>   (demo accounts: ${demoLoginIds().join(", ")})`);
const result = demoCode(args[0], Date.now());
if (!result) refuse(`"${args[0]}" is not a demo account; the demo accounts are: ${demoLoginIds().join(", ")}`);
console.log(`${result.code}  確認コード for ${result.loginId}, ${result.secondsLeft} s left in this 30 s step (a code signs in once: sign in again with the next one)`);
