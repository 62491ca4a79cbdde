import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageFrame } from "~/app/(auth)/_components/page-frame";
import { Button, TextLink } from "~/app/_components/ui";
import { verifyUnsubscribe } from "~/server/email/unsubscribe-token";

export async function generateMetadata(): Promise<Metadata> {
  // The address holds a credential: keep it out of search engines.
  return { title: (await getTranslations("subscriptions"))("unsubscribe.title"), robots: { index: false, follow: false } };
}

/** Asks before acting: a link scanner opening the link from the email must not unsubscribe anyone. */
export default async function UnsubscribePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ done?: string; invalid?: string }>;
}) {
  const { token } = await params;
  const { done, invalid } = await searchParams;
  const t = await getTranslations();
  const valid = !invalid && verifyUnsubscribe(token) !== null;
  return (
    <PageFrame>
      <h1 className="mb-2 text-xl font-semibold">{t("subscriptions.unsubscribe.title")}</h1>
      {!valid ? (
        <p id="unsubscribe-result" className="mb-4 text-sm text-slate-700">
          {t("subscriptions.unsubscribe.invalid")}
        </p>
      ) : done ? (
        <p id="unsubscribe-result" className="mb-4 text-sm text-slate-700">
          {t("subscriptions.unsubscribe.done")}
        </p>
      ) : (
        <form method="post" action={`/api/unsubscribe/${encodeURIComponent(token)}`}>
          <p className="mb-4 text-sm text-slate-700">{t("subscriptions.unsubscribe.confirm")}</p>
          <Button type="submit">{t("subscriptions.unsubscribe.button")}</Button>
        </form>
      )}
      <p className="mt-4 text-sm">
        <TextLink href="/subscriptions">{t("subscriptions.unsubscribe.manage")}</TextLink>
      </p>
    </PageFrame>
  );
}
