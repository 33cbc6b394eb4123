import Link from "next/link";

type Tab = { href: string; label: string };

/** The sub-navigation of a portal area (service configuration, statistics): links with the current page marked. */
export function SectionTabs({ label, tabs, current, query = "" }: { label: string; tabs: readonly Tab[]; current: string; query?: string }) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-2">
        {tabs.map((t) => (
          <li key={t.href}>
            <Link
              href={`${t.href}${query}`}
              aria-current={t.href === current ? "page" : undefined}
              className="block rounded-8 border border-solid-gray-420 px-3 py-2 text-std-16N-170 text-blue-900 underline underline-offset-[calc(3/16*1rem)] hover:bg-blue-50 aria-[current=page]:bg-blue-100 aria-[current=page]:font-bold aria-[current=page]:text-blue-1200 aria-[current=page]:no-underline"
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
