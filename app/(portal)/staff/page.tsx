import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { buttonClassName } from "@/components/ui/button";
import { formatJstShort } from "@/lib/jst";
import { ROLE_LABELS } from "@/lib/roles";
import { can, rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { listStaff } from "@/server/staff/list-staff";

export const metadata: Metadata = { title: "職員アカウント" };

export default async function StaffPage() {
  const staff = await requireStaff(...rolesWith("staff:manage"));
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
      <DataTable
        regionClassName="overflow-x-auto"
        tableClassName="w-full border-collapse text-left text-std-16N-170 text-solid-gray-800"
        theadClassName=""
        headRowClassName="border-b-2 border-solid-gray-536"
        headerClassName="px-3 py-2"
        caption="職員アカウントの一覧"
        rows={users}
        rowKey={(u) => u.id}
        rowClassName="border-b border-solid-gray-420"
        columns={[
          {
            header: "ログインID",
            rowHeader: true,
            className: "px-3 py-2 font-normal",
            cell: (u) => (
              <>
                <Link href={`/staff/${u.id}`} className="text-blue-900 underline underline-offset-[calc(3/16*1rem)] hover:text-blue-1000">
                  {u.loginId}
                </Link>
                {u.isSelf ? "（本人）" : ""}
              </>
            ),
          },
          { header: "氏名", className: "px-3 py-2", cell: (u) => u.displayName },
          { header: "役割", className: "px-3 py-2", cell: (u) => ROLE_LABELS[u.role] },
          isOperator && { header: "所属", className: "px-3 py-2", cell: (u) => u.municipality?.name ?? "全自治体" },
          { header: "2段階認証", className: "px-3 py-2", cell: (u) => (u.mfaEnrolled ? "設定済み" : "未設定") },
          { header: "最終ログイン", className: "px-3 py-2", cell: (u) => formatJstShort(u.lastSignInAt) },
          { header: "状態", className: "px-3 py-2", cell: (u) => (u.status === "active" ? "有効" : "無効") },
        ]}
      />
    </div>
  );
}
