import { z } from "zod";
import { isValidMunicipalityCode } from "../municipality-code";
import { isValidMyNumber } from "../my-number";

// Identifier schemas shared by forms, imports and the API. Messages are Japanese (shown next to fields).
export const ZMunicipalityCode = z
  .string({ error: "団体コードは6桁の数字で入力してください。" })
  .trim()
  .regex(/^\d{6}$/, "団体コードは6桁の数字で入力してください。")
  .refine(isValidMunicipalityCode, "団体コードの検査数字が正しくありません。");

export const ZMyNumber = z
  .string({ error: "個人番号は12桁の数字で入力してください。" })
  .trim()
  .regex(/^\d{12}$/, "個人番号は12桁の数字で入力してください。")
  .refine(isValidMyNumber, "個人番号の検査数字が正しくありません。");
