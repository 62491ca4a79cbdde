"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, TextField, type FormErrors } from "~/app/_components/form";
import { rememberLocale } from "~/app/_components/locale-switcher";
import { LocaleSelect, TimeZoneSelect } from "~/app/_components/preference-selects";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import type { PreferencesInput } from "~/schemas/profile";

export function PreferencesForm({ initial, zones }: { initial: PreferencesInput; zones: { regional: string[]; others: string[] } }) {
  const t = useTranslations("profile.preferences");
  const router = useRouter();
  const trpc = useTRPC();
  const save = useMutation(trpc.profile.updatePreferences.mutationOptions());
  const [value, setValue] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate(value, {
      onSuccess: () => {
        setErrors(noErrors);
        setSaved(true);
        // The signed-in pages take the language from the account; the cookie carries it to the
        // sign-in page after signing out.
        rememberLocale(value.locale);
        router.refresh();
      },
      onError: (error) => setErrors(formErrors(error)),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-labelledby="preferences-title">
      <h2 id="preferences-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <FormMessage message={errors.message} />
      <TextField
        label={t("displayName")}
        name="name"
        required
        maxLength={200}
        autoComplete="name"
        hint={t("displayNameHint")}
        value={value.name}
        error={errors.fields.name}
        onChange={(event) => setValue({ ...value, name: event.target.value })}
      />
      <LocaleSelect
        label={t("language")}
        name="locale"
        value={value.locale}
        error={errors.fields.locale}
        onLocale={(locale) => setValue({ ...value, locale })}
      />
      <TimeZoneSelect
        label={t("timeZone")}
        name="timeZone"
        hint={t("timeZoneHint")}
        value={value.timeZone}
        error={errors.fields.timeZone}
        onChange={(event) => setValue({ ...value, timeZone: event.target.value })}
        zones={zones}
        regionalLabel={t("regionalZones")}
        otherLabel={t("otherZones")}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t("saving") : t("save")}
        </Button>
        {saved ? (
          <p role="status" className="text-sm text-green-800">
            {t("saved")}
          </p>
        ) : null}
      </div>
    </form>
  );
}
