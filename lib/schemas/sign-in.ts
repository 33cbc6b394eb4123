import { z } from "zod";

// Shared by the sign-in form (react-hook-form resolver) and the credentials check on the server.
export const ZSignIn = z.object({
  loginId: z
    .string()
    .trim()
    .min(1, "ログインIDを入力してください。")
    .max(64, "ログインIDは64文字以内で入力してください。"),
  password: z.string().min(1, "パスワードを入力してください。").max(256, "パスワードが長すぎます。"),
});

export type SignInInput = z.infer<typeof ZSignIn>;
