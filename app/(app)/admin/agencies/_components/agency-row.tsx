"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, type FormErrors } from "~/app/_components/form";
import { Badge, Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import type { AgencyKind } from "~/schemas/agencies";
import { AgencyDetailsFields, detailsOf } from "./agency-fields";

export type AgencyRowData = {
  id: string;
  kind: AgencyKind;
  name: { en: string; ru: string; zh: string | null };
  shortName: string;
  active: boolean;
  userCount: number;
  label: string;
  where: string;
  // The administrator's own agency: switching it off would lock them out, so it is not offered.
  own: boolean;
};

const COLUMNS = 6;

export function AgencyRow({ agency }: { agency: AgencyRowData }) {
  const t = useTranslations("agencies");
  const tc = useTranslations("common");
  const router = useRouter();
  const trpc = useTRPC();
  const update = useMutation(trpc.agencies.update.mutationOptions());
  const setActive = useMutation(trpc.agencies.setActive.mutationOptions());
  const [panel, setPanel] = useState<"edit" | "confirm" | null>(null);
  const [details, setDetails] = useState(() => detailsOf(agency));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const panelId = useId();

  function open(next: "edit" | "confirm" | null) {
    setErrors(noErrors);
    setDetails(detailsOf(agency));
    setPanel(next === panel ? null : next);
  }

  function save(event: FormEvent) {
    event.preventDefault();
    update.mutate(
      { id: agency.id, ...details },
      {
        onSuccess: () => {
          setPanel(null);
          router.refresh();
        },
        onError: (error) => setErrors(formErrors(error)),
      },
    );
  }

  function switchTo(active: boolean) {
    setActive.mutate(
      { id: agency.id, active },
      {
        onSuccess: () => {
          setPanel(null);
          router.refresh();
        },
        onError: (error) => setErrors(formErrors(error)),
      },
    );
  }

  return (
    <>
      <tr data-testid={`agency-row-${agency.id}`} className={agency.active ? undefined : "bg-slate-50 text-slate-500"}>
        <td className="px-3 py-2">
          <p className="font-medium text-slate-900">{agency.label}</p>
          <p className="text-xs text-slate-500">
            {agency.shortName} · <code>{agency.id}</code>
          </p>
        </td>
        <td className="px-3 py-2">{agency.where}</td>
        <td className="px-3 py-2">{t(`kinds.${agency.kind}`)}</td>
        <td className="px-3 py-2 tabular-nums">{agency.userCount}</td>
        <td className="px-3 py-2">
          <Badge tone={agency.active ? "green" : "slate"}>{agency.active ? t("admin.active") : t("admin.inactive")}</Badge>
        </td>
        <td className="px-3 py-2">
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" aria-expanded={panel === "edit"} aria-controls={panelId} onClick={() => open("edit")}>
              {t("admin.edit")}
            </Button>
            {agency.active ? (
              agency.own ? null : (
                <Button type="button" variant="secondary" aria-expanded={panel === "confirm"} aria-controls={panelId} onClick={() => open("confirm")}>
                  {t("admin.deactivate")}
                </Button>
              )
            ) : (
              <Button type="button" variant="secondary" disabled={setActive.isPending} onClick={() => switchTo(true)}>
                {t("admin.activate")}
              </Button>
            )}
          </div>
          {panel === null ? <FormMessage message={errors.message} /> : null}
        </td>
      </tr>
      {panel ? (
        <tr id={panelId}>
          <td colSpan={COLUMNS} className="bg-slate-50 px-3 py-4">
            <FormMessage message={errors.message} />
            {panel === "edit" ? (
              <form onSubmit={save} noValidate aria-label={t("admin.editTitle", { name: agency.label })} className="space-y-4">
                <div className="grid gap-4 md:grid-cols-2">
                  <AgencyDetailsFields value={details} onChange={setDetails} errors={errors.fields} />
                </div>
                <div className="flex gap-2">
                  <Button type="submit" disabled={update.isPending}>
                    {update.isPending ? t("admin.saving") : tc("save")}
                  </Button>
                  <Button type="button" variant="secondary" onClick={() => setPanel(null)}>
                    {tc("cancel")}
                  </Button>
                </div>
              </form>
            ) : (
              <div className="space-y-3">
                <p className="text-sm text-slate-800">{t("admin.confirmDeactivate", { name: agency.label, count: agency.userCount })}</p>
                <div className="flex gap-2">
                  <Button type="button" variant="danger" disabled={setActive.isPending} onClick={() => switchTo(false)}>
                    {t("admin.confirm")}
                  </Button>
                  <Button type="button" variant="secondary" onClick={() => setPanel(null)}>
                    {tc("cancel")}
                  </Button>
                </div>
              </div>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}
