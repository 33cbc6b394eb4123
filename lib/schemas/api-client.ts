import { z } from "zod";
import { ZMunicipalityCode } from "./identifiers";

// API client (kiosk centre) forms on the operator screens, shared by react-hook-form and the server verbs.

export const API_CLIENT_STATUS_LABELS = { active: "有効", revoked: "失効" } as const;

/** Hours the previous secret keeps working after a rotation (authenticate-request.ts honours it). */
export const PREVIOUS_SECRET_GRACE_HOURS = 24;

export const ZApiClientCreate = z.object({
  name: z.string().trim().min(1, "名称を入力してください。").max(80, "名称は80文字以内で入力してください。"),
  /** Empty: the client serves every municipality; a code confines it to that one. */
  municipalityCode: z.union([z.literal(""), ZMunicipalityCode]),
});
export type ApiClientCreateInput = z.infer<typeof ZApiClientCreate>;

export const ZApiClientRef = z.object({ id: z.uuid("APIクライアントの指定が正しくありません。") });
export type ApiClientRefInput = z.infer<typeof ZApiClientRef>;
