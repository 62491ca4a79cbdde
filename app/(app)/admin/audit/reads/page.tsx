import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { PageHeader, Table, TextLink } from "~/app/_components/ui";
import { api, requireViewer } from "~/app/_trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("moderation"))("reads.title") };
}

/** Who read the agency's AMBER, AMBER+STRICT and RED notices: one line per reader and notice, the most recently read first. */
export default async function AgencyReadsPage({ searchParams }: { searchParams: Promise<{ cursor?: string | string[] }> }) {
  const viewer = await requireViewer();
  if (!viewer.permissions.has("notice.read_log")) notFound();
  const raw = (await searchParams).cursor;
  const cursor = typeof raw === "string" && /^\d{1,18}$/.test(raw) ? raw : undefined;
  const [page, t, format] = await Promise.all([(await api()).audit.agencyReads({ cursor }), getTranslations("moderation.reads"), getFormatter()]);
  const when = (at: Date) => format.dateTime(new Date(at), { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Table head={[t("last"), t("notice"), t("reader"), t("count"), t("first")]}>
        {page.items.length === 0 ? (
          <tr>
            <td colSpan={5} className="px-3 py-4 text-center text-slate-500">
              {t("empty")}
            </td>
          </tr>
        ) : null}
        {page.items.map((read) => (
          <tr key={read.id} data-testid="agency-read">
            <td className="px-3 py-2 whitespace-nowrap">{when(read.last)}</td>
            <td className="px-3 py-2">
              <span className="mr-2 inline-block">
                <TlpBadge tlp={read.notice.tlp} />
              </span>
              <TextLink href={`/notices/${read.notice.id}`}>
                <bdi>{read.notice.title}</bdi>
              </TextLink>
            </td>
            <td className="px-3 py-2">
              {read.reader ?? "—"} {read.readerAgency ? <span className="text-slate-500">({read.readerAgency})</span> : null}
            </td>
            <td className="px-3 py-2 whitespace-nowrap">{t("times", { count: read.count })}</td>
            <td className="px-3 py-2 whitespace-nowrap">{when(read.first)}</td>
          </tr>
        ))}
      </Table>
      {page.nextCursor ? (
        <p className="mt-4 text-center text-sm">
          <TextLink href={`/admin/audit/reads?cursor=${page.nextCursor}`} rel="next">
            {t("older")} →
          </TextLink>
        </p>
      ) : null}
    </>
  );
}
