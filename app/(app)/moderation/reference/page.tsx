import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "~/app/_components/ui";
import { requireViewer } from "~/app/_trpc/server";
import { ProvisionCurationForm, SubstanceCurationForm } from "../_components/curation-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("moderation"))("curation.title") };
}

/** Coordinators add and correct substances and criminal provisions; crossings are edited on their own pages. */
export default async function ReferenceCurationPage({ searchParams }: { searchParams: Promise<{ saved?: string | string[] }> }) {
  const viewer = await requireViewer();
  // Which form the last save came from (its action redirects here).
  const { saved } = await searchParams;
  if (!viewer.permissions.has("reference.curate")) notFound();
  const t = await getTranslations("moderation.curation");
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("substance")}</h2>
          <SubstanceCurationForm saved={saved === "substance"} />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("provision")}</h2>
          <ProvisionCurationForm saved={saved === "provision"} />
        </Card>
      </div>
    </>
  );
}
