"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Button } from "~/app/_components/ui";
import type { Invitation } from "./types";

/** The one moment the link is visible: read-only and pre-selected, so that copying it is one step. */
export function InvitationLink({ invitation }: { invitation: Invitation }) {
  const t = useTranslations("users.link");
  const format = useFormatter();
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(invitation.link);
      setCopied(true);
    } catch {
      // No clipboard on plain HTTP or when permission is denied: the selection lets the user copy.
      input.current?.select();
    }
  }

  return (
    <div className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-slate-800">
      <label htmlFor={id} className="block font-medium">
        {t("label")}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={input}
          id={id}
          name="invitationLink"
          readOnly
          value={invitation.link}
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <Button type="button" variant="secondary" onClick={copy} className="shrink-0">
          {t("copy")}
        </Button>
      </div>
      <p id={`${id}-hint`}>{t("hint", { expiresAt: format.dateTime(invitation.expiresAt, { dateStyle: "medium", timeStyle: "short" }) })}</p>
      {copied ? (
        <p role="status" className="text-green-800">
          {t("copied")}
        </p>
      ) : null}
    </div>
  );
}
