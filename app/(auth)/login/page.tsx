import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/layout/site-header";
import { Alert } from "@/components/ui/alert";
import { getStaffSessionForPasswordChange } from "@/server/auth/require-staff";
import { first, loginCallbackUrl } from "./_components/safe-callback-url";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "職員ログイン" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = loginCallbackUrl(first(params.callbackUrl));
  // A session with a pending password change goes on too: the portal pages send it to the change.
  if (await getStaffSessionForPasswordChange()) redirect(callbackUrl);
  // next-auth's redirect flow (pages.error = /login) passes the failure code as ?error=.
  const initialError = first(params.error);
  const passwordChanged = first(params.notice) === "password_changed";

  return (
    <>
      <SiteHeader user={null} />
      <main id="main" className="flex-1 bg-solid-gray-50 px-4 py-10 desktop:py-16">
        <div className="mx-auto w-full max-w-md rounded-12 border border-solid-gray-420 bg-white p-6 shadow-1 desktop:p-8">
          <h1 className="text-std-28B-150 text-solid-gray-900">職員ログイン</h1>
          <p className="mt-2 text-std-16N-170 text-solid-gray-700">
            自治体職員・運用事業者の方は、発行されたログインIDとパスワードでログインしてください。
          </p>
          {passwordChanged ? (
            <Alert variant="success" title="パスワードを変更しました" className="mt-6">
              新しいパスワードで、もう一度ログインしてください。
            </Alert>
          ) : null}
          <SignInForm callbackUrl={callbackUrl} initialError={initialError} className="mt-6" />
        </div>
      </main>
    </>
  );
}
