"use client";

import { useSyncExternalStore } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DataTable } from "@/components/ui/data-table";

export type ChartRow = { key: string; label: string; count: number; copies: number; feeTotal: number };

const number = new Intl.NumberFormat("ja-JP");
const noSubscription = () => () => undefined;

/**
 * A bar chart of issuance counts with its table beside it (used by the statistics and the dashboard). The chart is decoration for sighted users
 * (aria-hidden); the table is the data, for everyone and for screen readers.
 */
export function UsageChart({
  id,
  title,
  rows,
  layout = "vertical",
  showFees = true,
  emptyText = "この月の発行はありません。",
}: {
  id: string;
  title: string;
  rows: ChartRow[];
  layout?: "vertical" | "horizontal";
  showFees?: boolean;
  /** Shown in place of the chart when every row is zero. */
  emptyText?: string;
}) {
  const horizontal = layout === "horizontal";
  const hasData = rows.some((r) => r.count > 0);
  const height = horizontal ? Math.max(120, rows.length * 32 + 40) : 260;
  // The Content-Security-Policy allows no inline style attributes (lib/security-headers.ts), and a style
  // attribute in the server's HTML would be dropped. Styles set from script (CSSOM) are allowed: the box gets its
  // height through a ref, and the chart, whose SVG recharts styles inline, is drawn only in the browser, after
  // hydration (false on the server and while hydrating, true afterwards).
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const sizeBox = (el: HTMLDivElement | null) => {
    if (el) el.style.height = `${height}px`;
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-std-24B-150 text-solid-gray-900">
        {title}
      </h2>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        {/* The drawn chart is hidden from assistive technology; the empty-state text is not. */}
        <div aria-hidden={hasData ? "true" : undefined} className="min-h-40 rounded-8 border border-solid-gray-420 bg-white p-2" ref={sizeBox}>
          {hasData ? (
            hydrated && (
            <ResponsiveContainer width="100%" height="100%">
              {/* No keyboard layer: the chart is hidden from assistive technology; the table beside it is the data. */}
              <BarChart accessibilityLayer={false} data={rows} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                {horizontal ? (
                  <>
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey="label" width={140} tick={{ fontSize: 12 }} />
                  </>
                ) : (
                  <>
                    <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
                    <YAxis allowDecimals={false} />
                  </>
                )}
                <Tooltip formatter={(v) => [`${number.format(Number(v))}件`, "発行件数"]} />
                <Bar dataKey="count" name="発行件数" fill="#0031d8" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
            )
          ) : (
            <p className="p-4 text-std-16N-170 text-solid-gray-700">{emptyText}</p>
          )}
        </div>
        <DataTable
          label={`${title}の表`}
          caption={`${title}（発行件数・通数${showFees ? "・手数料" : ""}）`}
          regionClassName="max-h-96 overflow-auto rounded-8 border border-solid-gray-420"
          theadClassName="sticky top-0 bg-solid-gray-50"
          headerClassName="border-b border-solid-gray-420 px-3 py-2 text-right text-dns-16B-130"
          rows={rows}
          rowKey={(r) => r.key}
          columns={[
            { header: "項目", headerClassName: "border-b border-solid-gray-420 px-3 py-2 text-dns-16B-130", rowHeader: true, className: "px-3 py-2 font-normal", cell: (r) => r.label },
            { header: "件数", className: "px-3 py-2 text-right tabular-nums", cell: (r) => number.format(r.count) },
            { header: "通数", className: "px-3 py-2 text-right tabular-nums", cell: (r) => number.format(r.copies) },
            showFees && { header: "手数料", className: "px-3 py-2 text-right tabular-nums", cell: (r) => `${number.format(r.feeTotal)}円` },
          ]}
        />
      </div>
    </section>
  );
}
