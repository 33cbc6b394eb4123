import { withStaffRoute } from "@/server/http/with-staff-route";
import { getOfficialSealEntryImage } from "@/server/mayor-and-seal/get-official-seal-entry-image";

// GET: one 公印 history entry's PNG (the history page's thumbnails); row-level security keeps other municipalities' out.
export const dynamic = "force-dynamic";

export const GET = withStaffRoute({ permission: "service:read" }, async ({ staff, params }) => {
  const image = await getOfficialSealEntryImage({ ctx: staff.ctx, input: { id: params.id } });
  // An entry never changes (insert-only), so the browser may keep it for the session's pages.
  return new Response(new Uint8Array(image), {
    headers: { "Content-Type": "image/png", "Cache-Control": "private, max-age=3600", "Content-Security-Policy": "default-src 'none'" },
  });
});
