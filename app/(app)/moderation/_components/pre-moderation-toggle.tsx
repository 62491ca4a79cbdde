"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage, formErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";

type Target = { agencyId: string } | { userId: string };

/** Switches pre-moderation of one agency or one user on or off. */
export function PreModerationToggle({ target, on, name }: { target: Target; on: boolean; name: string }) {
  const t = useTranslations("moderation.preModeration");
  const router = useRouter();
  const trpc = useTRPC();
  const [message, setMessage] = useState<string | null>(null);
  const handlers = { onSuccess: () => router.refresh(), onError: (error: unknown) => setMessage(formErrors(error).message) };
  const agency = useMutation(trpc.moderation.setAgencyPreModeration.mutationOptions(handlers));
  const user = useMutation(trpc.moderation.setUserPreModeration.mutationOptions(handlers));
  const busy = agency.isPending || user.isPending;
  const toggle = () =>
    "agencyId" in target ? agency.mutate({ agencyId: target.agencyId, preModerated: !on }) : user.mutate({ userId: target.userId, preModerated: !on });
  return (
    <div>
      <Button type="button" variant={on ? "secondary" : "primary"} disabled={busy} aria-label={t(on ? "turnOffFor" : "turnOnFor", { name })} onClick={toggle}>
        {t(on ? "turnOff" : "turnOn")}
      </Button>
      <FormMessage message={message} />
    </div>
  );
}
