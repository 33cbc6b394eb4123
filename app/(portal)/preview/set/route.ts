import { z } from "zod";
import { ZMunicipalityCode } from "@/lib/schemas/identifiers";
import { getStaffSession } from "@/server/auth/require-staff";
import { previewCertificateSet } from "@/server/certificates/preview-certificate";
import { AppError } from "@/server/errors";
import { withProblemJson } from "@/server/http/problem-response";
import { parseInput } from "@/server/parse-input";

// GET /preview/set?municipality=CODE → a ZIP of one sample PDF per certificate type (to publish on the
// municipality's site). Authorized like the page: a staff session, and the verb checks the municipality.
const ZQuery = z.object({ municipality: ZMunicipalityCode });

export const dynamic = "force-dynamic";

/** RFC 5987 ext-value characters: encodeURIComponent leaves ' ( ) * unescaped, which attr-char does not allow. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export const GET = withProblemJson(async (req: Request) => {
  const staff = await getStaffSession();
  if (!staff) throw new AppError("unauthenticated", "sign in to download the certificate samples");
  const query = parseInput(ZQuery, Object.fromEntries(new URL(req.url).searchParams), "municipality (6-digit code) is required");
  const { zip, fileName } = await previewCertificateSet({ ctx: staff.ctx, municipalityCode: query.municipality });
  return new Response(new Uint8Array(zip), {
    headers: {
      "Content-Type": "application/zip",
      // RFC 6266 / 5987: an ASCII fallback, then the Japanese name in UTF-8.
      "Content-Disposition": `attachment; filename="${query.municipality}_samples.zip"; filename*=UTF-8''${rfc5987(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
});
