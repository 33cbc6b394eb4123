import "server-only";
import { formatJstDateTime, jstMidnight } from "@/lib/jst";
import { AUDIT_ACTOR_LABELS } from "@/lib/schemas/logs";
import { ZAuditLogExport, type AuditLogExportInput } from "@/lib/schemas/exports";
import { canonicalJson } from "../audit/canonical-json";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { csvFileNames, type DownloadFile } from "../http/download-response";
import { parseInput } from "../parse-input";
import { encodeCsvPages, type CsvCell } from "../reports/report-csv";
import { resolveAuditChain } from "./audit-chain-scope";
import { auditActorNames } from "./list-audit-events";

// The columns an auditor needs to verify the chain outside the portal: sha256(前のハッシュ値 + canonical JSON of
// {chain, seq, municipalityId, occurredAt (ISO 8601), actorType, actorId, action, targetType, targetId, details})
// is the ハッシュ値 (server/audit/audit-chain.ts). 詳細 is that canonical JSON of details (ids, codes and counts only).
export const AUDIT_CSV_HEADER = [
  "系列",
  "連番",
  "日時",
  "日時（ISO 8601）",
  "自治体ID",
  "操作者の種別",
  "操作者の種別（コード）",
  "操作者ID",
  "操作者",
  "操作",
  "対象の種別",
  "対象ID",
  "詳細",
  "前のハッシュ値",
  "ハッシュ値",
] as const;

/** Rows read per page (and per transaction) while the CSV is sent. */
export const EXPORT_PAGE_SIZE = 2000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type CsvExport = DownloadFile & { count: number; body: AsyncIterable<Uint8Array> };

/**
 * The audit log of one chain over a period (JST days, inclusive), oldest first, as CSV. The chain is the
 * viewer's as on the audit screen (their municipality's; the operator's choice). The rows are counted and the
 * export audited first, with the last sequence number of that moment as the bound: the pages read while the
 * response is sent (each its own transaction, EXPORT_PAGE_SIZE rows) give exactly the counted rows, the
 * export's own event excluded.
 */
export async function exportAuditLog({ ctx, input }: { ctx: RequestContext; input: AuditLogExportInput }): Promise<CsvExport> {
  requirePermission(ctx, "audit:read");
  const q = parseInput(ZAuditLogExport, input, "invalid export period");
  const occurredAt = { gte: jstMidnight(q.from), lt: new Date(jstMidnight(q.to).getTime() + DAY_MS) };
  const { chain, chainLabel, count, lastSeq } = await withTenant(ctx, async (tx) => {
    const scope = await resolveAuditChain(tx, ctx, q.chain);
    if (!scope) throw new AppError("municipality_not_found", "no municipality with this code");
    const last = await tx.auditEvent.findFirst({ where: { chain: scope.chain }, orderBy: { seq: "desc" }, select: { seq: true } });
    const lastSeq = last?.seq ?? 0;
    const count = await tx.auditEvent.count({ where: { chain: scope.chain, occurredAt, seq: { lte: lastSeq } } });
    await writeAuditEvent(tx, ctx, {
      municipalityId: scope.municipalityCode ? scope.chain : null,
      action: "export.audit_log",
      details: { from: q.from, to: q.to, encoding: q.encoding, count },
    });
    return { chain: scope.chain, chainLabel: scope.municipalityCode ?? "system", count, lastSeq };
  });

  async function* pages(): AsyncGenerator<CsvCell[][]> {
    yield [[...AUDIT_CSV_HEADER]];
    let after = 0;
    for (;;) {
      const where: Prisma.AuditEventWhereInput = { chain, occurredAt, seq: { gt: after, lte: lastSeq } };
      const rows = await withTenant(ctx, async (tx) => {
        const page = await tx.auditEvent.findMany({ where, orderBy: { seq: "asc" }, take: EXPORT_PAGE_SIZE });
        return { page, names: await auditActorNames(tx, page) };
      });
      if (!rows.page.length) return;
      yield rows.page.map((r): CsvCell[] => [
        r.chain,
        r.seq,
        formatJstDateTime(r.occurredAt),
        r.occurredAt.toISOString(),
        r.municipalityId ?? "",
        AUDIT_ACTOR_LABELS[r.actorType],
        r.actorType,
        r.actorId ?? "",
        r.actorId ? (rows.names.get(r.actorId) ?? "") : "",
        r.action,
        r.targetType ?? "",
        r.targetId ?? "",
        canonicalJson(r.details ?? {}),
        r.prevHash,
        r.hash,
      ]);
      after = rows.page.at(-1)!.seq;
      if (rows.page.length < EXPORT_PAGE_SIZE) return;
    }
  }

  return {
    count,
    body: encodeCsvPages(pages(), q.encoding),
    ...csvFileNames(`audit-log-${chainLabel}-${q.from}-${q.to}`, `監査記録_${chainLabel}_${q.from}_${q.to}`, q.encoding),
  };
}
