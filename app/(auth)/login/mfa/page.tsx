import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/layout/site-header";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { requireSignedInStaff } from "@/server/auth/require-staff";
import { first, loginCallbackUrl } from "../_components/safe-callback-url";
import { MfaVerifyForm } from "./_components/mfa-verify-form";

export const metadata: Metadata = { title: "2段階認証" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The second sign-in step. Reachable with a password-only session; shows nothing but the code form.
export default async function MfaStepPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireSignedInStaff();
  const callbackUrl = loginCallbackUrl(first((await searchParams).callbackUrl));
  if (staff.mfa === "passed") redirect(callbackUrl);
  if (staff.mfa === "enrol") redirect("/account/mfa");

  return (
    <>
      <SiteHeader user={null} />
      <main id="main" className="flex-1 bg-solid-gray-50 px-4 py-10 desktop:py-16">
        <div className="mx-auto w-full max-w-md rounded-12 border border-solid-gray-420 bg-white p-6 shadow-1 desktop:p-8">
          <h1 className="text-std-28B-150 text-solid-gray-900">2段階認証</h1>
          <p className="mt-2 text-std-16N-170 text-solid-gray-700">
            {staff.displayName}（{staff.loginId}）さん、認証アプリに表示されている6桁の確認コードを入力してください。
          </p>
          <MfaVerifyForm callbackUrl={callbackUrl} className="mt-6" />
          <div className="mt-8 border-t border-solid-gray-420 pt-6">
            <p className="mb-3 text-std-16N-170 text-solid-gray-700">別のアカウントでログインする場合</p>
            <SignOutButton />
          </div>
        </div>
      </main>
    </>
  );
}
