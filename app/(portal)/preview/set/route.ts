import { z } from "zod";
import { ZMunicipalityCode } from "@/lib/schemas/identifiers";
import { previewCertificateSet } from "@/server/certificates/preview-certificate";
import { contentDisposition } from "@/server/http/content-disposition";
import { withStaffRoute } from "@/server/http/with-staff-route";

// GET /preview/set?municipality=CODE → a ZIP of one sample PDF per certificate type (to publish on the
// municipality's site). Authorized like the page: a staff session, and the verb checks the municipality.
const ZQuery = z.object({ municipality: ZMunicipalityCode });

export const dynamic = "force-dynamic";

export const GET = withStaffRoute({ query: ZQuery }, async ({ staff, query }) => {
  const { zip, fileName } = await previewCertificateSet({ ctx: staff.ctx, municipalityCode: query.municipality });
  return new Response(new Uint8Array(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": contentDisposition("attachment", `${query.municipality}_samples.zip`, fileName),
      "Cache-Control": "private, no-store",
    },
  });
});
