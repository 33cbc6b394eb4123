import "server-only";
import { LOG_PAGE_SIZE } from "@/lib/schemas/logs";
import { ZAlertList, type AlertDeliveryState, type AlertKindName, type AlertListInput } from "@/lib/schemas/alerts";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { parseInput } from "../parse-input";

export type AlertDeliveryItem = { id: string; channel: "email" | "webhook"; target: string; state: AlertDeliveryState; attempts: number; lastError: string | null; sentAt: string | null };

export type AlertListItem = {
  id: string;
  kind: AlertKindName;
  payload: Record<string, unknown>;
  createdAt: string;
  municipality: { code: string; name: string };
  deliveries: AlertDeliveryItem[];
};

export type AlertList = { items: AlertListItem[]; total: number; page: number; pageCount: number };

/** A webhook is shown by its origin (a path may carry a token). */
const shownTarget = (channel: "email" | "webhook", target: string) => (channel === "webhook" && URL.canParse(target) ? new URL(target).origin : target);

/** The alerts, newest first, each with its deliveries: staff see their municipality's, the operator all. */
export async function listAlerts({ ctx, input }: { ctx: RequestContext; input: AlertListInput }): Promise<AlertList> {
  requirePermission(ctx, "alerts:read");
  const q = parseInput(ZAlertList, input);
  return withTenant(ctx, async (tx) => {
    const where = ctx.municipalityId ? { municipalityId: ctx.municipalityId } : {};
    const total = await tx.alert.count({ where });
    const pageCount = Math.ceil(total / LOG_PAGE_SIZE);
    const page = Math.min(q.page, Math.max(pageCount, 1));
    const rows = await tx.alert.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * LOG_PAGE_SIZE,
      take: LOG_PAGE_SIZE,
      include: { municipality: { select: { code: true, name: true } }, deliveries: { orderBy: [{ channel: "asc" }, { target: "asc" }] } },
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        payload: r.payload as Record<string, unknown>,
        createdAt: r.createdAt.toISOString(),
        municipality: r.municipality,
        deliveries: r.deliveries.map((d) => ({
          id: d.id,
          channel: d.channel,
          target: shownTarget(d.channel, d.target),
          state: d.status === "sent" ? "sent" : d.status === "failed" ? "failed" : d.attempts > 0 ? "retrying" : "waiting",
          attempts: d.attempts,
          lastError: d.lastError,
          sentAt: d.sentAt?.toISOString() ?? null,
        })),
      })),
      total,
      page,
      pageCount,
    };
  });
}
