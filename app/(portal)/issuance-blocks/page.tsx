import type { Metadata } from "next";
import { ActionButton } from "@/components/ui/action-button";
import { DataTable, TABLE_CELL_CLASS } from "@/components/ui/data-table";
import { ISSUANCE_BLOCK_REASONS } from "@/lib/schemas/issuance-block";
import { formatJstMinute } from "@/lib/jst";
import { requireStaff } from "@/server/auth/require-staff";
import { listIssuanceBlocks } from "@/server/issuance-blocks/list-issuance-blocks";
import { can, rolesWith } from "@/lib/permissions";
import { liftIssuanceBlockAction } from "./actions";
import { BlockForm } from "./_components/block-form";

export const metadata: Metadata = { title: "交付停止" };

export default async function IssuanceBlocksPage() {
  const staff = await requireStaff(...rolesWith("issuance-blocks:read"));
  const blocks = await listIssuanceBlocks({ ctx: staff.ctx });
  const active = blocks.filter((b) => b.liftedAt === null);
  const lifted = blocks.filter((b) => b.liftedAt !== null);
  const canSet = can(staff.role, "issuance-blocks:set");
  const canLift = can(staff.role, "issuance-blocks:lift");

  return (
    <div className="flex flex-col gap-10">
      <div className="flex flex-col gap-2">
        <h1 className="text-std-32B-150 text-solid-gray-900">交付停止</h1>
        <p className="text-std-16N-170 text-solid-gray-800">
          窓口で受け付けた支援措置の申出やカードの紛失などにより、その方のコンビニ交付をただちに停止します。次のデータ連携を待たずに、次の発行要求から拒否されます（キオスクには理由を表示しません）。解除できるのは自治体管理者だけです。
        </p>
      </div>
      {canSet ? (
        <section aria-labelledby="set-heading" className="flex flex-col gap-4">
          <h2 id="set-heading" className="text-std-24B-150 text-solid-gray-900">交付停止の設定</h2>
          <BlockForm />
        </section>
      ) : null}
      <section aria-labelledby="active-heading" className="flex flex-col gap-4">
        <h2 id="active-heading" className="text-std-24B-150 text-solid-gray-900">停止中（{active.length}件）</h2>
        <DataTable
          regionClassName=""
          tableClassName="w-full border-collapse text-left"
          theadClassName=""
          rowClassName=""
          rows={active}
          rowKey={(b) => b.id}
          empty={<p className="text-std-16N-170">停止中の住民はいません。</p>}
          columns={[
            { header: "住民番号", className: TABLE_CELL_CLASS, cell: (b) => b.residentNo },
            { header: "氏名", className: TABLE_CELL_CLASS, cell: (b) => b.residentName },
            { header: "理由", className: TABLE_CELL_CLASS, cell: (b) => `${ISSUANCE_BLOCK_REASONS[b.reason]}${b.note ? `（${b.note}）` : ""}` },
            { header: "設定日時・設定者", className: TABLE_CELL_CLASS, cell: (b) => `${formatJstMinute(b.setAt)}（${b.setBy ?? "—"}）` },
            canLift && {
              header: "操作",
              className: TABLE_CELL_CLASS,
              cell: (b) => (
                <ActionButton action={liftIssuanceBlockAction} input={{ blockId: b.id }} label={`${b.residentName}さんの交付停止を解除`} pendingLabel="解除しています…" confirm={`${b.residentName}さんの交付停止を解除します。よろしいですか。`} />
              ),
            },
          ]}
        />
      </section>
      {lifted.length ? (
        <section aria-labelledby="lifted-heading" className="flex flex-col gap-4">
          <h2 id="lifted-heading" className="text-std-24B-150 text-solid-gray-900">解除した交付停止（過去30日）</h2>
          <ul className="flex flex-col gap-2 text-std-16N-170">
            {lifted.map((b) => (
              <li key={b.id}>
                {b.residentNo} {b.residentName}：{ISSUANCE_BLOCK_REASONS[b.reason]}、{formatJstMinute(b.setAt)}〜{formatJstMinute(b.liftedAt!)}（解除：{b.liftedBy ?? "—"}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
