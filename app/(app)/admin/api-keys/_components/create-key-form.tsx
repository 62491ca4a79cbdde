"use client";

import { useFormatter, useTranslations } from "next-intl";
import { CheckboxGroup, ConformFormMessage, InputField, SelectField, useConformForm } from "~/app/_components/form/conform";
import { Button } from "~/app/_components/ui";
import { API_KEY_MAX_DAYS, API_SCOPES } from "~/schemas/api-key-enums";
import { createApiKey } from "../actions";

const createSchema = () => import("~/schemas/api-keys").then((m) => m.ZApiKeyCreate);

export function CreateKeyForm({ accounts }: { accounts: { id: string; name: string }[] }) {
  const t = useTranslations("api.keys.form");
  const scope = useTranslations("api.keys.scope");
  const format = useFormatter();
  const { form, fields, formProps, pending, result } = useConformForm(createSchema, createApiKey, {
    id: "create-api-key",
    defaultValue: { accountId: "", accountName: "", scopes: ["notices:read"], expiresInDays: "90" },
  });
  const issued = result?.shown;

  return (
    <form {...formProps} className="space-y-4" aria-labelledby="create-api-key-title">
      <div>
        <h2 id="create-api-key-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <ConformFormMessage form={form} />
      {issued ? (
        <div className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-slate-800">
          <p role="status" className="font-medium text-green-800">
            {t("issued", { account: issued.account })}
          </p>
          <label htmlFor="issued-api-key" className="block font-medium">
            {t("token")}
          </label>
          <input
            id="issued-api-key"
            data-testid="issued-api-key"
            readOnly
            value={issued.token}
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
            className="block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
          />
          <p>{t("expires", { date: format.dateTime(new Date(issued.expiresAt), { dateStyle: "medium" }) })}</p>
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField field={fields.accountId} label={t("account")}>
          <option value="">{t("newAccount")}</option>
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name}
            </option>
          ))}
        </SelectField>
        <InputField field={fields.accountName} label={t("accountName")} hint={t("accountNameHint")} maxLength={200} autoComplete="off" />
        <InputField field={fields.expiresInDays} label={t("expiresInDays")} type="number" min={1} max={API_KEY_MAX_DAYS} required />
      </div>
      <CheckboxGroup field={fields.scopes} label={t("scopes")} options={API_SCOPES.map((value) => ({ value, label: scope(value) }))} />
      <Button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
