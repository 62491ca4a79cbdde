"use client";

import { useTranslations } from "next-intl";
import { FormMessage, noErrors } from "~/app/_components/form";
import { useFormAction } from "~/app/_components/form/use-form-action";
import { Button } from "~/app/_components/ui";
import { setPreModeration } from "../pre-moderation/actions";

type Target = { agencyId: string } | { userId: string };

/** Switches pre-moderation of one agency or one user on or off: a POST form, so it works without JavaScript. */
export function PreModerationToggle({ target, on, name }: { target: Target; on: boolean; name: string }) {
  const t = useTranslations("moderation.preModeration");
  const { state: errors, formProps, pending } = useFormAction(setPreModeration, noErrors);
  const [field, id] = "agencyId" in target ? ["agencyId", target.agencyId] : ["userId", target.userId];
  return (
    <form {...formProps}>
      <input type="hidden" name={field} value={id} />
      <input type="hidden" name="preModerated" value={on ? "off" : "on"} />
      <Button type="submit" variant={on ? "secondary" : "primary"} disabled={pending} aria-label={t(on ? "turnOffFor" : "turnOnFor", { name })}>
        {t(on ? "turnOff" : "turnOn")}
      </Button>
      <FormMessage message={errors.message} />
    </form>
  );
}
