import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientAddress } from "@/lib/client-address";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import { isServedOverHttps } from "@/lib/security-headers";
import { getEnv } from "../env";
import { checkMfaProof } from "./mfa-proof";
import { ABSOLUTE_TIMEOUT_SECONDS, sessionTimeoutDecision } from "./session-timeouts";
import { verifyCredentials } from "./verify-credentials";

// The JWT lives at most as long as the absolute session lifetime (8 h); the idle timeout (15 min) and the
// absolute one are enforced per request in getStaffSession from signedInAt / lastActivity.
export const SESSION_MAX_AGE_SECONDS = ABSOLUTE_TIMEOUT_SECONDS;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** What the client may send with next-auth's session update (POST /api/auth/session). */
type SessionUpdate = { mfaProof?: unknown; activity?: unknown } | undefined;

/**
 * The caller's address for the per-address sign-in limit, as the public forms take it (lib/client-address.ts):
 * next-auth hands authorize() the request headers as a plain object with lower-case names.
 */
function signInClientKey(headers: Record<string, unknown> | undefined): string {
  const header = (name: string) => (typeof headers?.[name] === "string" ? (headers[name] as string) : null);
  return clientAddress(header, getEnv().TRUSTED_PROXY_HOPS);
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Behind TLS (an https NEXTAUTH_URL) the session cookie is `__Secure-next-auth.session-token`, Secure and
  // HttpOnly, and the CSRF cookie `__Host-`: a browser never sends them over plain http, and a sibling
  // subdomain or an http response cannot plant them. Pinned to the configured address, as HSTS is
  // (lib/security-headers.ts), rather than left to next-auth's default, its detected origin (which, with
  // AUTH_TRUST_HOST and no NEXTAUTH_URL, follows the request's X-Forwarded-Proto). Nothing reads the cookie by
  // name: getServerSession and the route handler both take these options.
  useSecureCookies: isServedOverHttps(getEnv().NEXTAUTH_URL),
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "ログインID",
      credentials: { loginId: { type: "text" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const result = await verifyCredentials(credentials, new Date(), signInClientKey(req?.headers));
        if (!result.ok) {
          // next-auth puts this message into the redirect as ?error=…; the sign-in page maps it to Japanese.
          // A throttled account answers invalid_credentials like an unknown id (verify-credentials.ts).
          throw new Error(result.code);
        }
        const s = result.staff;
        return { id: s.id, name: s.displayName, loginId: s.loginId, role: s.role, municipalityId: s.municipalityId, sessionVersion: s.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // Every callbackUrl next-auth follows (the ?callbackUrl= of its routes, the callback-url cookie, signOut's
    // callbackUrl) passes the same check as the sign-in pages. The answer must stay absolute: next-auth's
    // client reads it with new URL().
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackUrl(url, baseUrl, { allowAbsoluteSameOrigin: true })}`;
    },
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
