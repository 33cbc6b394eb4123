import { ZRecallExport } from "@/lib/schemas/issuance-void";
import { contentDisposition } from "@/server/http/content-disposition";
import { withStaffRoute } from "@/server/http/with-staff-route";
import { exportVoidedIssuances } from "@/server/logs/export-voided-issuances";

// GET /issuances/recall-export?from&to&encoding → the voided issuances of the period as CSV for the recall
// letter. A personal-data read: the route and the verb both ask for issuances:recall-export; the verb audits it.
export const dynamic = "force-dynamic";

export const GET = withStaffRoute({ permission: "issuances:recall-export", query: ZRecallExport }, async ({ staff, query }) => {
  const file = await exportVoidedIssuances({ ctx: staff.ctx, input: query });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition("attachment", file.asciiName, file.fileName),
      "Cache-Control": "private, no-store",
    },
  });
});
