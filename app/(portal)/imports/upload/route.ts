import { MAX_IMPORT_BYTES } from "@/lib/import-feeds";
import { uploadProgressResponse } from "@/server/http/upload-progress-response";
import { withStaffRoute } from "@/server/http/with-staff-route";
import { importFromPortal } from "@/server/imports/import-from-portal";

// The portal's upload target (app/(portal)/imports/page.tsx): the raw file (up to 200 MB, spooled to a
// temporary file) with the options in the query string, sent by the page's script only (same origin and its
// upload header); answers a stream of progress lines and the job. Tenant and role come from the session.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const maxDuration = 900;

export const POST = withStaffRoute(
  { permission: "imports:run", sameOrigin: true, uploadHeader: true, body: { maxBytes: MAX_IMPORT_BYTES } },
  async ({ staff, query, body, instance }) => {
    const file = await body.spool();
    return uploadProgressResponse(file, instance, (onProgress) => importFromPortal({ ctx: staff.ctx, query, filePath: file.path, onProgress }));
  },
);
