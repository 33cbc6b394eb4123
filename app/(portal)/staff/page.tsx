import type { Metadata } from "next";
import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { ROLE_LABELS } from "@/lib/roles";
import { can } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { listStaff } from "@/server/staff/list-staff";

export const metadata: Metadata = { title: "職員アカウント" };

const dateTime = new Intl.DateTimeFormat("ja-JP", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" });

export default async function StaffPage() {
  const staff = await requireStaff("operator", "municipal_admin");
  const users = await listStaff({ ctx: staff.ctx });
  const isOperator = can(staff.role, "all-municipalities");

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-std-28B-150 text-solid-gray-900">職員アカウント</h1>
        <Link href="/staff/new" className={buttonClassName({ size: "md" })}>
          職員を追加
        </Link>
      </div>
      <p className="text-std-16N-170 text-solid-gray-800">
        {isOperator ? "すべての自治体と運用事業者のアカウントです。" : `${staff.municipality?.name ?? ""}の職員アカウントです。`}
        ログインIDを選ぶと、役割の変更・無効化・パスワードや2段階認証のリセットができます。
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-std-16N-170 text-solid-gray-800">
          <caption className="sr-only">職員アカウントの一覧</caption>
          <thead>
            <tr className="border-b-2 border-solid-gray-536">
              <th scope="col" className="px-3 py-2">ログインID</th>
              <th scope="col" className="px-3 py-2">氏名</th>
              <th scope="col" className="px-3 py-2">役割</th>
              {isOperator ? <th scope="col" className="px-3 py-2">所属</th> : null}
              <th scope="col" className="px-3 py-2">2段階認証</th>
              <th scope="col" className="px-3 py-2">最終ログイン</th>
              <th scope="col" className="px-3 py-2">状態</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-solid-gray-420">
                <th scope="row" className="px-3 py-2 font-normal">
                  <Link href={`/staff/${u.id}`} className="text-blue-900 underline underline-offset-[calc(3/16*1rem)] hover:text-blue-1000">
                    {u.loginId}
                  </Link>
                  {u.isSelf ? "（本人）" : ""}
                </th>
                <td className="px-3 py-2">{u.displayName}</td>
                <td className="px-3 py-2">{ROLE_LABELS[u.role]}</td>
                {isOperator ? <td className="px-3 py-2">{u.municipality?.name ?? "全自治体"}</td> : null}
                <td className="px-3 py-2">{u.mfaEnrolled ? "設定済み" : "未設定"}</td>
                <td className="px-3 py-2">{u.lastSignInAt ? dateTime.format(new Date(u.lastSignInAt)) : "—"}</td>
                <td className="px-3 py-2">{u.status === "active" ? "有効" : "無効"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
