import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { api, orNotFound, requireViewer } from "~/app/_trpc/server";
import { ClientMessages, NOTICE_FORM_NAMESPACES } from "~/app/_components/client-messages";
import { PageHeader, TextLink } from "~/app/_components/ui";
import { ZNoticeId } from "~/schemas/notices";
import { NoticeForm } from "../../_components/form/notice-form";
import { localizedFormOptions } from "../../_components/form/options";
import { valuesFromSnapshot } from "../../_components/form/values";

type Props = { params: Promise<{ id: string }> };

// The page and its title share one read per request; a malformed id is as absent as an unknown
// one, and so is a notice the viewer may read but not edit.
const load = cache(async (id: string) => {
  const parsed = ZNoticeId.safeParse(id);
  if (!parsed.success) notFound();
  const found = await orNotFound((await api()).notices.get({ id: parsed.data }));
  if (!found.can.edit) notFound();
  return found;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { notice } = await load((await params).id);
  return { title: (await getTranslations("noticeForm"))("editTitle", { title: notice.title }) };
}

export default async function EditNoticePage({ params }: Props) {
  const viewer = await requireViewer();
  const { notice } = await load((await params).id);
  const [t, options] = await Promise.all([getTranslations("noticeForm"), localizedFormOptions()]);
  return (
    <>
      <PageHeader
        title={t("editTitle", { title: notice.title })}
        subtitle={t("editSubtitle", { version: notice.version })}
        actions={<TextLink href={`/notices/${notice.id}`}>{t("actions.backToNotice")}</TextLink>}
      />
      <ClientMessages more={NOTICE_FORM_NAMESPACES}>
        <NoticeForm
          mode="edit"
          kind={notice.kind}
          userId={viewer.userId}
          options={options}
          noticeId={notice.id}
          version={notice.version}
          defaultValue={valuesFromSnapshot(notice, viewer.timeZone)}
          recipientLabels={Object.fromEntries(notice.release.recipients.map((r) => [r.id, r.name]))}
        />
      </ClientMessages>
    </>
  );
}
