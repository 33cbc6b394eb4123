import Link from "next/link";

// Page links for the log tables (issuances, audit events, incidents). Server component: plain links that
// keep the current filters, so paging works without JavaScript.
const linkClass =
  "inline-flex min-h-12 items-center rounded-8 px-4 text-std-16N-170 text-blue-900 underline underline-offset-[calc(3/16*1rem)] " +
  "hover:bg-blue-50 hover:text-blue-1000 hover:decoration-[calc(3/16*1rem)] " +
  "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black focus-visible:outline-solid focus-visible:ring-2 focus-visible:ring-yellow-300";

export function Pagination({ basePath, params, page, pageCount, total }: { basePath: string; params: Record<string, string | undefined>; page: number; pageCount: number; total: number }) {
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "page") q.set(k, v);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  return (
    <nav aria-label="ページ送り" className="flex flex-wrap items-center gap-4">
      <p className="text-std-16N-170 text-solid-gray-800">
        全{total.toLocaleString("ja-JP")}件中 {Math.max(pageCount, 1)}ページ中{page}ページ目
      </p>
      <ul className="flex gap-2">
        {page > 1 ? (
          <li>
            <Link href={href(page - 1)} className={linkClass} rel="prev">
              前のページ
            </Link>
          </li>
        ) : null}
        {page < pageCount ? (
          <li>
            <Link href={href(page + 1)} className={linkClass} rel="next">
              次のページ
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
