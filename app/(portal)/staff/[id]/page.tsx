import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatJstShort } from "@/lib/jst";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { ROLE_LABELS } from "@/lib/roles";
import { ZStaffUserRef } from "@/lib/schemas/staff";
import { rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { isAppError } from "@/server/errors";
import { getStaffUser } from "@/server/staff/get-staff-user";
import { RoleForm } from "./_components/role-form";
import { StaffUserActions } from "./_components/staff-user-actions";

export const metadata: Metadata = { title: "職員アカウントの詳細" };


type Props = { params: Promise<{ id: string }> };

export default async function StaffUserPage({ params }: Props) {
  const staff = await requireStaff(...rolesWith("staff:manage"));
  const { id } = await params;
  if (!ZStaffUserRef.safeParse({ staffUserId: id }).success) notFound();
  // Users of another municipality (and operators, for an administrator) are "not found", like unknown ids.
  const user = await getStaffUser({ ctx: staff.ctx, input: { staffUserId: id } }).catch((e: unknown) => {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  });

  return (
    <div className="flex max-w-3xl flex-col gap-8">
      <p>
        <Link href="/staff" className={TEXT_LINK_CLASS}>
          職員アカウントの一覧へ戻る
        </Link>
      </p>
      <h1 className="text-std-28B-150 text-solid-gray-900">
        {user.displayName}（{user.loginId}）
      </h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-std-16N-170 text-solid-gray-800">
        <dt className="font-bold">ログインID</dt>
        <dd>{user.loginId}</dd>
        <dt className="font-bold">氏名</dt>
        <dd>{user.displayName}</dd>
        <dt className="font-bold">役割</dt>
        <dd>{ROLE_LABELS[user.role]}</dd>
        <dt className="font-bold">所属</dt>
        <dd>{user.municipality?.name ?? "全自治体"}</dd>
        <dt className="font-bold">状態</dt>
        <dd>
          {user.status === "active" ? "有効" : "無効"}
          {user.throttled ? "（ログイン試行の制限中）" : ""}
        </dd>
        <dt className="font-bold">2段階認証</dt>
        <dd>{user.mfaEnrolled ? `設定済み（未使用のリカバリーコード ${user.recoveryCodesRemaining}件）` : "未設定"}</dd>
        <dt className="font-bold">パスワード</dt>
        <dd>
          {formatJstShort(user.passwordChangedAt)}に設定
          {user.mustChangePassword ? "（次回ログイン後に変更が必要）" : ""}
        </dd>
        <dt className="font-bold">最終ログイン</dt>
        <dd>{formatJstShort(user.lastSignInAt)}</dd>
        <dt className="font-bold">登録日時</dt>
        <dd>{formatJstShort(user.createdAt)}</dd>
      </dl>

      {user.isSelf ? (
        <p className="text-std-16N-170 text-solid-gray-800">
          自分自身の役割・状態・パスワードのリセット・2段階認証のリセットはここでは変更できません。パスワードの変更は
          <Link href="/account" className={TEXT_LINK_CLASS}>
            アカウント設定
          </Link>
          から行ってください。
        </p>
      ) : (
        <>
          <section aria-labelledby="role-heading" className="flex flex-col gap-3">
            <h2 id="role-heading" className="text-std-20B-150 text-solid-gray-900">
              役割の変更
            </h2>
            {user.roleChoices.length > 1 ? (
              <RoleForm staffUserId={user.id} role={user.role} choices={user.roleChoices} />
            ) : (
              <p className="text-std-16N-170 text-solid-gray-800">運用事業者の役割は自治体の役割に変更できません。</p>
            )}
          </section>
          <StaffUserActions staffUserId={user.id} loginId={user.loginId} status={user.status} mfaEnrolled={user.mfaEnrolled} />
        </>
      )}
    </div>
  );
}
