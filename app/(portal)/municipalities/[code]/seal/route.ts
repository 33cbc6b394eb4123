import { SEAL_MAX_BYTES } from "@/lib/schemas/municipality";
import { withStaffRoute } from "@/server/http/with-staff-route";
import { getOfficialSeal } from "@/server/municipalities/get-official-seal";
import { uploadOfficialSeal } from "@/server/municipalities/upload-official-seal";

// GET: the 公印 image (the detail page's preview) for the operator or the municipality's own staff.
// POST: replaces it (operator). A route handler, not a server action: actions cap the whole body at 1 MB.
// Both authorize in the verbs; the session comes from the cookie, the municipality from the path.
export const dynamic = "force-dynamic";

export const GET = withStaffRoute({}, async ({ staff, params }) => {
  const { image, mime } = await getOfficialSeal({ ctx: staff.ctx, input: { code: params.code } });
  return new Response(new Uint8Array(image), {
    headers: { "Content-Type": mime, "Cache-Control": "private, no-store", "Content-Security-Policy": "default-src 'none'" },
  });
});

// Cookies ride along on cross-site requests in some browsers: another origin is refused.
export const POST = withStaffRoute({ sameOrigin: true, body: { maxBytes: SEAL_MAX_BYTES, code: "seal_too_large" } }, async ({ staff, params, body }) => {
  const image = await body.bytes();
  const municipality = await uploadOfficialSeal({ ctx: staff.ctx, input: { code: params.code, image } });
  return Response.json({ code: municipality.code, hasSeal: municipality.hasSeal, updatedAt: municipality.updatedAt });
});
