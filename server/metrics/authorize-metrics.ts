import "server-only";
import crypto from "node:crypto";
import { clientAddress } from "@/lib/client-address";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { addressAllowed } from "./allowed-addresses";

/**
 * Who may read GET /api/metrics: a request with `Authorization: Bearer <METRICS_TOKEN>`, or one from an address in
 * METRICS_ALLOWED_ADDRESSES (the client address as lib/client-address.ts resolves it with TRUSTED_PROXY_HOPS).
 * "disabled" when neither is configured (the route answers 404); a refusal throws metrics_token_invalid (401)
 * when a token is configured, metrics_address_not_allowed (403) otherwise.
 */
export function authorizeMetrics(headers: Headers): "allowed" | "disabled" {
  const env = getEnv();
  const token = env.METRICS_TOKEN;
  const addresses = env.METRICS_ALLOWED_ADDRESSES;
  if (!token && addresses.length === 0) return "disabled";
  const presented = bearerToken(headers.get("authorization"));
  if (token && presented !== null && sameSecret(presented, token)) return "allowed";
  if (addresses.length > 0 && addressAllowed(addresses, clientAddress((name) => headers.get(name), env.TRUSTED_PROXY_HOPS))) return "allowed";
  if (token) throw new AppError("metrics_token_invalid", "the metrics need Authorization: Bearer with the configured token");
  throw new AppError("metrics_address_not_allowed", "the metrics are not readable from this address");
}

function bearerToken(header: string | null): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? "");
  return match ? match[1] : null;
}

/** Compares digests of equal length, so neither the content nor the length is told by timing. */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (s: string) => crypto.createHash("sha256").update(s, "utf8").digest();
  return crypto.timingSafeEqual(digest(presented), digest(expected));
}
