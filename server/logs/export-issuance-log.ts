import "server-only";
import { CERTIFICATE_NAMES, fromDbCertificateType } from "@/lib/certificate-types";
import { formatJstDateTime, jstMidnight } from "@/lib/jst";
import { ISSUANCE_STATUS_LABELS } from "@/lib/schemas/logs";
import { VOID_REASON_LABELS } from "@/lib/schemas/issuance-void";
import { ZIssuanceLogExport, type IssuanceLogExportInput } from "@/lib/schemas/exports";
import { storeChainName } from "@/lib/store-chains";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { csvFileNames } from "../http/download-response";
import { parseInput } from "../parse-input";
import { encodeCsvPages, type CsvCell } from "../reports/report-csv";
import { EXPORT_PAGE_SIZE, type CsvExport } from "./export-audit-log";

// No personal data, as on the issuance log screen: the requester is not read.
export const ISSUANCE_CSV_HEADER = [
  "発行番号",
  "団体コード",
  "証明書の種類",
  "請求の区分",
  "状態",
  "有効・無効",
  "無効にした日時",
  "無効の理由",
  "作成日時",
  "印刷完了日時",
  "コンビニチェーン",
  "店舗コード",
  "端末ID",
  "通数",
  "手数料単価（円）",
  "手数料（円）",
  "ページ数",
] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The issuance log over a period (作成日, JST days, inclusive), oldest first, as CSV: the municipality's own
 * (staff of a municipality) or, for the operator, every municipality or the one named. Counted and audited
 * first; the rows are then read a page at a time by (renderedAt, id) while the response is sent, bounded by the
 * moment of the count so a certificate rendered meanwhile does not change the file.
 */
export async function exportIssuanceLog({ ctx, input, now = new Date() }: { ctx: RequestContext; input: IssuanceLogExportInput; now?: Date }): Promise<CsvExport> {
  requirePermission(ctx, "issuances:read");
  const q = parseInput(ZIssuanceLogExport, input, "invalid export period");
  const end = new Date(Math.min(jstMidnight(q.to).getTime() + DAY_MS, now.getTime() + 1));
  const base: Prisma.IssuanceWhereInput = { renderedAt: { gte: jstMidnight(q.from), lt: end } };
  const { count, label } = await withTenant(ctx, async (tx) => {
    let municipalityId = ctx.municipalityId;
    let code = "all";
    if (!municipalityId && q.municipality) {
      const m = await tx.municipality.findUnique({ where: { code: q.municipality }, select: { id: true } });
      if (!m) throw new AppError("municipality_not_found", "no municipality with this code");
      municipalityId = m.id;
    }
    if (municipalityId) {
      base.municipalityId = municipalityId;
      code = (await tx.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { code: true } })).code;
    }
    const count = await tx.issuance.count({ where: base });
    await writeAuditEvent(tx, ctx, {
      municipalityId,
      action: "export.issuance_log",
      details: { from: q.from, to: q.to, encoding: q.encoding, count },
    });
    return { count, label: code };
  });

  async function* pages(): AsyncGenerator<CsvCell[][]> {
    yield [[...ISSUANCE_CSV_HEADER]];
    let after: { renderedAt: Date; id: string } | null = null;
    for (;;) {
      const where: Prisma.IssuanceWhereInput = after
        ? { AND: [base, { OR: [{ renderedAt: { gt: after.renderedAt } }, { renderedAt: after.renderedAt, id: { gt: after.id } }] }] }
        : base;
      const rows = await withTenant(ctx, (tx) =>
        tx.issuance.findMany({
          where,
          orderBy: [{ renderedAt: "asc" }, { id: "asc" }],
          take: EXPORT_PAGE_SIZE,
          select: {
            id: true,
            issuanceNo: true,
            certificateType: true,
            purpose: true,
            status: true,
            voidedAt: true,
            voidReason: true,
            renderedAt: true,
            completedAt: true,
            storeChain: true,
            storeCode: true,
            terminalId: true,
            copies: true,
            feePerCopy: true,
            feeTotal: true,
            pageCount: true,
            municipality: { select: { code: true } },
          },
        }),
      );
      if (!rows.length) return;
      yield rows.map((r): CsvCell[] => [
        r.issuanceNo,
        r.municipality.code,
        CERTIFICATE_NAMES[fromDbCertificateType(r.certificateType)],
        r.purpose === "honseki" ? "本籍地" : "住所地",
        ISSUANCE_STATUS_LABELS[r.status],
        r.voidedAt ? "無効" : "有効",
        r.voidedAt ? formatJstDateTime(r.voidedAt) : "",
        r.voidReason ? VOID_REASON_LABELS[r.voidReason] : "",
        formatJstDateTime(r.renderedAt),
        r.completedAt ? formatJstDateTime(r.completedAt) : "",
        storeChainName(r.storeChain),
        r.storeCode,
        r.terminalId,
        r.copies,
        r.feePerCopy,
        r.feeTotal,
        r.pageCount,
      ]);
      const last = rows.at(-1)!;
      after = { renderedAt: last.renderedAt, id: last.id };
      if (rows.length < EXPORT_PAGE_SIZE) return;
    }
  }

  return {
    count,
    body: encodeCsvPages(pages(), q.encoding),
    ...csvFileNames(`issuance-log-${label}-${q.from}-${q.to}`, `発行履歴_${label}_${q.from}_${q.to}`, q.encoding),
  };
}
