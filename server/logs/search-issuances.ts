import "server-only";
import { fromDbCertificateType, toDbCertificateType, type CertificateTypeId } from "@/lib/certificate-types";
import { ISSUANCE_NO_FULL, LOG_PAGE_SIZE, ZIssuanceSearch, type IssuanceSearchInput, type IssuanceStatusName } from "@/lib/schemas/logs";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import type { Prisma } from "../generated/prisma/client";
import { jstMidnight } from "../service-calendar/jst";
import { parseInput } from "../parse-input";

export type IssuanceListItem = {
  id: string;
  issuanceNo: string;
  municipality: { code: string; name: string };
  certificateType: CertificateTypeId;
  status: IssuanceStatusName;
  copies: number;
  feeTotal: number;
  storeChain: string;
  terminalId: string;
  renderedAt: string;
  completedAt: string | null;
  /** Declared void (無効) at this time; null while valid. */
  voidedAt: string | null;
};

export type IssuanceSearchResult = {
  items: IssuanceListItem[];
  total: number;
  page: number;
  pageCount: number;
  /** The operator's municipality filter named a code that does not exist. */
  unknownMunicipality: boolean;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The issuance log, newest first, 50 a page. Staff of a municipality see only theirs (from ctx); the
 * operator sees every municipality and may filter by one. No personal data: the requester is not read.
 */
export async function searchIssuances({ ctx, input }: { ctx: RequestContext; input: IssuanceSearchInput }): Promise<IssuanceSearchResult> {
  requirePermission(ctx, "issuances:read");
  const q = parseInput(ZIssuanceSearch, input);
  return withTenant(ctx, async (tx) => {
    const where: Prisma.IssuanceWhereInput = {};
    if (ctx.municipalityId) {
      where.municipalityId = ctx.municipalityId;
    } else if (q.municipality) {
      const m = await tx.municipality.findUnique({ where: { code: q.municipality }, select: { id: true } });
      if (!m) return { items: [], total: 0, page: 1, pageCount: 0, unknownMunicipality: true };
      where.municipalityId = m.id;
    }
    if (q.issuanceNo) where.issuanceNo = ISSUANCE_NO_FULL.test(q.issuanceNo) ? q.issuanceNo : { startsWith: q.issuanceNo };
    if (q.from || q.to) {
      const renderedAt: Prisma.DateTimeFilter = {};
      if (q.from) renderedAt.gte = jstMidnight(q.from);
      // "to" is inclusive: up to the end of that JST day.
      if (q.to) renderedAt.lt = new Date(jstMidnight(q.to).getTime() + DAY_MS);
      where.renderedAt = renderedAt;
    }
    if (q.type) where.certificateType = toDbCertificateType(q.type);
    if (q.status) where.status = q.status;
    if (q.validity) where.voidedAt = q.validity === "void" ? { not: null } : null;

    const total = await tx.issuance.count({ where });
    const pageCount = Math.ceil(total / LOG_PAGE_SIZE);
    const page = Math.min(q.page, Math.max(pageCount, 1));
    const rows = await tx.issuance.findMany({
      where,
      orderBy: [{ renderedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * LOG_PAGE_SIZE,
      take: LOG_PAGE_SIZE,
      select: {
        id: true,
        issuanceNo: true,
        certificateType: true,
        status: true,
        copies: true,
        feeTotal: true,
        storeChain: true,
        terminalId: true,
        renderedAt: true,
        completedAt: true,
        voidedAt: true,
        municipality: { select: { code: true, name: true } },
      },
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        issuanceNo: r.issuanceNo,
        municipality: r.municipality,
        certificateType: fromDbCertificateType(r.certificateType),
        status: r.status,
        copies: r.copies,
        feeTotal: r.feeTotal,
        storeChain: r.storeChain,
        terminalId: r.terminalId,
        renderedAt: r.renderedAt.toISOString(),
        completedAt: r.completedAt?.toISOString() ?? null,
        voidedAt: r.voidedAt?.toISOString() ?? null,
      })),
      total,
      page,
      pageCount,
      unknownMunicipality: false,
    };
  });
}
