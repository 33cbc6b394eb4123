import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { requireSignedInStaff } from "@/server/auth/require-staff";
import { MfaEnrolment } from "./_components/mfa-enrolment";

export const metadata: Metadata = { title: "2段階認証の設定" };

// Reachable before MFA (first sign-in must enrol here); shows only the user's own enrolment.
export default async function MfaEnrolmentPage() {
  const staff = await requireSignedInStaff();
  if (staff.mfa === "verify") redirect("/login/mfa");

  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <h1 className="text-std-28B-150 text-solid-gray-900">2段階認証の設定</h1>
      {staff.mfa === "passed" ? (
        <Alert variant="success" title="2段階認証は設定済みです">
          認証アプリを変更する場合は、管理者に設定のリセットを依頼してください。
          <p className="mt-2">
            <Link href="/account" className="text-blue-900 underline">
              アカウント設定へ戻る
            </Link>
          </p>
        </Alert>
      ) : (
        <>
          <p className="text-std-16N-170 text-solid-gray-800">
            すべての職員アカウントで2段階認証が必要です。スマートフォン等の認証アプリ（Google Authenticator、Microsoft
            Authenticator など）にキーを登録し、表示された6桁の確認コードを入力してください。
          </p>
          <MfaEnrolment loginId={staff.loginId} />
        </>
      )}
    </div>
  );
}
