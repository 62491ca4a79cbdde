import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requireViewer } from "~/app/_trpc/server";
import { PageHeader } from "~/app/_components/ui";
import { ScreeningForm } from "./_components/screening-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("screening"))("title") };
}

/** Declaration screening: the form, and the result of the last post (never stored, never in the address). */
export default async function ScreeningPage() {
  const viewer = await requireViewer();
  // Without the permission the page does not exist, as far as the viewer can tell.
  if (!viewer.permissions.has("declaration.screen")) notFound();
  const t = await getTranslations("screening");
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <ScreeningForm canReport={viewer.permissions.has("notice.create")} />
    </>
  );
}
