"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { StaffRoleName } from "@/lib/roles";

type NavItem = {
  href: string;
  label: string;
  /** Roles that see the entry; omitted means every role. The page itself still authorizes. */
  roles?: readonly StaffRoleName[];
};

// One entry per existing staff page, in display order. Add an entry when a page lands; never link ahead.
const NAV_ITEMS: readonly NavItem[] = [
  { href: "/dashboard", label: "ダッシュボード" },
  { href: "/issuances", label: "発行履歴" },
  { href: "/incidents", label: "インシデント" },
  { href: "/statistics", label: "利用統計・月次報告" },
  { href: "/service", label: "サービス設定" },
  { href: "/koseki-registrations", label: "利用登録の審査", roles: ["municipal_admin", "clerk", "auditor"] },
  { href: "/issuance-blocks", label: "交付停止", roles: ["municipal_admin", "clerk", "auditor"] },
  { href: "/imports", label: "データ取込", roles: ["operator", "municipal_admin"] },
  { href: "/preview", label: "証明書の見本" },
  { href: "/audit", label: "監査記録", roles: ["operator", "municipal_admin", "auditor"] },
  { href: "/municipalities", label: "自治体の管理", roles: ["operator"] },
  { href: "/api-clients", label: "APIクライアントの管理", roles: ["operator"] },
  { href: "/staff", label: "職員アカウント", roles: ["operator", "municipal_admin"] },
  { href: "/account", label: "アカウント設定" },
];

export function navItemsFor(role: StaffRoleName): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(role));
}

function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function StaffNav({ role }: { role: StaffRoleName }) {
  const pathname = usePathname() ?? "";
  const items = navItemsFor(role);
  if (items.length === 0) return null;
  return (
    <nav aria-label="メインメニュー">
      <ul className="flex flex-row flex-wrap gap-1 desktop:flex-col">
        {items.map((item) => {
          const current = isCurrent(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={
                  "block rounded-8 px-4 py-3 text-std-16N-170 text-blue-900 underline underline-offset-[calc(3/16*1rem)] " +
                  "hover:bg-blue-50 hover:text-blue-1000 hover:decoration-[calc(3/16*1rem)] " +
                  "aria-[current=page]:bg-blue-100 aria-[current=page]:font-bold aria-[current=page]:text-blue-1200 aria-[current=page]:no-underline"
                }
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
