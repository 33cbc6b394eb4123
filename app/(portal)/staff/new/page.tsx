import type { Metadata } from "next";
import { can, rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { assignableRoles } from "@/server/staff/staff-scope";
import { CreateStaffForm } from "../_components/create-staff-form";

export const metadata: Metadata = { title: "職員を追加" };

export default async function NewStaffPage() {
  const staff = await requireStaff(...rolesWith("staff:manage"));
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <h1 className="text-std-28B-150 text-solid-gray-900">職員を追加</h1>
      <p className="text-std-16N-170 text-solid-gray-800">
        初期パスワードを本人に安全な方法で伝えてください。初回ログイン時に2段階認証の設定が必要です。
      </p>
      <CreateStaffForm roles={[...assignableRoles(staff.ctx)]} chooseMunicipality={can(staff.role, "all-municipalities")} />
    </div>
  );
}
