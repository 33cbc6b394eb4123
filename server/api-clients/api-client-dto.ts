import "server-only";
import { randomBytes } from "node:crypto";
import type { ApiClientScopeName } from "@/lib/schemas/api-client";
import type { ApiClient } from "../generated/prisma/client";
import type { ApiClientScope } from "../generated/prisma/enums";

// The client-safe scope list (lib/schemas/api-client.ts) and the database enum must name the same scopes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _scopesMatch: Same<ApiClientScopeName, ApiClientScope> = true;
void _scopesMatch;

/** An API client as the operator screens show it: never a secret, not even encrypted. */
export type ApiClientDto = {
  id: string;
  name: string;
  keyId: string;
  municipality: { code: string; name: string } | null;
  status: "active" | "revoked";
  scopes: ApiClientScope[];
  createdAt: string;
  rotatedAt: string | null;
  previousValidUntil: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

export const apiClientDtoSelect = {
  id: true,
  name: true,
  keyId: true,
  status: true,
  scopes: true,
  createdAt: true,
  rotatedAt: true,
  previousValidUntil: true,
  revokedAt: true,
  lastUsedAt: true,
  municipality: { select: { code: true, name: true } },
} as const;

type Row = Pick<ApiClient, "id" | "name" | "keyId" | "status" | "scopes" | "createdAt" | "rotatedAt" | "previousValidUntil" | "revokedAt" | "lastUsedAt"> & {
  municipality: { code: string; name: string } | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toApiClientDto(c: Row): ApiClientDto {
  return {
    id: c.id,
    name: c.name,
    keyId: c.keyId,
    municipality: c.municipality,
    status: c.status,
    scopes: c.scopes,
    createdAt: c.createdAt.toISOString(),
    rotatedAt: iso(c.rotatedAt),
    previousValidUntil: iso(c.previousValidUntil),
    revokedAt: iso(c.revokedAt),
    lastUsedAt: iso(c.lastUsedAt),
  };
}

/** A new shared secret: 32 random bytes, base64url (shown to the operator once, stored only encrypted). */
export function generateApiSecret(): string {
  return randomBytes(32).toString("base64url");
}
