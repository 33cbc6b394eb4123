import { z } from "zod";
import { CERTIFICATE_TYPES } from "@/lib/certificate-types";
import { ZMunicipalityCode } from "@/lib/schemas/identifiers";
import { previewCertificate } from "@/server/certificates/preview-certificate";
import { contentDisposition } from "@/server/http/content-disposition";
import { withStaffRoute } from "@/server/http/with-staff-route";

// GET /preview/pdf?municipality=CODE&type=TYPE → one sample PDF, inline (the preview page's iframe).
// Authorized like the page: a staff session, and the verb checks the municipality against the session.
const ZQuery = z.object({ municipality: ZMunicipalityCode, type: z.enum(CERTIFICATE_TYPES) });

export const dynamic = "force-dynamic";

export const GET = withStaffRoute({ query: ZQuery }, async ({ staff, query }) => {
  const { pdf, fileName } = await previewCertificate({ ctx: staff.ctx, municipalityCode: query.municipality, type: query.type });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition("inline", `${query.municipality}_${query.type}_sample.pdf`, fileName),
      "Cache-Control": "private, no-store",
      // The portal's own page frames this response; frame-ancestors takes precedence over X-Frame-Options: DENY.
      "Content-Security-Policy": "frame-ancestors 'self'",
    },
  });
});
