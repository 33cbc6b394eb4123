import { ZAuditLogExport } from "@/lib/schemas/exports";
import { downloadResponse } from "@/server/http/download-response";
import { withStaffRoute } from "@/server/http/with-staff-route";
import { exportAuditLog } from "@/server/logs/export-audit-log";

// GET /audit/export?from&to&encoding[&chain] → the audit log of the period as CSV, streamed page by page. The
// route and the verb both ask for audit:read; the verb audits the export.
export const dynamic = "force-dynamic";

export const GET = withStaffRoute({ permission: "audit:read", query: ZAuditLogExport }, async ({ staff, query }) => downloadResponse(await exportAuditLog({ ctx: staff.ctx, input: query })));
