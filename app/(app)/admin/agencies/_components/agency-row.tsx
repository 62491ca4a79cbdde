"use client";

import { useTranslations } from "next-intl";
import { FormMessage, noErrors } from "~/app/_components/form";
import { useFormAction } from "~/app/_components/form/use-form-action";
import { ConformFormMessage, HiddenField, useConformForm } from "~/app/_components/form/conform";
import { Badge, Button, ButtonLink } from "~/app/_components/ui";
import type { AgencyKind } from "~/schemas/agency-enums";
import { setAgencyActive, updateAgency } from "../actions";
import { AgencyDetailsFields } from "./agency-fields";

const updateSchema = () => import("~/schemas/agencies").then((m) => m.ZAgencyUpdate);

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

/** The panel under a row: its edit form, or the confirmation of switching it off. Addresses, so they open without JavaScript. */
export type AgencyPanel = "edit" | "deactivate" | null;

const COLUMNS = 6;

const rowPath = (id: string, query = "") => `/admin/agencies${query}#agency-${id}`;

function EditAgencyForm({ agency }: { agency: AgencyRowData }) {
  const t = useTranslations("agencies");
  const tc = useTranslations("common");
  const { form, fields, formProps, pending } = useConformForm(updateSchema, updateAgency, {
    id: `edit-agency-${agency.id}`,
    defaultValue: {
      id: agency.id,
      kind: agency.kind,
      nameEn: agency.name.en,
      nameRu: agency.name.ru,
      nameZh: agency.name.zh ?? "",
      shortName: agency.shortName,
    },
  });
  return (
    <form {...formProps} aria-label={t("admin.editTitle", { name: agency.label })} className="space-y-4">
      <ConformFormMessage form={form} />
      <HiddenField field={fields.id} />
      <div className="grid gap-4 md:grid-cols-2">
        <AgencyDetailsFields fields={fields} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("admin.saving") : tc("save")}
        </Button>
        <ButtonLink href={rowPath(agency.id)}>{tc("cancel")}</ButtonLink>
      </div>
    </form>
  );
}

export function AgencyRow({ agency, panel }: { agency: AgencyRowData; panel: AgencyPanel }) {
  const t = useTranslations("agencies");
  const tc = useTranslations("common");
  const { state: errors, formProps: setActive, pending: switching } = useFormAction(setAgencyActive, noErrors);
  const panelId = `agency-${agency.id}-panel`;
  const toggle = (next: Exclude<AgencyPanel, null>) => (panel === next ? rowPath(agency.id) : rowPath(agency.id, `?${next}=${encodeURIComponent(agency.id)}`));

  return (
    <>
      <tr id={`agency-${agency.id}`} data-testid={`agency-row-${agency.id}`} className={agency.active ? undefined : "bg-slate-50 text-slate-500"}>
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
            <ButtonLink href={toggle("edit")} aria-controls={panel === "edit" ? panelId : undefined}>
              {t("admin.edit")}
            </ButtonLink>
            {agency.active ? (
              agency.own ? null : (
                <ButtonLink href={toggle("deactivate")} aria-controls={panel === "deactivate" ? panelId : undefined}>
                  {t("admin.deactivate")}
                </ButtonLink>
              )
            ) : (
              <form {...setActive}>
                <input type="hidden" name="id" value={agency.id} />
                <input type="hidden" name="active" value="true" />
                <Button type="submit" variant="secondary" disabled={switching}>
                  {t("admin.activate")}
                </Button>
              </form>
            )}
          </div>
          {panel === null ? <FormMessage message={errors.message} /> : null}
        </td>
      </tr>
      {panel ? (
        <tr id={panelId}>
          <td colSpan={COLUMNS} className="bg-slate-50 px-3 py-4">
            {panel === "edit" ? (
              <EditAgencyForm agency={agency} />
            ) : (
              <form {...setActive} className="space-y-3">
                <FormMessage message={errors.message} />
                <input type="hidden" name="id" value={agency.id} />
                <input type="hidden" name="active" value="false" />
                <p className="text-sm text-slate-800">{t("admin.confirmDeactivate", { name: agency.label, count: agency.userCount })}</p>
                <div className="flex gap-2">
                  <Button type="submit" variant="danger" disabled={switching}>
                    {t("admin.confirm")}
                  </Button>
                  <ButtonLink href={rowPath(agency.id)}>{tc("cancel")}</ButtonLink>
                </div>
              </form>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}
