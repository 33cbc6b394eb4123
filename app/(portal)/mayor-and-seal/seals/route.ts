import { SEAL_MAX_BYTES } from "@/lib/schemas/municipality";
import { ZOfficialSealUpload } from "@/lib/schemas/mayor-and-seal";
import { withStaffRoute } from "@/server/http/with-staff-route";
import { recordOfficialSeal } from "@/server/mayor-and-seal/record-official-seal";

// POST: a new 公印 (the PNG is the body) in force from ?effectiveFrom= (and, for the operator, ?municipalityId=).
// A route handler, not a server action: actions cap the whole body at 1 MB. The verb authorizes again.
export const dynamic = "force-dynamic";

// Cookies ride along on cross-site requests in some browsers: another origin is refused.
export const POST = withStaffRoute(
  { permission: "mayor-and-seal:record", sameOrigin: true, query: ZOfficialSealUpload, body: { maxBytes: SEAL_MAX_BYTES, code: "seal_too_large" } },
  async ({ staff, query, body }) => {
    const image = await body.bytes();
    const { id } = await recordOfficialSeal({ ctx: staff.ctx, input: { ...query, image } });
    return Response.json({ id }, { status: 201 });
  },
);
