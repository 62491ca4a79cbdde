import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PageHeader, TextLink } from "~/app/_components/ui";
import { api, requireViewer } from "~/app/_trpc/server";
import { ModerationLogList } from "../_components/log-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("moderation"))("log.title") };
}

type Props = { searchParams: Promise<{ cursor?: string | string[] }> };

/** Coordinators see every decision; an agency the decisions on its own notices. */
export default async function ModerationLogPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  if (!viewer.permissions.has("moderation.log")) notFound();
  const raw = (await searchParams).cursor;
  const cursor = typeof raw === "string" && /^\d{1,18}$/.test(raw) ? raw : undefined;
  const [page, t] = await Promise.all([(await api()).moderation.log({ cursor }), getTranslations("moderation.log")]);
  return (
    <>
      <PageHeader title={t("title")} subtitle={viewer.permissions.has("moderation.review") ? t("subtitleAll") : t("subtitleAgency")} />
      <ModerationLogList items={page.items} withNotice />
      {page.nextCursor ? (
        <p className="mt-4 text-center text-sm">
          <TextLink href={`/moderation/log?cursor=${page.nextCursor}`} rel="next">
            {t("older")} →
          </TextLink>
        </p>
      ) : null}
    </>
  );
}
