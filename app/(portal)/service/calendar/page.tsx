import type { Metadata } from "next";
import Link from "next/link";
import { ChooseMunicipality } from "@/components/layout/choose-municipality";
import { DataTable } from "@/components/ui/data-table";
import { CERTIFICATE_NAMES, CERTIFICATE_TYPES } from "@/lib/certificate-types";
import { jstDateString } from "@/lib/jst";
import { DAY_STATUS_LABELS, type DayStatus } from "@/lib/schemas/service-config";
import { getMonthAvailability } from "@/server/service-config/get-month-availability";
import { requireStaffTarget } from "@/server/auth/target-municipality";
import { ServiceHeader } from "../_components/service-header";

export const metadata: Metadata = { title: "月間カレンダー" };

const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];
const CELL: Record<DayStatus, string> = {
  full: "text-solid-gray-900",
  partial: "bg-yellow-50 text-solid-gray-900 font-bold",
  stopped: "bg-red-50 text-error-2 font-bold",
  year_end: "bg-solid-gray-50 text-solid-gray-800",
  not_offered: "text-solid-gray-700",
};

const shift = (month: string, by: number) => {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
};

// A server-rendered grid: the same service-calendar functions as issuance decide every cell.
export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { staff, municipalities, target, canEdit, choosesMunicipality } = await requireStaffTarget(params, { read: "service:read", edit: "service:edit" });
  const header = <ServiceHeader current="/service/calendar" title="月間カレンダー" {...{ choosesMunicipality, municipalities, target, canEdit }} />;
  if (!target) return <div className="flex flex-col gap-8">{header}<ChooseMunicipality /></div>;
  const month = typeof params.month === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(params.month) ? params.month : jstDateString(new Date()).slice(0, 7);
  const cal = await getMonthAvailability({ ctx: staff.ctx, input: { month, ...(choosesMunicipality ? { municipalityId: target.id } : {}) } });
  const link = (m: string) => `/service/calendar?${new URLSearchParams({ month: m, ...(choosesMunicipality ? { municipality: target.code } : {}) })}`;
  const [y, m] = month.split("-").map(Number);

  return (
    <div className="flex flex-col gap-8">
      {header}
      <div className="flex flex-wrap items-center gap-4">
        <Link href={link(shift(month, -1))} className="text-blue-900 underline">前の月</Link>
        <h2 className="text-std-24B-150 text-solid-gray-900">{y}年{m}月</h2>
        <Link href={link(shift(month, 1))} className="text-blue-900 underline">次の月</Link>
      </div>
      <p className="text-std-16N-170 text-solid-gray-800">
        全日：提供時間中すべて発行できます。一部：計画停止などで一部の時間のみ。停止：終日発行できません。年末年始：12月29日〜1月3日は全国で休止します。
      </p>
      <DataTable
        label={`${y}年${m}月の提供状況の表`}
        caption="日ごと・証明書ごとの提供状況"
        tableClassName="w-full border-collapse text-left text-dns-14N-130"
        headerClassName="border-b border-solid-gray-420 px-2 py-2 text-dns-14B-120"
        rows={cal.days}
        rowKey={(d) => d.date}
        columns={[
          {
            header: "日付",
            headerClassName: "border-b border-solid-gray-420 px-2 py-2",
            rowHeader: true,
            className: "whitespace-nowrap px-2 py-2 font-normal",
            cell: (d) => `${Number(d.date.slice(8))}日（${WEEKDAYS[new Date(`${d.date}T00:00:00Z`).getUTCDay()]}${d.holiday ? "・祝" : ""}）`,
          },
          ...CERTIFICATE_TYPES.map((t) => ({
            header: CERTIFICATE_NAMES[t],
            className: (d: (typeof cal.days)[number]) => `px-2 py-2 ${CELL[d.types[t]]}`,
            data: (d: (typeof cal.days)[number]) => ({ "data-status": d.types[t] }) as const,
            cell: (d: (typeof cal.days)[number]) => DAY_STATUS_LABELS[d.types[t]],
          })),
        ]}
      />
    </div>
  );
}
