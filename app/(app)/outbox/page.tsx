import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/app/_components/ui";
import { OutboxList } from "~/app/_offline/outbox-list";
import { requireViewer } from "~/app/_trpc/server";
import { NOTICE_KINDS, type NoticeKind } from "~/schemas/notice-enums";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offline.page"))("outboxTitle") };
}

/**
 * The notices written on this device that the server does not have yet. The list lives in the
 * browser (IndexedDB), so this page carries no notice and may be kept for offline use.
 */
export default async function OutboxPage() {
  const viewer = await requireViewer();
  const [t, vocab] = await Promise.all([getTranslations("offline.page"), getTranslations("vocab")]);
  const kinds = Object.fromEntries(NOTICE_KINDS.map((kind) => [kind, vocab(`kind.${kind}`)])) as Record<NoticeKind, string>;
  return (
    <>
      <PageHeader title={t("outboxTitle")} subtitle={t("outboxSubtitle")} />
      <OutboxList userId={viewer.userId} kinds={kinds} />
    </>
  );
}
