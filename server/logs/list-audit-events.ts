import "server-only";
import { LOG_PAGE_SIZE, ZAuditEventList, type AuditEventListInput } from "@/lib/schemas/logs";
import { requirePermission, type RequestContext } from "../context";
import type { Tx } from "../db";
import { withTenant } from "../db/tenant";
import type { Prisma } from "../generated/prisma/client";
import { resolveAuditChain, type AuditChainScope } from "./audit-chain-scope";
import { parseInput } from "../parse-input";

export type AuditEventItem = {
  seq: number;
  occurredAt: string;
  actorType: "staff" | "api_client" | "system" | "resident";
  /** A staff member's login id or an API client's name when known, else the raw id. */
  actor: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** Ids and codes only (the writer never stores personal data), as compact JSON. */
  details: string;
};

export type AuditEventList = {
  scope: AuditChainScope | null;
  items: AuditEventItem[];
  total: number;
  page: number;
  pageCount: number;
};

/** One chain's audit events, newest first, 50 a page, for auditors, municipal admins and the operator. */
export async function listAuditEvents({ ctx, input }: { ctx: RequestContext; input: AuditEventListInput }): Promise<AuditEventList> {
  requirePermission(ctx, "audit:read");
  const q = parseInput(ZAuditEventList, input);
  return withTenant(ctx, async (tx) => {
    const scope = await resolveAuditChain(tx, ctx, q.chain);
    if (!scope) return { scope, items: [], total: 0, page: 1, pageCount: 0 };
    const where: Prisma.AuditEventWhereInput = { chain: scope.chain };
    if (q.action) where.action = { startsWith: q.action };
    const total = await tx.auditEvent.count({ where });
    const pageCount = Math.ceil(total / LOG_PAGE_SIZE);
    const page = Math.min(q.page, Math.max(pageCount, 1));
    const rows = await tx.auditEvent.findMany({
      where,
      orderBy: { seq: "desc" },
      skip: (page - 1) * LOG_PAGE_SIZE,
      take: LOG_PAGE_SIZE,
      select: { seq: true, occurredAt: true, actorType: true, actorId: true, action: true, targetType: true, targetId: true, details: true },
    });
    const names = await auditActorNames(tx, rows);
    return {
      scope,
      items: rows.map((r) => ({
        seq: r.seq,
        occurredAt: r.occurredAt.toISOString(),
        actorType: r.actorType,
        actor: r.actorId ? (names.get(r.actorId) ?? r.actorId) : null,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        details: JSON.stringify(r.details ?? {}),
      })),
      total,
      page,
      pageCount,
    };
  });
}

/** A staff member's login id or an API client's name for the actors of `rows`, by actor id (the audit screen and its export). */
export async function auditActorNames(tx: Tx, rows: ReadonlyArray<{ actorType: string; actorId: string | null }>): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.actorType === type && r.actorId).map((r) => r.actorId!))].filter(isUuid);
  const [staff, clients] = await Promise.all([
    tx.staffUser.findMany({ where: { id: { in: ids("staff") } }, select: { id: true, loginId: true } }),
    tx.apiClient.findMany({ where: { id: { in: ids("api_client") } }, select: { id: true, name: true } }),
  ]);
  return new Map<string, string>([...staff.map((s) => [s.id, s.loginId] as const), ...clients.map((c) => [c.id, c.name] as const)]);
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
