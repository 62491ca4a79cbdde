"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { NoticePicker } from "~/app/(app)/_components/notice-picker";
import { FormMessage, noErrors, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { changeLink, type LinkState } from "../actions";

// "Not found" alone would not say why: a notice the viewer cannot read is reported as missing.
const messageOf = (errors: FormErrors) => (errors.message === "notFound" ? null : errors.message);

const initial: LinkState = { ...noErrors, pasted: null };

/** Links the notice to another, chosen by typing part of its title or pasted; a POST to a server action, so it works without JavaScript. */
export function LinkForm({ id }: { id: string }) {
  const t = useTranslations("notice.related");
  const [errors, action, pending] = useActionState(changeLink, initial);

  return (
    <form action={action} noValidate className="space-y-3" key={errors.pasted ?? ""}>
      <input type="hidden" name="id" value={id} />
      <FormMessage message={messageOf(errors)} />
      {errors.message === "notFound" ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {t("notFound")}
        </p>
      ) : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <div className="flex-1">
          <NoticePicker label={t("input")} hint={t("inputHint")} name="otherId" exclude={id} defaultValue={errors.pasted ?? ""} error={errors.fields.otherId} />
        </div>
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? t("adding") : t("add")}
        </Button>
      </div>
    </form>
  );
}

export function UnlinkButton({ id, otherId, title }: { id: string; otherId: string; title: string }) {
  const t = useTranslations("notice.related");
  const [errors, action, pending] = useActionState(changeLink, initial);
  return (
    <form action={action} className="inline-flex flex-col items-end gap-1">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="otherId" value={otherId} />
      <Button type="submit" name="intent" value="unlink" variant="secondary" aria-label={t("unlinkLabel", { title })} disabled={pending}>
        {t("unlink")}
      </Button>
      <FormMessage message={errors.message} />
    </form>
  );
}
