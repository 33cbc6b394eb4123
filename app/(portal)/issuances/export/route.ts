import { ZIssuanceLogExport } from "@/lib/schemas/exports";
import { downloadResponse } from "@/server/http/download-response";
import { withStaffRoute } from "@/server/http/with-staff-route";
import { exportIssuanceLog } from "@/server/logs/export-issuance-log";

// GET /issuances/export?from&to&encoding[&municipality] → the issuance log of the period as CSV (no personal
// data), streamed page by page. The route and the verb both ask for issuances:read; the verb audits the export.
export const dynamic = "force-dynamic";

export const GET = withStaffRoute({ permission: "issuances:read", query: ZIssuanceLogExport }, async ({ staff, query }) => downloadResponse(await exportIssuanceLog({ ctx: staff.ctx, input: query })));
