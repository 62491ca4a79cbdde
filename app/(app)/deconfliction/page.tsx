import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { api, requireViewer } from "~/app/_trpc/server";
import { Confirmation, PageHeader } from "~/app/_components/ui";
import { AskedOfUs } from "./_components/asked";
import { Exchange, OurRequests } from "./_components/ours";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("deconfliction.page");
  return { title: t("title") };
}

type Props = { searchParams: Promise<{ done?: string | string[] }> };
const DONE = ["release", "decline", "reply", "refused"] as const;

/** Deconfliction (issue 19): what other agencies ask of this one, what it asked, and the audit of both. */
export default async function DeconflictionPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  // Without the permission the page does not exist, as far as the viewer can tell.
  if (!viewer.permissions.has("deconfliction.request")) notFound();
  const [overview, t, td] = await Promise.all([
    (await api()).deconfliction.overview(),
    getTranslations("deconfliction.page"),
    getTranslations("deconfliction.done"),
  ]);
  const query = await searchParams;
  const done = DONE.find((d) => d === query.done);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      {done === "refused" ? (
        <p role="alert" className="text-sm text-red-800">
          {td("refused")}
        </p>
      ) : done ? (
        <Confirmation className="text-sm text-green-800">{td(done)}</Confirmation>
      ) : null}
      <AskedOfUs asked={overview.asked} />
      <OurRequests ours={overview.ours} />
      <Exchange entries={overview.exchange} />
    </div>
  );
}
