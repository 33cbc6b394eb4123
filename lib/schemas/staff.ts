import { z } from "zod";

// Forms of the staff area (user management, own account, MFA). Shared by react-hook-form and the verbs.

export const PASSWORD_MIN_LENGTH = 12;

const ZNewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `パスワードは${PASSWORD_MIN_LENGTH}文字以上で入力してください。`)
  .max(256, "パスワードは256文字以内で入力してください。");

export const ZManagedRole = z.enum(["operator", "municipal_admin", "clerk", "auditor"], { message: "役割を選択してください。" });

export const ZCreateStaffUser = z
  .object({
    loginId: z
      .string()
      .trim()
      .min(3, "ログインIDは3文字以上で入力してください。")
      .max(64, "ログインIDは64文字以内で入力してください。")
      .regex(/^[a-z0-9][a-z0-9._-]*$/, "ログインIDは半角英小文字・数字・「.」「_」「-」で入力してください。"),
    displayName: z.string().trim().min(1, "氏名を入力してください。").max(100, "氏名は100文字以内で入力してください。"),
    role: ZManagedRole,
    /** Only an operator chooses; for everyone else the municipality is their own (the verb ignores this). */
    municipalityCode: z
      .string()
      .trim()
      .regex(/^(\d{6})?$/, "自治体コードは6桁の数字で入力してください。")
      .optional(),
    initialPassword: ZNewPassword,
  })
  .refine((v) => v.initialPassword !== v.loginId, { path: ["initialPassword"], message: "ログインIDと同じパスワードは使えません。" });
export type CreateStaffUserInput = z.infer<typeof ZCreateStaffUser>;

export const ZStaffUserRef = z.object({ staffUserId: z.string().uuid("対象の職員が正しくありません。") });
export type StaffUserRefInput = z.infer<typeof ZStaffUserRef>;

export const ZChangeRole = ZStaffUserRef.extend({ role: ZManagedRole });
export type ChangeRoleInput = z.infer<typeof ZChangeRole>;

export const ZResetPassword = ZStaffUserRef.extend({ newPassword: ZNewPassword });
export type ResetPasswordInput = z.infer<typeof ZResetPassword>;

export const ZChangePassword = z
  .object({
    currentPassword: z.string().min(1, "現在のパスワードを入力してください。").max(256, "パスワードが長すぎます。"),
    newPassword: ZNewPassword,
    confirmPassword: z.string().min(1, "確認のため新しいパスワードをもう一度入力してください。"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "新しいパスワードが一致しません。" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "現在と異なるパスワードを入力してください。" });
export type ChangePasswordInput = z.infer<typeof ZChangePassword>;

export const ZMfaCode = z.object({
  code: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "確認コード（6桁の数字）を入力してください。")),
});
export type MfaCodeInput = z.input<typeof ZMfaCode>;

export const RECOVERY_CODE_PATTERN = /^[a-z0-9]{5}-[a-z0-9]{5}$/;

export const ZRecoveryCode = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.string().regex(RECOVERY_CODE_PATTERN, "リカバリーコード（例: abcde-12345）を入力してください。")),
});
export type RecoveryCodeInput = z.input<typeof ZRecoveryCode>;
