import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Link } from "~/app/_components/link";
import { notFound } from "next/navigation";
import { api, requireViewer } from "~/app/_trpc/server";
import { ClientMessages, NOTICE_FORM_NAMESPACES } from "~/app/_components/client-messages";
import { PageHeader } from "~/app/_components/ui";
import type { NoticeKind } from "~/schemas/notice-enums";
import { NoticeForm } from "../_components/form/notice-form";

type Props = { searchParams: Promise<{ kind?: string | string[] }> };

// The address people share says "company"; the notice kind is "company_alert".
const KIND_PARAMS = { seizure: "seizure", company: "company_alert", arrest: "arrest" } as const satisfies Record<string, NoticeKind>;
type KindParam = keyof typeof KIND_PARAMS;

const kindOf = (value: string | string[] | undefined): NoticeKind | null =>
  typeof value === "string" && Object.hasOwn(KIND_PARAMS, value) ? KIND_PARAMS[value as KindParam] : null;

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("noticeForm");
  const kind = kindOf((await searchParams).kind);
  return { title: kind ? t(`newTitle.${kind}`) : t("chooser.title") };
}

export default async function NewNoticePage({ searchParams }: Props) {
  const viewer = await requireViewer();
  // Without the permission the page does not exist, as far as the viewer can tell.
  if (!viewer.permissions.has("notice.create")) notFound();
  const kind = kindOf((await searchParams).kind);
  const [t, vocab] = await Promise.all([getTranslations("noticeForm"), getTranslations("vocab")]);

  if (!kind) {
    return (
      <>
        <PageHeader title={t("chooser.title")} subtitle={t("chooser.subtitle")} />
        <ul className="grid gap-4 md:grid-cols-3">
          {(Object.entries(KIND_PARAMS) as [KindParam, NoticeKind][]).map(([param, value]) => (
            <li key={param}>
              <Link
                href={`/notices/new?kind=${param}`}
                className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600 focus-visible:border-brand-600 sm:p-6"
              >
                <span className="block text-lg font-semibold text-brand-900">{vocab(`kind.${value}`)}</span>
                <span className="mt-1 block text-sm text-slate-600">{t(`chooser.${value}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </>
    );
  }

  const options = await (await api()).notices.formOptions();
  return (
    <>
      <PageHeader title={t(`newTitle.${kind}`)} subtitle={t(`chooser.${kind}`)} />
      <ClientMessages more={NOTICE_FORM_NAMESPACES}>
        <NoticeForm mode="create" kind={kind} userId={viewer.userId} options={options} />
      </ClientMessages>
    </>
  );
}
