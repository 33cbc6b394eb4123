import Link from "next/link";
import { SignOutButton } from "./sign-out-button";

/** What the header shows about the signed-in staff member (plain values; no server types here). */
export type SiteHeaderUser = {
  displayName: string;
  roleLabel: string;
  /** Null for the operator, who works across municipalities. */
  municipalityName: string | null;
};

export const PRODUCT_NAME = "コンビニ交付 証明発行サーバ";

export function SiteHeader({ user }: { user: SiteHeaderUser | null }) {
  return (
    <header className="border-b border-solid-gray-420 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-4 py-3 desktop:px-6">
        {user ? (
          <Link
            href="/dashboard"
            className="rounded-4 text-std-20B-150 text-solid-gray-900 no-underline hover:underline"
          >
            {PRODUCT_NAME}
          </Link>
        ) : (
          <p className="text-std-20B-150 text-solid-gray-900">{PRODUCT_NAME}</p>
        )}
        {user ? (
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <dl className="flex flex-wrap items-center gap-x-4 gap-y-1 text-dns-16N-130 text-solid-gray-800">
              <div className="flex gap-1">
                <dt className="sr-only">氏名</dt>
                <dd className="font-bold">{user.displayName}</dd>
              </div>
              <div className="flex gap-1">
                <dt className="sr-only">役割</dt>
                <dd className="rounded-4 border border-solid-gray-536 px-2 py-0.5 text-dns-14N-130">{user.roleLabel}</dd>
              </div>
              <div className="flex gap-1">
                <dt className="sr-only">所属</dt>
                <dd>{user.municipalityName ?? "全自治体"}</dd>
              </div>
            </dl>
            <SignOutButton />
          </div>
        ) : null}
      </div>
    </header>
  );
}
