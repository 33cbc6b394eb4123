"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { can, type Permission } from "@/lib/permissions";
import type { StaffRoleName } from "@/lib/roles";

type NavItem = {
  href: string;
  label: string;
  /** The permission a role needs to see the entry; omitted means every role. The page itself still authorizes. */
  permission?: Permission;
};

// One entry per existing staff page, in display order. Add an entry when a page lands; never link ahead.
const NAV_ITEMS: readonly NavItem[] = [
  { href: "/dashboard", label: "ダッシュボード" },
  { href: "/issuances", label: "発行履歴" },
  { href: "/incidents", label: "インシデント" },
  { href: "/statistics", label: "利用統計・月次報告" },
  { href: "/service", label: "サービス設定" },
  { href: "/koseki-registrations", label: "利用登録の審査", permission: "registrations:read" },
  { href: "/issuance-blocks", label: "交付停止", permission: "issuance-blocks:read" },
  { href: "/residents", label: "住民照会", permission: "residents:read" },
  { href: "/imports", label: "データ取込", permission: "imports:run" },
  { href: "/preview", label: "証明書の見本" },
  { href: "/audit", label: "監査記録", permission: "audit:read" },
  { href: "/municipalities", label: "自治体の管理", permission: "municipalities:manage" },
  { href: "/api-clients", label: "APIクライアントの管理", permission: "api-clients:manage" },
  { href: "/staff", label: "職員アカウント", permission: "staff:manage" },
  { href: "/account", label: "アカウント設定" },
  { href: "/mayor-and-seal", label: "市区町村長と公印" },
  { href: "/alerts", label: "アラート", permission: "alerts:read" },
];

export function navItemsFor(role: StaffRoleName): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || can(role, item.permission));
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
