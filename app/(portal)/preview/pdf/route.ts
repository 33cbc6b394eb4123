import { z } from "zod";
import { CERTIFICATE_TYPES } from "@/lib/certificate-types";
import { ZMunicipalityCode } from "@/lib/schemas/identifiers";
import { getStaffSession } from "@/server/auth/require-staff";
import { previewCertificate } from "@/server/certificates/preview-certificate";
import { AppError } from "@/server/errors";
import { withProblemJson } from "@/server/http/problem-response";
import { parseInput } from "@/server/parse-input";

// GET /preview/pdf?municipality=CODE&type=TYPE → one sample PDF, inline (the preview page's iframe).
// Authorized like the page: a staff session, and the verb checks the municipality against the session.
const ZQuery = z.object({ municipality: ZMunicipalityCode, type: z.enum(CERTIFICATE_TYPES) });

export const dynamic = "force-dynamic";

/** RFC 5987 ext-value characters: encodeURIComponent leaves ' ( ) * unescaped, which attr-char does not allow. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export const GET = withProblemJson(async (req: Request) => {
  const staff = await getStaffSession();
  if (!staff) throw new AppError("unauthenticated", "sign in to preview certificates");
  const query = parseInput(ZQuery, Object.fromEntries(new URL(req.url).searchParams), "municipality (6-digit code) and type (certificate type) are required");
  const { pdf, fileName } = await previewCertificate({ ctx: staff.ctx, municipalityCode: query.municipality, type: query.type });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      // RFC 6266 / 5987: an ASCII fallback, then the Japanese name in UTF-8.
      "Content-Disposition": `inline; filename="${query.municipality}_${query.type}_sample.pdf"; filename*=UTF-8''${rfc5987(fileName)}`,
      "Cache-Control": "private, no-store",
      // The portal's own page frames this response; frame-ancestors takes precedence over X-Frame-Options: DENY.
      "Content-Security-Policy": "frame-ancestors 'self'",
    },
  });
});
