import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { api } from "~/app/_trpc/server";
import { PageFrame } from "~/app/(auth)/_components/page-frame";
import { TextLink } from "~/app/_components/ui";
import { AcceptInvitationForm } from "./_components/accept-invitation-form";

export async function generateMetadata(): Promise<Metadata> {
  // The address holds a credential: keep it out of search engines.
  return { title: (await getTranslations("users"))("accept.title"), robots: { index: false, follow: false } };
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const invitee = await (await api()).invitations.check({ token }).catch((error: unknown) => {
    // A malformed token is as dead as a used one.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });
  return (
    <PageFrame tagline>
      {invitee ? (
        <>
          <h1 className="mb-2 text-xl font-semibold">{t("users.accept.title")}</h1>
          <p className="mb-4 text-sm text-slate-600">{t("users.accept.intro", { name: invitee.name, email: invitee.email })}</p>
          <AcceptInvitationForm token={token} email={invitee.email} />
        </>
      ) : (
        <div role="alert">
          <h1 className="mb-2 text-xl font-semibold">{t("users.accept.invalidTitle")}</h1>
          <p className="mb-4 text-sm text-slate-700">{t("users.accept.invalid")}</p>
          <TextLink href="/signin">{t("users.accept.signIn")}</TextLink>
        </div>
      )}
    </PageFrame>
  );
}
