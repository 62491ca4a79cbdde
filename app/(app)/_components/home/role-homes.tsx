import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { localized } from "~/app/_components/names";
import { Badge, TextLink } from "~/app/_components/ui";
import type { FeedFilters } from "~/schemas/notices";
import type { createCaller } from "~/server/api/root";
import type { Viewer } from "~/server/auth/sessions";
import { feedHref } from "../feed-filters";
import { analystHome, chiefHome, coordinatorHome, EXPIRY_DAYS, followedCrossings, QUIET_DAYS } from "./data";
import { HomeLine, HomeSection, NoticeLines } from "./home-section";
import { RegionSlot } from "./region-slot";

type Caller = ReturnType<typeof createCaller>;

const GRID = "grid gap-4 lg:grid-cols-2";

async function feedLink(filters: FeedFilters) {
  return { href: feedHref("/feed", filters), label: (await getTranslations("home"))("more") };
}

export async function AnalystHome({ caller, viewer }: { caller: Caller; viewer: Viewer }) {
  const [t, format, home] = await Promise.all([getTranslations("home.analyst"), getFormatter(), analystHome(caller, viewer)]);
  const expires = (date: string) => t("expires", { date: format.dateTime(new Date(`${date}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }) });
  return (
    <div className={GRID}>
      <HomeSection id="recent" title={t("recent")} count={home.recent.count} more={await feedLink({ agencyId: viewer.agencyId })}>
        <NoticeLines items={home.recent.items} empty={t("recentEmpty")} />
      </HomeSection>
      {home.drafts ? (
        <HomeSection id="drafts" title={t("drafts")} count={home.drafts.count} more={await feedLink({ status: "draft" })}>
          <NoticeLines items={home.drafts.items} empty={t("draftsEmpty")} />
        </HomeSection>
      ) : null}
      {home.pending ? (
        <HomeSection id="pending" title={t("pending")} count={home.pending.count} more={await feedLink({ status: "pending_release" })}>
          <NoticeLines items={home.pending.items} empty={t("pendingEmpty")} />
        </HomeSection>
      ) : null}
      <HomeSection id="expiring" title={t("expiring", { days: EXPIRY_DAYS })}>
        <NoticeLines
          items={home.expiring.items}
          empty={t("expiringEmpty")}
          note={(item) => (item.companyAlert ? expires(item.companyAlert.expiresOn) : null)}
        />
      </HomeSection>
    </div>
  );
}

export async function ChiefHome({ caller, viewer }: { caller: Caller; viewer: Viewer }) {
  const crossingIds = await followedCrossings(caller, viewer);
  const [t, locale, crossings, home] = await Promise.all([
    getTranslations("home.chief"),
    getLocale(),
    caller.reference.crossings.list({}),
    chiefHome(caller, crossingIds),
  ]);
  const nameOf = (id: string) => {
    const crossing = crossings.find((c) => c.id === id);
    return crossing ? localized(crossing.name, locale) : id;
  };
  return (
    <div className="space-y-4">
      <HomeSection id="crossings" title={t("crossings")}>
        {home.crossings.length ? (
          <div className={GRID}>
            {home.crossings.map(({ id, latest }) => (
              <div key={id} data-testid="home-crossing" data-crossing={id} className="min-w-0">
                <h3 className="mb-1 flex flex-wrap items-center gap-2 text-sm font-semibold">
                  <TextLink href={`/crossings/${id}`}>{nameOf(id)}</TextLink>
                  {id === viewer.dutyStationId ? <Badge tone="green">{t("dutyStation")}</Badge> : null}
                </h3>
                <NoticeLines items={latest.items} empty={t("crossingEmpty")} />
              </div>
            ))}
          </div>
        ) : (
          <p className="text-sm text-slate-600">{t("crossingsEmpty")}</p>
        )}
      </HomeSection>
      <div className={GRID}>
        <HomeSection id="waiting" title={t("waiting")} count={home.waiting.count} more={await feedLink({ status: "pending_release" })}>
          <NoticeLines items={home.waiting.items} empty={t("waitingEmpty")} />
        </HomeSection>
        <HomeSection id="alerts" title={t("alerts")}>
          <NoticeLines items={home.alerts.items} empty={t("alertsEmpty")} />
        </HomeSection>
      </div>
    </div>
  );
}

const QUEUE_LINES = 8;

export async function CoordinatorHome({ caller, viewer }: { caller: Caller; viewer: Viewer }) {
  const [t, format, home] = await Promise.all([getTranslations("home.coordinator"), getFormatter(), coordinatorHome(caller)]);
  const date = (value: Date | string) => format.dateTime(new Date(value), { dateStyle: "medium" });
  return (
    <div className="space-y-4">
      <RegionSlot caller={caller} viewer={viewer} />
      <div className={GRID}>
        <HomeSection
          id="queue"
          title={t("queue")}
          count={{ count: home.queue.length, more: false }}
          more={home.queue.length ? { href: "/moderation", label: t("queueMore") } : null}
        >
          {home.queue.length ? (
            <ul className="divide-y divide-slate-100">
              {home.queue.slice(0, QUEUE_LINES).map((item) => (
                <HomeLine key={item.id} id={item.id} tlp={item.tlp} href={`/moderation/${item.id}`} title={item.title}>
                  {[item.agency, item.openReports ? t("reports", { count: item.openReports }) : null, t("waiting", { date: date(item.waitingSince) })]
                    .filter(Boolean)
                    .join(" · ")}
                </HomeLine>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t("queueEmpty")}</p>
          )}
        </HomeSection>
        <HomeSection id="quiet" title={t("quiet", { days: QUIET_DAYS })} count={null}>
          {home.quiet.length ? (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="quiet-agencies">
              {home.quiet.map((agency) => (
                <li key={agency.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-1.5" data-agency={agency.id}>
                  <TextLink href={feedHref("/feed", { agencyId: agency.id })}>{agency.shortName}</TextLink>
                  <span className="text-xs text-slate-500">{agency.lastPostedAt ? t("lastPosted", { date: date(agency.lastPostedAt) }) : t("never")}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t("quietEmpty", { days: QUIET_DAYS })}</p>
          )}
        </HomeSection>
      </div>
    </div>
  );
}
