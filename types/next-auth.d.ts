import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    staffId?: string;
    sessionVersion?: number;
    /** Unix seconds of the password sign-in (absolute timeout). */
    signedInAt?: number;
    /** Unix seconds of the last recorded activity (idle timeout). */
    lastActivity?: number;
    /** Whether this session passed the TOTP / recovery-code step. */
    mfaPassed?: boolean;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    loginId?: string;
    role?: string;
    municipalityId?: string | null;
    sessionVersion?: number;
    signedInAt?: number;
    lastActivity?: number;
    mfaPassed?: boolean;
  }
}
