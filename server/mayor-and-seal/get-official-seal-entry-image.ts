import "server-only";
import { z } from "zod";
import { requirePermission, type RequestContext } from "../context";
import { readOfficialSealEntryImage } from "../db/read-image";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";

const ZInput = z.object({ id: z.string().uuid() });

/**
 * One 公印 history entry's PNG (the history page's thumbnails). Row-level security confines municipal staff to
 * their own municipality's entries: another's id is `not_found`, as an unknown one.
 */
export async function getOfficialSealEntryImage({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<Uint8Array<ArrayBuffer>> {
  requirePermission(ctx, "service:read");
  const { id } = parseInput(ZInput, input);
  const image = await withTenant(ctx, (tx) => readOfficialSealEntryImage(tx, id));
  if (!image) throw new AppError("not_found", "no such seal entry");
  return image;
}
