import type { Metadata } from "next";
import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { ROLE_LABELS } from "@/lib/roles";
import { requireStaff } from "@/server/auth/require-staff";
import { getOwnMfaStatus } from "@/server/staff/get-own-mfa-status";
import { RegenerateRecoveryCodesForm } from "./_components/regenerate-recovery-codes-form";

export const metadata: Metadata = { title: "アカウント設定" };

export default async function AccountPage() {
  const staff = await requireStaff();
  const mfa = await getOwnMfaStatus({ ctx: staff.ctx });
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
        <dt className="font-bold">リカバリーコード</dt>
        <dd>未使用 {mfa.recoveryCodesRemaining}件</dd>
      </dl>
      <section aria-labelledby="password-heading" className="flex flex-col gap-4">
        <h2 id="password-heading" className="text-std-20B-150 text-solid-gray-900">
          パスワード
        </h2>
        <Link href="/account/password" className={buttonClassName({ variant: "outline", size: "md", className: "self-start" })}>
          パスワードを変更する
        </Link>
      </section>
      <section aria-labelledby="recovery-heading" className="flex flex-col gap-4">
        <h2 id="recovery-heading" className="text-std-20B-150 text-solid-gray-900">
          リカバリーコードの再発行
        </h2>
        <p className="text-std-16N-170 text-solid-gray-800">
          新しいリカバリーコードを10件発行します。これまでのコードは、使っていないものも含めてすべて使えなくなります。本人確認のため、認証アプリの確認コードを入力してください。
        </p>
        <RegenerateRecoveryCodesForm />
      </section>
    </div>
  );
}
