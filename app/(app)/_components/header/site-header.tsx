import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "~/app/_components/link";
import type { ReactNode } from "react";
import { localized } from "~/app/_components/names";
import { OutboxStatus } from "~/app/_offline/outbox-status";
import type { Viewer } from "~/server/auth/sessions";
import { NotificationBell } from "../live-notifications";
import { SignOutButton } from "../sign-out-button";
import { NEW_NOTICE_KINDS, newNoticeHref } from "../new-notice";
import { MenuBehaviour, NavLink } from "./nav-link";

/** `icon`: shown instead of the label in the one-row header below 1,280 px (the label stays for screen readers). */
type Item = { href: string; label: string; icon?: ReactNode };

// .nav-link in app/globals.css: a header shows some twenty of them.
const LINK = "nav-link";
const SUMMARY =
  "flex cursor-pointer list-none items-center gap-1 whitespace-nowrap rounded-md px-2 py-1.5 xl:px-2.5 text-sm hover:bg-white/10 [&::-webkit-details-marker]:hidden";
const PANEL = "absolute right-0 top-full z-30 mt-1 min-w-56 rounded-md border border-white/15 bg-brand-900 p-1 shadow-lg";

function Caret() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0 opacity-80" fill="currentColor">
      <path d="M5.5 7.5 10 12l4.5-4.5z" />
    </svg>
  );
}

function MapIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="inline h-4 w-4 xl:hidden" fill="currentColor">
      <path d="M10 2a5.5 5.5 0 0 0-5.5 5.5C4.5 11.6 10 18 10 18s5.5-6.4 5.5-10.5A5.5 5.5 0 0 0 10 2zm0 7.5a2 2 0 1 1 0-4 2 2 0 0 1 0 4z" />
    </svg>
  );
}

/** A section's label, or its icon below 1,280 px with the label kept for screen readers. */
function SectionLabel({ item }: { item: Item }) {
  if (!item.icon) return item.label;
  return (
    <>
      {item.icon}
      <span className="sr-only xl:not-sr-only">{item.label}</span>
    </>
  );
}

/** A menu of the header: a <details> disclosure, so it works without JavaScript. */
function Menu({
  summary,
  className = "",
  summaryClassName = SUMMARY,
  children,
}: {
  summary: ReactNode;
  className?: string;
  summaryClassName?: string;
  children: ReactNode;
}) {
  return (
    <details data-menu className={`relative ${className}`}>
      <summary className={summaryClassName}>{summary}</summary>
      <div className={PANEL}>{children}</div>
    </details>
  );
}

