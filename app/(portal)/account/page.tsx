import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { ROLE_LABELS } from "@/lib/roles";
import { requireStaff } from "@/server/auth/require-staff";
import { ChangePasswordForm } from "./_components/change-password-form";

export const metadata: Metadata = { title: "アカウント設定" };

export default async function AccountPage() {
  const staff = await requireStaff();
  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <h1 className="text-std-28B-150 text-solid-gray-900">アカウント設定</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-std-16N-170 text-solid-gray-800">
        <dt className="font-bold">ログインID</dt>
        <dd>{staff.loginId}</dd>
        <dt className="font-bold">氏名</dt>
        <dd>{staff.displayName}</dd>
        <dt className="font-bold">役割</dt>
        <dd>{ROLE_LABELS[staff.role]}</dd>
        <dt className="font-bold">所属</dt>
        <dd>{staff.municipality?.name ?? "全自治体"}</dd>
        <dt className="font-bold">2段階認証</dt>
        <dd>
          設定済み（<Link href="/account/mfa" className="text-blue-900 underline">詳細</Link>）
        </dd>
      </dl>
      <section aria-labelledby="password-heading" className="flex flex-col gap-4">
        <h2 id="password-heading" className="text-std-20B-150 text-solid-gray-900">
          パスワードの変更
        </h2>
        <Alert variant="info">
          12文字以上で、ログインIDと異なるものにしてください。変更すると、この端末を含むすべての端末でログアウトします。
        </Alert>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
