import { SEAL_MAX_BYTES } from "@/lib/schemas/municipality";
import { getStaffSession } from "@/server/auth/require-staff";
import { AppError } from "@/server/errors";
import { withProblemJson } from "@/server/http/problem-response";
import { readRequestBody, refuseDeclaredOversize } from "@/server/http/read-request-body";
import { getOfficialSeal } from "@/server/municipalities/get-official-seal";
import { uploadOfficialSeal } from "@/server/municipalities/upload-official-seal";

// GET: the 公印 image (the detail page's preview) for the operator or the municipality's own staff.
// POST: replaces it (operator). A route handler, not a server action: actions cap the whole body at 1 MB.
// Both authorize in the verbs; the session comes from the cookie, the municipality from the path.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ code: string }> };

async function session() {
  const staff = await getStaffSession();
  if (!staff) throw new AppError("unauthenticated", "sign in first");
  return staff;
}

export const GET = withProblemJson(async (_req: Request, { params }: Params) => {
  const staff = await session();
  const { image, mime } = await getOfficialSeal({ ctx: staff.ctx, input: { code: (await params).code } });
  return new Response(new Uint8Array(image), {
    headers: { "Content-Type": mime, "Cache-Control": "private, no-store", "Content-Security-Policy": "default-src 'none'" },
  });
});

export const POST = withProblemJson(async (req: Request, { params }: Params) => {
  // Cookies ride along on cross-site requests in some browsers: refuse any other origin.
  const origin = req.headers.get("origin");
  if (origin && new URL(origin).host !== req.headers.get("host")) throw new AppError("forbidden", "cross-origin upload refused");
  refuseDeclaredOversize(req, { maxBytes: SEAL_MAX_BYTES, code: "seal_too_large" });
  const staff = await session();
  const image = await readRequestBody(req, { maxBytes: SEAL_MAX_BYTES, code: "seal_too_large" });
  const municipality = await uploadOfficialSeal({ ctx: staff.ctx, input: { code: (await params).code, image } });
  return Response.json({ code: municipality.code, hasSeal: municipality.hasSeal, updatedAt: municipality.updatedAt });
});
