// The current TOTP code of a demo account, from its published secret (prisma/seed-data/service-config.ts,
// listed in docs/demo-data.md): what `npm run demo:code` prints. Pure; the caller passes the clock.
import { DEMO_TOTP_SECRETS } from "../../prisma/seed-data/service-config";
import { TOTP_STEP_SECONDS, totpCode } from "../../server/auth/totp";

export type DemoCode = { loginId: string; code: string; secondsLeft: number };

export const demoLoginIds = (): string[] => Object.keys(DEMO_TOTP_SECRETS);

/** The code at `nowMs` and the whole seconds left in its 30-second step, or null for a login id that is not a demo account. */
export function demoCode(loginId: string, nowMs: number): DemoCode | null {
  if (!Object.hasOwn(DEMO_TOTP_SECRETS, loginId)) return null;
  const stepMs = TOTP_STEP_SECONDS * 1000;
  return { loginId, code: totpCode(DEMO_TOTP_SECRETS[loginId], nowMs), secondsLeft: Math.ceil((stepMs - (nowMs % stepMs)) / 1000) };
}
