import type { ReactNode } from "react";
import { api, requireViewer } from "~/app/_trpc/server";
import { SiteHeader } from "./_components/header/site-header";
import { LiveNotifications } from "./_components/live-notifications";

// Signed-in pages are personal: never cached by a browser or a proxy.
export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const { unread, latestId: since } = await (await api()).notifications.bell();
  return (
    <LiveNotifications since={since}>
      <div className="min-h-screen">
        <SiteHeader viewer={viewer} unread={unread} />
        <main className="mx-auto max-w-7xl px-3 py-5 sm:px-4">{children}</main>
      </div>
    </LiveNotifications>
  );
}
