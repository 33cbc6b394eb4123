import { getCsrfToken } from "next-auth/react";

/**
 * next-auth's session update (POST /api/auth/session with { csrfToken, data }) without a SessionProvider:
 * the jwt callback receives `data` with trigger "update" and rewrites the session cookie. Used for the MFA
 * proof and the activity ping that keeps the idle timeout sliding.
 */
export async function updateSession(data: Record<string, unknown>): Promise<boolean> {
  const csrfToken = await getCsrfToken();
  if (!csrfToken) return false;
  const res = await fetch("/api/auth/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ csrfToken, data }),
    credentials: "same-origin",
  });
  return res.ok;
}
