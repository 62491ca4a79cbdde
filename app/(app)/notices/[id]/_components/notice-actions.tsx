"use client";

import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { Link } from "~/app/_components/link";
import { useActionState, useState } from "react";
import { FormMessage, noErrors } from "~/app/_components/form";
import { Button, Confirmation } from "~/app/_components/ui";
import { changeStatus } from "../actions";

type Can = { edit: boolean; submit: boolean; release: boolean; retract: boolean };

/**
 * What the viewer may do with the notice: only the actions the server says are open to them.
 * Submitting and releasing post to a server action, so they work without JavaScript; `done`
 * is what the last one did (the page is reached again after it).
 */
export function NoticeActions({ id, can, done }: { id: string; can: Can; done: "submitted" | "released" | null }) {
  const t = useTranslations("notice.actions");
  const [errors, action, busy] = useActionState(changeStatus, noErrors);

  if (!can.edit && !can.submit && !can.release && !can.retract) return null;
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap gap-2">
        <input type="hidden" name="id" value={id} />
        {can.edit ? (
          <Link
            href={`/notices/${id}/edit`}
            className="inline-flex min-h-10 items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            {t("edit")}
          </Link>
        ) : null}
        {can.submit ? (
          <Button type="submit" name="intent" value="submit" disabled={busy}>
            {t("submit")}
          </Button>
        ) : null}
        {can.release ? (
          <Button type="submit" name="intent" value="release" disabled={busy}>
            {t("release")}
          </Button>
        ) : null}
      </form>
      <FormMessage message={errors.message} />
      {done && !busy ? (
        <Confirmation>
          {t(done)}
        </Confirmation>
      ) : null}
      {can.retract ? <RetractForm id={id} /> : null}
    </div>
  );
}

// Only those who may retract need the form, and only once they open it: it brings the tRPC client
// and zod (~40 KB of compressed script) that the notice page otherwise does without.
const RetractPanel = dynamic(() => import("./retract-form").then((module) => module.RetractPanel), { ssr: false });

/** The retract button; the form behind it, with its reason and confirmation, is loaded on opening. */
function RetractForm({ id }: { id: string }) {
  const t = useTranslations("notice.actions");
  const [open, setOpen] = useState(false);
  if (open) return <RetractPanel id={id} onClose={() => setOpen(false)} />;
  return (
    <Button type="button" variant="danger" aria-expanded={false} onClick={() => setOpen(true)}>
      {t("retract")}
    </Button>
  );
}
