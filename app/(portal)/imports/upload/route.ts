import { withStaffUpload } from "@/server/http/with-staff-upload";
import { importFromPortal } from "@/server/imports/import-from-portal";

// The portal's upload target (app/(portal)/imports/page.tsx): the raw file with the options in the query
// string; answers a stream of progress lines and the job. Tenant and role come from the session.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const maxDuration = 900;

export const POST = withStaffUpload(({ staff, file, query, onProgress }) => importFromPortal({ ctx: staff.ctx, query, filePath: file.path, onProgress }));