function Links({ items }: { items: Item[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item.href}>
          <NavLink href={item.href} className={LINK}>
            {item.label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

type Can = (permission: Parameters<Viewer["permissions"]["has"]>[0]) => boolean;

/** The administration menu's pages the viewer's permissions open, one per kind of work. */
async function administrationOf(can: Can): Promise<Item[]> {
  const [t, subscriptions, moderation, apiKeys, screening, deconfliction] = await Promise.all([
    getTranslations("common"),
    getTranslations("subscriptions"),
    getTranslations("moderation.nav"),
    getTranslations("api.keys"),
    getTranslations("screening"),
    getTranslations("deconfliction"),
  ]);
  return [
    // Coordinators screen from this menu: their row is full at 1,024 px (the others have it in the row).
    ...(can("declaration.screen") && can("moderation.review") ? [{ href: "/screening", label: screening("nav") }] : []),
    ...(can("moderation.review")
      ? [{ href: "/moderation", label: moderation("moderation") }]
      : can("moderation.log")
        ? [{ href: "/moderation/log", label: moderation("log") }]
        : []),
    ...(can("deconfliction.request") ? [{ href: "/deconfliction", label: deconfliction("nav") }] : []),
    ...(can("moderation.configure") ? [{ href: "/moderation/pre-moderation", label: moderation("preModeration") }] : []),
    ...(can("audit.search")
      ? [{ href: "/admin/audit", label: moderation("audit") }]
      : can("notice.read_log")
        ? [{ href: "/admin/audit/reads", label: moderation("reads") }]
        : []),
    ...(can("user.manage") ? [{ href: "/admin/users", label: t("nav.users") }] : []),
    ...(can("api_key.manage") ? [{ href: "/admin/api-keys", label: apiKeys("nav") }] : []),
    ...(can("agency.manage") ? [{ href: "/admin/agencies", label: t("nav.adminAgencies") }] : []),
    ...(can("mail.admin") ? [{ href: "/admin/mail", label: subscriptions("admin.nav") }] : []),
  ];
}

/** The new-notice action: a menu of the kinds of notice. */
async function NewNoticeMenu() {
  const [t, vocab] = await Promise.all([getTranslations("common"), getTranslations("vocab")]);
  return (
    <Menu
      summary={
        <>
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
            <path d="M9 4h2v5h5v2h-5v5H9v-5H4V9h5z" />
          </svg>
          <span className="sr-only sm:not-sr-only">{t("header.newNotice")}</span>
          <Caret />
        </>
      }
      summaryClassName={`${SUMMARY} bg-white font-medium text-brand-900 hover:bg-brand-50`}
    >
      <ul data-testid="new-notice-menu">
        {NEW_NOTICE_KINDS.map(({ param, kind }) => (
          <li key={param}>
            <Link href={newNoticeHref(param)} className={LINK}>
              {vocab(`kind.${kind}`)}
            </Link>
          </li>
        ))}
      </ul>
    </Menu>
  );
}

/** From 1,024 px: the account's menu under the reader's name. */
function AccountMenu({ name, whoAmI, account }: { name: string; whoAmI: ReactNode; account: Item[] }) {
  return (
    <Menu
      className="hidden lg:block"
      summary={
        <>
          <bdi className="max-w-28 truncate font-medium xl:max-w-48" data-testid="current-user">
            {name}
          </bdi>
          <Caret />
        </>
      }
    >
      {whoAmI}
      <Links items={account} />
      <div className="border-t border-white/10 pt-1">
        <SignOutButton />
      </div>
    </Menu>
  );
}

/** Below 1,024 px: the sections, administration and account in one menu. */
async function NarrowMenu({ whoAmI, sections, administration, account }: { whoAmI: ReactNode; sections: Item[]; administration: Item[]; account: Item[] }) {
  const t = await getTranslations("common");
  return (
    <Menu
      className="lg:hidden"
      summary={
        <>
          {t("header.menu")}
          <Caret />
        </>
      }
    >
      <nav aria-label={t("nav.label")} className="max-h-[80vh] w-64 overflow-y-auto">
        {whoAmI}
        <Links items={sections} />
        {administration.length > 0 ? (
          <div className="border-t border-white/10 pt-1">
            <Links items={administration} />
          </div>
        ) : null}
        <div className="border-t border-white/10 pt-1">
          <Links items={account} />
          <SignOutButton />
        </div>
      </nav>
    </Menu>
  );
}

/**
 * The header of every signed-in page: one row from 1,024 px (the sections, an administration
 * menu, the new-notice action, the bell and the account menu); below that, the sections and the
 * account collapse into one menu. Every menu is a <details> disclosure: no JavaScript needed.
 */
export async function SiteHeader({ viewer, unread }: { viewer: Viewer; unread: number }) {
  const can: Can = (permission) => viewer.permissions.has(permission);
  const [t, feed, subscriptions, picture, screening, locale, administration] = await Promise.all([
    getTranslations("common"),
    getTranslations("feed.nav"),
    getTranslations("subscriptions"),
    getTranslations("picture.nav"),
    getTranslations("screening"),
    getLocale(),
    administrationOf(can),
  ]);
  const sections: Item[] = [
    { href: "/feed", label: feed("feed") },
    { href: "/search", label: feed("search") },
    ...(can("declaration.screen") && !can("moderation.review") ? [{ href: "/screening", label: screening("nav") }] : []),
    { href: "/crossings", label: t("nav.crossings") },
    // One entry for the regional picture (the map and the trends link to each other), an icon
    // below 1,280 px: the header fits one row from 1,024 px in every language.
    { href: "/map", label: picture("map"), icon: <MapIcon /> },
    { href: "/substances", label: t("nav.substances") },
    { href: "/agencies", label: t("nav.agencies") },
  ];
  const account: Item[] = [
    { href: "/profile", label: t("nav.profile") },
    { href: "/subscriptions", label: subscriptions("nav") },
  ];
  const agency = localized(viewer.agencyName, locale);
  const whoAmI = (
    <p className="border-b border-white/10 px-2.5 pb-2 pt-1.5 text-xs text-white/80">
      <bdi className="block text-sm font-medium text-white">{viewer.name}</bdi>
      {agency}
    </p>
  );

  return (
    <header className="bg-brand-900 text-white">
      <MenuBehaviour />
      <div className="mx-auto flex h-12 max-w-7xl items-center gap-2 px-3 sm:px-4">
        <Link href="/" className="mr-1 whitespace-nowrap text-base font-semibold tracking-tight">
          {t("appName")}
        </Link>
        <nav aria-label={t("nav.label")} className="hidden items-center gap-0.5 lg:flex">
          {sections.map((item) => (
            <NavLink key={item.href} href={item.href} className={LINK}>
              <SectionLabel item={item} />
            </NavLink>
          ))}
          {administration.length > 0 ? (
            <Menu
              summary={
                <>
                  {t("header.administration")}
                  <Caret />
                </>
              }
              className="[&>div]:left-0 [&>div]:right-auto"
            >
              <Links items={administration} />
            </Menu>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-1.5">
          {can("notice.create") ? <NewNoticeMenu /> : null}
          <OutboxStatus userId={viewer.userId} />
          <NotificationBell count={unread} />
          <AccountMenu name={viewer.name} whoAmI={whoAmI} account={account} />
          <NarrowMenu whoAmI={whoAmI} sections={sections} administration={administration} account={account} />
        </div>
      </div>
    </header>
  );
}
