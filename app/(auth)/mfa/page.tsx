import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "~/env.js";
import { safeReturnPath } from "~/server/auth/return-path";
import { optionalViewer, pendingSecondFactor } from "~/app/_trpc/server";
import { PageFrame } from "~/app/(auth)/_components/page-frame";
import { Enrolment } from "./_components/enrolment";
import { SignOutLink } from "./_components/sign-out-link";
import { VerifyForm } from "./_components/verify-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("security.mfa"))("verifyTitle") };
}

// Personal to the session: never prerendered, never cached.
export const dynamic = "force-dynamic";

/**
 * Whether this render is the answer to one of the page's own POSTs (a server action, with
 * JavaScript or without). Confirming the enrolment replaces the session: the request still carries
 * the old cookie, and the recovery codes exist only in this answer, so it is rendered in place
 * rather than sent away. It shows nothing the action did not return.
 */
async function answeringPost(): Promise<boolean> {
  const request = await headers();
  return request.has("next-action") || (request.get("content-type") ?? "").startsWith("multipart/form-data");
}

/** The only page a session reaches between its password and its second factor. */
export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl, env.APP_URL);
  const pending = await pendingSecondFactor();
  const viewer = await optionalViewer();
  if (viewer && !(await answeringPost())) redirect(callbackUrl);
  // A post answered in place still needs a session of its own: none at all goes to sign-in.
  if (!pending && !viewer) redirect("/signin");
  const t = await getTranslations();
  return (
    <PageFrame>
      {pending?.step === "verify" ? (
        <>
          <h1 className="mb-2 text-xl font-semibold">{t("security.mfa.verifyTitle")}</h1>
          <p className="mb-4 text-sm text-slate-600">{t("security.mfa.verifyIntro")}</p>
          <VerifyForm recovery={params.recovery === "1"} callbackUrl={callbackUrl} />
        </>
      ) : (
        <>
          <h1 className="mb-2 text-xl font-semibold">{t("security.mfa.enrolTitle")}</h1>
          <p className="mb-4 text-sm text-slate-600">{t("security.mfa.enrolRequired")}</p>
          <Enrolment continueTo="/" />
        </>
      )}
      <div className="mt-6 border-t border-slate-200 pt-4">
        <SignOutLink />
      </div>
    </PageFrame>
  );
}
