"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, TextField, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import { fieldErrors } from "~/schemas/issues";
import { ZLinkNotices } from "~/schemas/notices";

const NOTICE_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** People paste what they were sent: an address (…/notices/<id>, maybe with more after it) or the id itself. */
const noticeIdIn = (pasted: string) => (pasted.match(NOTICE_ID)?.[0] ?? pasted.trim()).toLowerCase();

// "Not found" alone would not say why: a notice the viewer cannot read is reported as missing.
const messageOf = (errors: FormErrors) => (errors.message === "notFound" ? null : errors.message);

export function LinkForm({ id }: { id: string }) {
  const t = useTranslations("notice.related");
  const router = useRouter();
  const trpc = useTRPC();
  const link = useMutation(trpc.notices.link.mutationOptions());
  const [pasted, setPasted] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = ZLinkNotices.safeParse({ id, otherId: noticeIdIn(pasted) });
    if (!parsed.success) {
      setErrors({ fields: fieldErrors(parsed.error), message: null });
      return;
    }
    link.mutate(parsed.data, {
      onSuccess: () => {
        setErrors(noErrors);
        setPasted("");
        router.refresh();
      },
      onError: (error) => setErrors(formErrors(error)),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <FormMessage message={messageOf(errors)} />
      {errors.message === "notFound" ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {t("notFound")}
        </p>
      ) : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <div className="flex-1">
          <TextField
            label={t("input")}
            hint={t("inputHint")}
            name="otherId"
            autoComplete="off"
            maxLength={500}
            value={pasted}
            error={errors.fields.otherId}
            onChange={(event) => setPasted(event.target.value)}
          />
        </div>
        <Button type="submit" disabled={link.isPending} className="sm:mt-6">
          {link.isPending ? t("adding") : t("add")}
        </Button>
      </div>
    </form>
  );
}

export function UnlinkButton({ id, otherId, title }: { id: string; otherId: string; title: string }) {
  const t = useTranslations("notice.related");
  const router = useRouter();
  const trpc = useTRPC();
  const unlink = useMutation(trpc.notices.unlink.mutationOptions());
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        type="button"
        variant="secondary"
        aria-label={t("unlinkLabel", { title })}
        disabled={unlink.isPending}
        onClick={() =>
          unlink.mutate(
            { id, otherId },
            {
              onSuccess: () => {
                setErrors(noErrors);
                router.refresh();
              },
              onError: (error) => setErrors(formErrors(error)),
            },
          )
        }
      >
        {t("unlink")}
      </Button>
      <FormMessage message={errors.message} />
    </span>
  );
}
