import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "~/app/_components/link";
import type { ReactNode } from "react";
import { api, requireViewer } from "~/app/_trpc/server";
import { localized } from "~/app/_components/names";
import { LiveNotifications, NotificationBell } from "./_components/live-notifications";
import { SignOutButton } from "./_components/sign-out-button";

// Signed-in pages are personal: never cached by a browser or a proxy.
export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const t = await getTranslations("common");
  const feed = await getTranslations("feed.nav");
  const subscriptions = await getTranslations("subscriptions");
  const moderation = await getTranslations("moderation.nav");
  const locale = await getLocale();
  const unread = await (await api()).notifications.unreadCount();
  const links = [
    { href: "/", label: t("nav.home") },
    { href: "/feed", label: feed("feed") },
    { href: "/search", label: feed("search") },
    { href: "/crossings", label: t("nav.crossings") },
    { href: "/substances", label: t("nav.substances") },
    { href: "/agencies", label: t("nav.agencies") },
    { href: "/subscriptions", label: subscriptions("nav") },
    ...(viewer.permissions.has("user.manage") ? [{ href: "/admin/users", label: t("nav.users") }] : []),
    ...(viewer.permissions.has("agency.manage") ? [{ href: "/admin/agencies", label: t("nav.adminAgencies") }] : []),
    ...(viewer.permissions.has("mail.admin") ? [{ href: "/admin/mail", label: subscriptions("admin.nav") }] : []),
    ...(viewer.permissions.has("moderation.review")
      ? [{ href: "/moderation", label: moderation("moderation") }]
      : viewer.permissions.has("moderation.log")
        ? [{ href: "/moderation/log", label: moderation("log") }]
        : []),
    ...(viewer.permissions.has("moderation.configure") ? [{ href: "/moderation/pre-moderation", label: moderation("preModeration") }] : []),
    ...(viewer.permissions.has("audit.search")
      ? [{ href: "/admin/audit", label: moderation("audit") }]
      : viewer.permissions.has("notice.read_log")
        ? [{ href: "/admin/audit/reads", label: moderation("reads") }]
        : []),
  ];
  return (
    <LiveNotifications>
      <div className="min-h-screen">
        <header className="bg-brand-900 text-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link href="/" className="text-lg font-semibold">
              {t("appName")}
            </Link>
            <nav aria-label={t("nav.label")} className="flex flex-1 flex-wrap gap-1">
              {links.map((link) => (
                <Link key={link.href} href={link.href} className="rounded-md px-3 py-1.5 text-sm text-white/90 hover:bg-white/10">
                  {link.label}
                </Link>
              ))}
            </nav>
            <div className="flex items-center gap-2 text-sm">
              <NotificationBell count={unread} />
              <Link href="/profile" className="rounded-md px-3 py-1.5 hover:bg-white/10" data-testid="current-user">
                <bdi className="font-medium">{viewer.name}</bdi>
                <span className="hidden text-white/70 sm:inline"> · {localized(viewer.agencyName, locale)}</span>
              </Link>
              <SignOutButton />
            </div>
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </div>
    </LiveNotifications>
  );
}
