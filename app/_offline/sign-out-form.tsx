"use client";

import { useTranslations } from "next-intl";
import type { FormEvent, ReactNode } from "react";

/**
 * Signing out is a POST form to /signout, so it works without JavaScript. With it, the form first
 * warns when notices still wait in this device's outbox (signing out deletes them), then clears
 * the outbox, the kept pages and the drafts, and only then posts.
 */
export function SignOutForm({ className, children }: { className: string; children: ReactNode }) {
  const t = useTranslations("offline.client");

  async function signOut(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    try {
      const device = await import("./forget-device");
      const waiting = await device.waitingCount().catch(() => 0);
      if (waiting > 0 && !window.confirm(t("signOutWarning", { count: waiting }))) return;
      await device.forgetDevice();
    } catch {
      // The module could not be loaded (offline, say): the server's Clear-Site-Data still clears.
    }
    // A native submission, not React's: it fires no second submit event, and the sign-in page
    // that follows loads afresh, with nothing of this user left in the page's memory.
    form.submit();
  }

  return (
    <form method="post" action="/signout" onSubmit={signOut}>
      <button type="submit" className={className}>
        {children}
      </button>
    </form>
  );
}
