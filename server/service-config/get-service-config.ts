import "server-only";
import { z } from "zod";
import { CERTIFICATE_TYPES, fromDbCertificateType, toDbCertificateType, type CertificateTypeId } from "@/lib/certificate-types";
import { can } from "@/lib/permissions";
import type { DayClassName, StopScopeName } from "@/lib/schemas/service-config";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { targetContext } from "./target-municipality";
import { parseInput } from "../parse-input";

const ZGetServiceConfig = z.object({ municipalityId: z.string().uuid().optional() });

export type OfferingDto = {
  certificateType: CertificateTypeId;
  /** False when the municipality has no row for the type: it is not offered. */
  configured: boolean;
  enabled: boolean;
  copyLimit: number;
  allowMyNumber: boolean;
  allowJoseki: boolean;
  allowKaiseiGenkoseki: boolean;
};
export type WindowDto = { id: string; certificateType: CertificateTypeId | null; dayClass: DayClassName; startMinute: number; endMinute: number };
export type StopDto = { id: string; scope: StopScopeName; startsAt: Date; endsAt: Date; notice: string; state: "scheduled" | "running" | "ended" };
export type EmergencyDto = { id: string; certificateType: CertificateTypeId | null; reason: string; startedAt: Date; endedAt: Date | null };

export type ServiceConfigDto = {
  municipality: { id: string; code: string; name: string; taxYearSwitchDate: string; taxYearsOffered: number };
  canEdit: boolean;
  offerings: OfferingDto[];
  windows: WindowDto[];
  stops: StopDto[];
  emergencyStops: EmergencyDto[];
};

/** The service configuration of one municipality (read by every staff role of it; edited by admins only). */
export async function getServiceConfig({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<ServiceConfigDto> {
  const { municipalityId } = parseInput(ZGetServiceConfig, input ?? {});
  const tctx = await targetContext(ctx, municipalityId, "service:read");
  const id = tctx.municipalityId!;
  const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  return withTenant(tctx, async (tx) => {
    const municipality = await tx.municipality.findUnique({
      where: { id },
      select: { id: true, code: true, name: true, taxYearSwitchDate: true, taxYearsOffered: true },
    });
    if (!municipality) throw new AppError("not_found", "no such municipality");
    const [offerings, windows, stops, emergencies] = await Promise.all([
      tx.certificateOffering.findMany({ where: { municipalityId: id } }),
      tx.serviceWindow.findMany({ where: { municipalityId: id }, orderBy: [{ dayClass: "asc" }, { startMinute: "asc" }] }),
      tx.serviceStop.findMany({ where: { municipalityId: id, endsAt: { gt: since } }, orderBy: { startsAt: "asc" } }),
      tx.emergencyStop.findMany({ where: { municipalityId: id, OR: [{ endedAt: null }, { endedAt: { gt: since } }] }, orderBy: { startedAt: "desc" } }),
    ]);
    return {
      municipality,
      canEdit: ctx.actor.type === "staff" && can(ctx.actor.role, "service:edit"),
      offerings: CERTIFICATE_TYPES.map((t) => {
        const o = offerings.find((r) => r.certificateType === toDbCertificateType(t));
        return {
          certificateType: t,
          configured: !!o,
          enabled: o?.enabled ?? false,
          copyLimit: o?.copyLimit ?? 10,
          allowMyNumber: o?.allowMyNumber ?? false,
          allowJoseki: o?.allowJoseki ?? false,
          allowKaiseiGenkoseki: o?.allowKaiseiGenkoseki ?? false,
        };
      }),
      windows: windows.map((w) => ({
        id: w.id,
        certificateType: w.certificateType ? fromDbCertificateType(w.certificateType) : null,
        dayClass: w.dayClass,
        startMinute: w.startMinute,
        endMinute: w.endMinute,
      })),
      stops: stops.map((s) => ({
        id: s.id,
        scope: s.scope,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        notice: s.notice,
        state: s.startsAt > now ? "scheduled" : s.endsAt > now ? "running" : "ended",
      })),
      emergencyStops: emergencies.map((e) => ({
        id: e.id,
        certificateType: e.certificateType ? fromDbCertificateType(e.certificateType) : null,
        reason: e.reason,
        startedAt: e.startedAt,
        endedAt: e.endedAt,
      })),
    };
  });
}
