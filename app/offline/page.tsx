import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TextLink } from "~/app/_components/ui";
import { OUTBOX_PAGE } from "~/app/_offline/kept-pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offline.page"))("title") };
}

/**
 * What the service worker shows for a page it may not keep (or has not kept) when there is no
 * connection. It names no user and shows no notice: the worker keeps it from its installation on.
 */
export default async function OfflinePage() {
  const [t, provisions, common] = await Promise.all([getTranslations("offline.page"), getTranslations("offline.provisions"), getTranslations("common")]);
  const pages = [
    { href: OUTBOX_PAGE, label: t("outboxTitle") },
    { href: "/notices/new", label: t("newNotice") },
    { href: "/substances", label: common("nav.substances") },
    { href: "/crossings", label: common("nav.crossings") },
    { href: "/provisions", label: provisions("title") },
  ];
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("explanation")}</p>
      <p className="mt-6 text-sm font-medium text-slate-700">{t("keptPages")}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {pages.map((page) => (
          <li key={page.href}>
            <TextLink href={page.href}>{page.label}</TextLink>
          </li>
        ))}
      </ul>
    </main>
  );
}
