import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "./verify-credentials";

// Absolute session lifetime (8 h). The idle timeout (15 min) and MFA arrive with the portal issue.
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

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
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; loginId: string; role: string; municipalityId: string | null; sessionVersion: number };
        token.sub = u.id;
        token.loginId = u.loginId;
        token.role = u.role;
        token.municipalityId = u.municipalityId;
        token.sessionVersion = u.sessionVersion;
        token.signedInAt = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, staffId: token.sub, sessionVersion: token.sessionVersion };
    },
  },
};
