import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { localized } from "~/app/_components/names";
import { ReferenceText } from "~/app/_components/reference-text";
import { Badge, PageHeader } from "~/app/_components/ui";
import { api, requireViewer } from "~/app/_trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offline.provisions"))("title") };
}

/**
 * The criminal provisions an arrest may be charged under, country by country: reference data,
 * kept on the device for reading offline like substances and crossings. The texts are shown in the
 * reader's language, in English (marked so) where a translation is missing.
 */
export default async function ProvisionsPage() {
  await requireViewer();
  const caller = await api();
  const [rows, countries, t, locale] = await Promise.all([
    caller.reference.provisions.list(),
    caller.reference.countries.list(),
    getTranslations("offline.provisions"),
    getLocale(),
  ]);
  const groups = [...new Set(rows.map((row) => row.countryCode))].map((code) => {
    const names = countries.find((c) => c.code === code)?.name;
    return { code, name: names ? localized(names, locale) : code, rows: rows.filter((row) => row.countryCode === code) };
  });

  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <div className="space-y-8">
        {groups.map((group) => (
          <section key={group.code} aria-labelledby={`provisions-${group.code}`}>
            <h2 id={`provisions-${group.code}`} className="mb-3 text-lg font-semibold">
              {group.name}
            </h2>
            <ul className="space-y-3">
              {group.rows.map((row) => (
                <li key={row.id} data-testid={`provision-${row.id}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 className="font-semibold">{row.article ? t("article", { article: row.article }) : t("noArticle")}</h3>
                    <Badge tone={row.inForce ? "green" : "slate"}>{row.inForce ? t("inForce") : t("repealed")}</Badge>
                  </div>
                  <p className="mt-1">
                    <ReferenceText texts={{ en: row.titleEn, ru: row.titleRu, zh: row.titleZh }} locale={locale} />
                  </p>
                  <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
                    <dt className="text-slate-600">{t("code")}</dt>
                    <dd>
                      <ReferenceText texts={{ en: row.code, ru: row.codeRu, zh: row.codeZh }} locale={locale} />
                    </dd>
                    {row.penaltySummary ? (
                      <>
                        <dt className="text-slate-600">{t("penalty")}</dt>
                        <dd>
                          <ReferenceText texts={{ en: row.penaltySummary, ru: row.penaltySummaryRu, zh: row.penaltySummaryZh }} locale={locale} />
                        </dd>
                      </>
                    ) : null}
                    {row.sourceNote ? (
                      <>
                        <dt className="text-slate-600">{t("source")}</dt>
                        <dd>
                          <ReferenceText texts={{ en: row.sourceNote, ru: row.sourceNoteRu, zh: row.sourceNoteZh }} locale={locale} />
                        </dd>
                      </>
                    ) : null}
                    {row.verification ? (
                      <>
                        <dt className="text-slate-600">{t("verification")}</dt>
                        <dd>
                          <ReferenceText texts={{ en: row.verification, ru: row.verificationRu, zh: row.verificationZh }} locale={locale} />
                        </dd>
                      </>
                    ) : null}
                  </dl>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
