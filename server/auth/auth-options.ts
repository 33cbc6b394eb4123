import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { checkMfaProof } from "./mfa-proof";
import { ABSOLUTE_TIMEOUT_SECONDS, sessionTimeoutDecision } from "./session-timeouts";
import { verifyCredentials } from "./verify-credentials";

// The JWT lives at most as long as the absolute session lifetime (8 h); the idle timeout (15 min) and the
// absolute one are enforced per request in getStaffSession from signedInAt / lastActivity.
export const SESSION_MAX_AGE_SECONDS = ABSOLUTE_TIMEOUT_SECONDS;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** What the client may send with next-auth's session update (POST /api/auth/session). */
type SessionUpdate = { mfaProof?: unknown; activity?: unknown } | undefined;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "ログインID",
      credentials: { loginId: { type: "text" }, password: { type: "password" } },
      async authorize(credentials) {
        const result = await verifyCredentials(credentials);
        if (!result.ok) {
          // next-auth puts this message into the redirect as ?error=…; the sign-in page maps it to Japanese.
          throw new Error(result.code);
        }
        const s = result.staff;
        return { id: s.id, name: s.displayName, loginId: s.loginId, role: s.role, municipalityId: s.municipalityId, sessionVersion: s.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      const now = nowSeconds();
      if (user) {
        // The password step only: every session starts without MFA and must pass /login/mfa.
        const u = user as unknown as { id: string; loginId: string; role: string; municipalityId: string | null; sessionVersion: number };
        token.sub = u.id;
        token.loginId = u.loginId;
        token.role = u.role;
        token.municipalityId = u.municipalityId;
        token.sessionVersion = u.sessionVersion;
        token.signedInAt = now;
        token.lastActivity = now;
        token.mfaPassed = false;
        return token;
      }
      // Plain reads (getServerSession) return the stored token untouched: the idle check needs the stored
      // lastActivity. Only an explicit update (activity ping, MFA proof) rewrites the cookie, and never for a
      // session that has already ended, so a late ping cannot revive it.
      if (trigger === "update" && sessionTimeoutDecision(token, now) === "active") {
        const data = session as SessionUpdate;
        if (data?.mfaProof !== undefined && token.sub && typeof token.signedInAt === "number") {
          if (checkMfaProof(data.mfaProof, token.sub, token.signedInAt, now)) token.mfaPassed = true;
        }
        token.lastActivity = now;
      }
      return token;
    },
    async session({ session, token }) {
      return {
        ...session,
        staffId: token.sub,
        sessionVersion: token.sessionVersion,
        signedInAt: token.signedInAt,
        lastActivity: token.lastActivity,
        mfaPassed: token.mfaPassed === true,
      };
    },
  },
};
