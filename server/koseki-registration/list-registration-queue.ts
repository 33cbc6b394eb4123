import "server-only";
import { ZRegistrationQueue, type RegistrationQueueInput, type RegistrationStatusName } from "@/lib/schemas/koseki-registration";
import { jstDateString } from "@/lib/jst";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import type { Prisma } from "../generated/prisma/client";
import type { NoticeStatus } from "../generated/prisma/enums";
import { isOverdue } from "./business-days";
import { ymdOf } from "./intake";
import { parseInput } from "../parse-input";

export const QUEUE_PAGE_SIZE = 20;

export type QueueItem = {
  id: string;
  receiptNo: string;
  source: "kiosk" | "web";
  status: RegistrationStatusName;
  applicantName: string;
  receivedAt: string;
  dueOn: string;
  overdue: boolean;
  cardBound: boolean;
  noticeStatus: NoticeStatus | null;
};

export type RegistrationQueue = {
  items: QueueItem[];
  total: number;
  page: number;
  pageCount: number;
  counts: { pending: number; overdue: number; awaitingCard: number };
  today: string;
};

/**
 * The review queue of the signed-in staff member's municipality (the 本籍地). Oldest deadline first; an
 * application past its deadline is marked overdue. Staff of another municipality see only their own.
 */
export async function listRegistrationQueue({ ctx, input, now = new Date() }: { ctx: RequestContext; input: RegistrationQueueInput; now?: Date }): Promise<RegistrationQueue> {
  requirePermission(ctx, "registrations:read");
  const municipalityId = requireMunicipality(ctx);
  const q = parseInput(ZRegistrationQueue, input);
  const today = jstDateString(now);
  const todayDate = new Date(`${today}T00:00:00Z`);
  return withTenant(ctx, async (tx) => {
    const reviewable: Prisma.KosekiRegistrationWhereInput = { municipalityId, status: "pending", cardSerial: { not: null } };
    const filters: Record<typeof q.filter, Prisma.KosekiRegistrationWhereInput> = {
      pending: reviewable,
      overdue: { ...reviewable, dueOn: { lt: todayDate } },
      awaiting_card: { municipalityId, status: "pending", cardSerial: null },
      decided: { municipalityId, status: { in: ["approved", "rejected", "reregistration_needed", "withdrawn"] } },
      all: { municipalityId },
    };
    const where = filters[q.filter];
    const [total, pending, overdue, awaitingCard] = await Promise.all([
      tx.kosekiRegistration.count({ where }),
      tx.kosekiRegistration.count({ where: filters.pending }),
      tx.kosekiRegistration.count({ where: filters.overdue }),
      tx.kosekiRegistration.count({ where: filters.awaiting_card }),
    ]);
    const pageCount = Math.ceil(total / QUEUE_PAGE_SIZE);
    const page = Math.min(q.page, Math.max(pageCount, 1));
    const orderBy: Prisma.KosekiRegistrationOrderByWithRelationInput[] =
      q.filter === "decided" || q.filter === "all" ? [{ updatedAt: "desc" }, { id: "desc" }] : [{ dueOn: "asc" }, { createdAt: "asc" }, { id: "asc" }];
    const rows = await tx.kosekiRegistration.findMany({
      where,
      orderBy,
      skip: (page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
      include: { notices: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true } } },
    });
    return {
      items: rows.map((r) => {
        const dueOn = ymdOf(r.dueOn);
        const cardBound = r.cardSerial !== null;
        return {
          id: r.id,
          receiptNo: r.receiptNo,
          source: r.source,
          status: r.status,
          applicantName: `${r.applicantFamilyName} ${r.applicantGivenName}`,
          receivedAt: r.createdAt.toISOString(),
          dueOn,
          overdue: r.status === "pending" && cardBound && isOverdue(dueOn, today),
          cardBound,
          noticeStatus: r.notices[0]?.status ?? null,
        };
      }),
      total,
      page,
      pageCount,
      counts: { pending, overdue, awaitingCard },
      today,
    };
  });
}
