import { z } from "zod";
import { INCIDENT_REPORT_FORMATS } from "@/lib/schemas/exports";
import { downloadResponse } from "@/server/http/download-response";
import { withStaffRoute } from "@/server/http/with-staff-route";
import { exportIncidentReport } from "@/server/incidents/export-incident-report";

// GET /incidents/{id}/report?format=pdf|csv-utf8|csv-sjis → the incident report for the prefecture. The verb
// confines the incident to the session's municipality (not_found otherwise) and audits the download.
export const dynamic = "force-dynamic";

const ZQuery = z.object({ format: z.enum(INCIDENT_REPORT_FORMATS).default("pdf") });

export const GET = withStaffRoute({ permission: "incidents:read", query: ZQuery }, async ({ staff, query, params }) =>
  downloadResponse(await exportIncidentReport({ ctx: staff.ctx, input: { incidentId: params.id, format: query.format } })),
);
