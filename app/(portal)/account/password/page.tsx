import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { requireStaffForPasswordChange } from "@/server/auth/require-staff";
import { ChangePasswordForm } from "../_components/change-password-form";

export const metadata: Metadata = { title: "パスワードの変更" };

// The one portal page open while a password change is pending (initial password, or a reset by an
// administrator): requireStaff sends every other page here until the change is done.
export default async function ChangePasswordPage() {
  const staff = await requireStaffForPasswordChange();
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <h1 className="text-std-28B-150 text-solid-gray-900">パスワードの変更</h1>
      {staff.mustChangePassword ? (
        <Alert variant="warning" title="パスワードの変更が必要です">
          初期パスワードまたは管理者が発行した仮パスワードでログインしています。新しいパスワードに変更するまで、ほかの画面は利用できません。
        </Alert>
      ) : (
        <p>
          <Link href="/account" className="text-blue-900 underline underline-offset-[calc(3/16*1rem)] hover:text-blue-1000">
            アカウント設定へ戻る
          </Link>
        </p>
      )}
      <Alert variant="info">
        12文字以上で、ログインIDと異なるものにしてください。変更すると、この端末を含むすべての端末でログアウトします。
      </Alert>
      <ChangePasswordForm />
    </div>
  );
}
