import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Link } from "~/app/_components/link";
import { notFound } from "next/navigation";
import { requireViewer } from "~/app/_trpc/server";
import { ClientMessages, noticeFormNamespaces } from "~/app/_components/client-messages";
import { PageHeader } from "~/app/_components/ui";
import { kindOfParam as kindOf, NEW_NOTICE_KINDS, newNoticeHref } from "../../_components/new-notice";
import { NoticeForm } from "../_components/form/notice-form";
import { localizedFormOptions, optionsForKind } from "../_components/form/options";
import { newNoticeValues } from "../_components/form/values";

type Param = string | string[] | undefined;
type Props = {
  searchParams: Promise<{ kind?: Param; crossing?: Param; substance?: Param; declaredAs?: Param; hs?: Param; vehicle?: Param }>;
};

// A screened declaration's line, as "Report as a seizure" on the screening page sends it: text the
// form checks like any typed value, cut to what a field holds.
const typed = (value: Param, max: number) => (typeof value === "string" && value.trim() ? value.trim().slice(0, max) : undefined);

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("noticeForm");
  const kind = kindOf((await searchParams).kind);
  return { title: kind ? t(`newTitle.${kind}`) : t("chooser.title") };
}

export default async function NewNoticePage({ searchParams }: Props) {
  const viewer = await requireViewer();
  // Without the permission the page does not exist, as far as the viewer can tell.
  if (!viewer.permissions.has("notice.create")) notFound();
  const params = await searchParams;
  const kind = kindOf(params.kind);
  const [t, vocab] = await Promise.all([getTranslations("noticeForm"), getTranslations("vocab")]);

  if (!kind) {
    return (
      <>
        <PageHeader title={t("chooser.title")} subtitle={t("chooser.subtitle")} />
        <ul className="grid gap-4 md:grid-cols-3">
          {NEW_NOTICE_KINDS.map(({ param, kind: value }) => (
            <li key={param}>
              <Link
                href={newNoticeHref(param)}
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

  const options = optionsForKind(await localizedFormOptions(), kind);
  // "Report a seizure here" on a crossing or substance page: a value that names nothing the form
  // offers is ignored, and the author chooses as usual.
  const offered = (value: Param, ids: string[]) => (typeof value === "string" && ids.includes(value) ? value : undefined);
  const prefill = {
    crossingId: offered(
      params.crossing,
      options.crossings.map((c) => c.value),
    ),
    substanceId:
      kind === "seizure"
        ? offered(
            params.substance,
            options.substances.map((s) => s.value),
          )
        : undefined,
    ...(kind === "seizure"
      ? {
          declaredAs: typed(params.declaredAs, 200),
          declaredHsCode: typed(params.hs, 20),
          conveyanceIds: typed(params.vehicle, 500)
            ?.split(/[,;]/u)
            .map((id) => id.trim())
            .filter(Boolean),
        }
      : {}),
  };
  return (
    <>
      <PageHeader title={t(`newTitle.${kind}`)} subtitle={t(`chooser.${kind}`)} />
      <ClientMessages more={noticeFormNamespaces(kind)}>
        {/* The idempotency key is made here, with the page: every post of this form, resent or
            retried, is the one notice. */}
        <NoticeForm
          mode="create"
          kind={kind}
          userId={viewer.userId}
          options={options}
          defaultValue={newNoticeValues(kind, options.ownAgencyId, randomUUID(), prefill)}
        />
      </ClientMessages>
    </>
  );
}
