import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { api, requireViewer } from "~/app/_trpc/server";
import { localized } from "~/app/_components/names";
import { Card, Facts, PageHeader, TextLink } from "~/app/_components/ui";
import { timeZoneOptions } from "~/schemas/profile";
import { PasswordForm } from "./_components/password-form";
import { PreferencesForm } from "./_components/preferences-form";
import { SecurityCard } from "./_components/security-card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ done?: string | string[] }> }) {
  await requireViewer();
  // Where the profile's forms send the browser after success.
  const { done } = await searchParams;
  const caller = await api();
  const [profile, security, t, tc, locale] = await Promise.all([
    caller.profile.get(),
    caller.mfa.status(),
    getTranslations("profile"),
    getTranslations("common"),
    getLocale(),
  ]);
  // Listed here rather than in the browser, whose own time-zone list may differ from the server's.
  const zones = timeZoneOptions();

  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="lg:col-span-2">
          <h2 className="mb-4 text-lg font-semibold">{t("account")}</h2>
          <Facts
            items={[
              { label: t("name"), value: <span data-testid="profile-name">{profile.name}</span> },
              { label: t("email"), value: profile.email },
              { label: t("agency"), value: localized(profile.agency.name, locale) },
              { label: t("role"), value: tc(`roles.${profile.role}`) },
              {
                label: t("dutyStation"),
                value: profile.dutyStation ? (
                  <TextLink href={`/crossings/${profile.dutyStation.id}`}>{localized(profile.dutyStation.name, locale)}</TextLink>
                ) : null,
              },
            ]}
          />
        </Card>
        <Card>
          <PreferencesForm initial={{ name: profile.name, locale: profile.locale, timeZone: profile.timeZone }} zones={zones} saved={done === "preferences"} />
        </Card>
        <Card>
          <PasswordForm changed={done === "password"} />
        </Card>
        <Card className="lg:col-span-2">
          <SecurityCard status={security} done={done === "mfaOff" ? done : null} />
        </Card>
      </div>
    </>
  );
}
