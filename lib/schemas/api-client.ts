import { z } from "zod";
import { ZMunicipalityCode } from "./identifiers";

// API client (kiosk centre) forms on the operator screens, shared by react-hook-form and the server verbs.

export const API_CLIENT_STATUS_LABELS = { active: "有効", revoked: "失効" } as const;

/** Hours the previous secret keeps working after a rotation (authenticate-request.ts honours it). */
export const PREVIOUS_SECRET_GRACE_HOURS = 24;

/**
 * What a client may call (the ApiClientScope enum of prisma/schema.prisma; each route's wrapper checks one):
 * kiosk_issuance — eligibility, issuances and completion; koseki_intake — the kiosk-side 本籍地 利用登録;
 * imports — the back-office import API, which also needs a client confined to one municipality.
 */
export const API_CLIENT_SCOPES = ["kiosk_issuance", "koseki_intake", "imports"] as const;
export type ApiClientScopeName = (typeof API_CLIENT_SCOPES)[number];

export const API_CLIENT_SCOPE_LABELS: Record<ApiClientScopeName, string> = {
  kiosk_issuance: "証明書の交付（キオスク）",
  koseki_intake: "本籍地の利用登録の受付",
  imports: "住民データ等の取込",
};

/** At least one scope, each at most once, in the fixed order above (so the stored list and the audit compare). */
const ZScopes = z
  .array(z.enum(API_CLIENT_SCOPES, "権限の指定が正しくありません。"))
  .min(1, "権限を1つ以上選択してください。")
  .transform((list) => API_CLIENT_SCOPES.filter((s) => list.includes(s)));

const IMPORTS_NEED_MUNICIPALITY = "取込の権限は、対象自治体を1つに限定したクライアントにだけ付与できます。";

export const ZApiClientCreate = z
  .object({
    name: z.string().trim().min(1, "名称を入力してください。").max(80, "名称は80文字以内で入力してください。"),
    /** Empty: the client serves every municipality; a code confines it to that one. */
    municipalityCode: z.union([z.literal(""), ZMunicipalityCode]),
    scopes: ZScopes,
  })
  // The import API refuses a client that serves every municipality (client_not_confined): do not grant what cannot work.
  .refine((v) => v.municipalityCode !== "" || !v.scopes.includes("imports"), { path: ["scopes"], message: IMPORTS_NEED_MUNICIPALITY });
export type ApiClientCreateInput = z.input<typeof ZApiClientCreate>;

export const ZApiClientScopesUpdate = z.object({
  id: z.uuid("APIクライアントの指定が正しくありません。"),
  scopes: ZScopes,
});
export type ApiClientScopesUpdateInput = z.input<typeof ZApiClientScopesUpdate>;

export const ZApiClientRef = z.object({ id: z.uuid("APIクライアントの指定が正しくありません。") });
export type ApiClientRefInput = z.infer<typeof ZApiClientRef>;
