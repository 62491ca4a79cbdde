import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { env } from "~/env.js";
import { safeReturnPath } from "~/server/auth/return-path";
import { optionalViewer, pendingSecondFactor } from "~/app/_trpc/server";
import { PageFrame } from "~/app/(auth)/_components/page-frame";
import { SignInForm } from "./_components/signin-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signIn") };
}

// Only this site's paths: anything else would make the sign-in page an open redirect.
const safeCallback = (value: string | string[] | undefined) => safeReturnPath(value, env.APP_URL);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // A form posted as GET (an old page, a hand-made link) put credentials in the address: they are
  // never read from there, and the address is replaced by one without them.
  if (params.password !== undefined || params.email !== undefined) {
    const callbackUrl = safeCallback(params.callbackUrl);
    redirect(callbackUrl === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  }
  if (await optionalViewer()) redirect(safeCallback(params.callbackUrl));
  if (await pendingSecondFactor()) redirect("/mfa");
  const t = await getTranslations();
  return (
    <PageFrame tagline>
      {/* Where an invitee lands once their password is set (the invitation's POST redirects here). */}
      {params.activated === "1" ? (
        <div role="status" className="mb-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-800">
          <p className="font-medium">{t("users.accept.doneTitle")}</p>
          <p>{t("users.accept.done")}</p>
        </div>
      ) : null}
      <h1 className="mb-4 text-xl font-semibold">{t("auth.signInTitle")}</h1>
      <SignInForm callbackUrl={safeCallback(params.callbackUrl)} />
    </PageFrame>
  );
}
