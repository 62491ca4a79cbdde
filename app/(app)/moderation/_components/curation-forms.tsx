"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, SelectField, TextField, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import { fieldErrors } from "~/schemas/issues";
import { CROSSING_COUNTRIES, ZCrossingCurate, ZProvisionCurate, ZSubstanceCurate } from "~/schemas/reference";
import type { z } from "zod";

/** The values of a form of text fields, with a change handler per field. */
function useFields<V extends Record<string, unknown>>(empty: V) {
  const [values, setValues] = useState(empty);
  const set = (key: keyof V) => (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value });
  return { values, setValues, set };
}

/** Parses with the procedure's schema first, so errors land next to their fields; then saves. */
function useCurationForm<S extends z.ZodType>(schema: S, save: (input: z.output<S>, handlers: { onSuccess: () => void; onError: (e: unknown) => void }) => void) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState(false);
  const submit = (values: unknown) => (event: FormEvent) => {
    event.preventDefault();
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setErrors({ fields: fieldErrors(parsed.error), message: null });
      return;
    }
    setSaved(false);
    save(parsed.data, {
      onSuccess: () => {
        setErrors(noErrors);
        setSaved(true);
        router.refresh();
      },
      onError: (error) => setErrors(formErrors(error)),
    });
  };
  return { errors, saved, submit };
}

function Saved({ shown }: { shown: boolean }) {
  const t = useTranslations("moderation.curation");
  return shown ? (
    <p role="status" className="text-sm text-green-800">
      {t("saved")}
    </p>
  ) : null;
}

/** A crossing's status and schedule, as coordinators keep them current (Kulma: open May–November …). */
export function CrossingCurationForm({ id, status, scheduleNote }: { id: string; status: "open" | "seasonal" | "closed"; scheduleNote: string | null }) {
  const t = useTranslations("moderation.curation");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.reference.crossings.curate.mutationOptions());
  const [values, setValues] = useState({ status, scheduleNote: scheduleNote ?? "" });
  const { errors, saved, submit } = useCurationForm(ZCrossingCurate, mutation.mutate);
  return (
    <form onSubmit={submit({ id, ...values })} noValidate className="space-y-3" aria-label={t("crossing")} data-testid="crossing-curation">
      <FormMessage message={errors.message} />
      <SelectField label={t("status")} name="status" value={values.status} error={errors.fields.status} onChange={(e) => setValues({ ...values, status: e.target.value as typeof status })}>
        {(["open", "seasonal", "closed"] as const).map((value) => (
          <option key={value} value={value}>
            {t(`statuses.${value}`)}
          </option>
        ))}
      </SelectField>
      <TextField label={t("scheduleNote")} hint={t("scheduleHint")} name="scheduleNote" maxLength={500} value={values.scheduleNote} error={errors.fields.scheduleNote} onChange={(e) => setValues({ ...values, scheduleNote: e.target.value })} />
      <Button type="submit" disabled={mutation.isPending}>
        {t("save")}
      </Button>
      <Saved shown={saved} />
    </form>
  );
}

const emptySubstance = { id: "", conventionTable: "I" as "I" | "II", nameEn: "", nameRu: "", nameZh: "", aliases: "", cas: "", hsCode: "" };

/** Adds a substance, or changes one named by its identifier (only the fields given). */
export function SubstanceCurationForm() {
  const t = useTranslations("moderation.curation");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.reference.substances.curate.mutationOptions());
  const { values, set } = useFields(emptySubstance);
  const { errors, saved, submit } = useCurationForm(ZSubstanceCurate, mutation.mutate);
  const aliases = values.aliases.split(",").map((a) => a.trim()).filter(Boolean);
  return (
    <form onSubmit={submit({ ...values, aliases })} noValidate className="grid gap-3 sm:grid-cols-2" aria-label={t("substance")}>
      <div className="sm:col-span-2">
        <FormMessage message={errors.message} />
      </div>
      <TextField label={t("id")} hint={t("idHint")} name="id" value={values.id} error={errors.fields.id} onChange={set("id")} />
      <SelectField label={t("conventionTable")} name="conventionTable" value={values.conventionTable} error={errors.fields.conventionTable} onChange={set("conventionTable")}>
        <option value="I">I</option>
        <option value="II">II</option>
      </SelectField>
      <TextField label={t("nameEn")} name="nameEn" value={values.nameEn} error={errors.fields.nameEn} onChange={set("nameEn")} />
      <TextField label={t("nameRu")} name="nameRu" value={values.nameRu} error={errors.fields.nameRu} onChange={set("nameRu")} />
      <TextField label={t("nameZh")} name="nameZh" value={values.nameZh} error={errors.fields.nameZh} onChange={set("nameZh")} />
      <TextField label={t("aliases")} hint={t("aliasesHint")} name="aliases" value={values.aliases} error={errors.fields.aliases} onChange={set("aliases")} />
      <TextField label={t("cas")} name="cas" value={values.cas} error={errors.fields.cas} onChange={set("cas")} />
      <TextField label={t("hsCode")} name="hsCode" value={values.hsCode} error={errors.fields.hsCode} onChange={set("hsCode")} />
      <div className="sm:col-span-2">
        <Button type="submit" disabled={mutation.isPending}>
          {t("save")}
        </Button>
        <Saved shown={saved} />
      </div>
    </form>
  );
}

const emptyProvision = { id: "", countryCode: "KZ" as (typeof CROSSING_COUNTRIES)[number], code: "", article: "", inForce: true, titleEn: "", penaltySummary: "" };

/** Adds a criminal provision, or changes one named by its identifier. */
export function ProvisionCurationForm() {
  const t = useTranslations("moderation.curation");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.reference.provisions.curate.mutationOptions());
  const { values, setValues, set } = useFields(emptyProvision);
  const { errors, saved, submit } = useCurationForm(ZProvisionCurate, mutation.mutate);
  return (
    <form onSubmit={submit(values)} noValidate className="grid gap-3 sm:grid-cols-2" aria-label={t("provision")}>
      <div className="sm:col-span-2">
        <FormMessage message={errors.message} />
      </div>
      <TextField label={t("id")} hint={t("idHint")} name="id" value={values.id} error={errors.fields.id} onChange={set("id")} />
      <SelectField label={t("country")} name="countryCode" value={values.countryCode} error={errors.fields.countryCode} onChange={set("countryCode")}>
        {CROSSING_COUNTRIES.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </SelectField>
      <TextField label={t("code")} name="code" value={values.code} error={errors.fields.code} onChange={set("code")} />
      <TextField label={t("article")} name="article" value={values.article} error={errors.fields.article} onChange={set("article")} />
      <TextField label={t("titleEn")} name="titleEn" value={values.titleEn} error={errors.fields.titleEn} onChange={set("titleEn")} />
      <TextField label={t("penaltySummary")} name="penaltySummary" value={values.penaltySummary} error={errors.fields.penaltySummary} onChange={set("penaltySummary")} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={values.inForce} onChange={(e) => setValues({ ...values, inForce: e.target.checked })} />
        {t("inForce")}
      </label>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={mutation.isPending}>
          {t("save")}
        </Button>
        <Saved shown={saved} />
      </div>
    </form>
  );
}
