import { AppError } from "@/server/errors";
import { withStaffRoute } from "@/server/http/with-staff-route";
import { getReportFile, REPORT_FORMATS } from "@/server/reports/get-report-file";

// GET /statistics/reports/{id}/{pdf|csv-utf8|csv-sjis} → the stored file as a download. Authorized like the
// page: a staff session; the verb confines the report to the session's municipality and audits the download.
export const dynamic = "force-dynamic";

export const GET = withStaffRoute({}, async ({ staff, params: { id, format } }) => {
  if (!/^[0-9a-f-]{36}$/i.test(id) || !(REPORT_FORMATS as readonly string[]).includes(format)) throw new AppError("report_not_found", "no such report file");
  const file = await getReportFile({ ctx: staff.ctx, input: { reportId: id, format } });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
      Digest: `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`,
    },
  });
});
