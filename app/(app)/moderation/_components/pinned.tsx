import { getTranslations } from "next-intl/server";
import { api } from "~/app/_trpc/server";
import { NoticeList } from "../../_components/notice-list";

/** Regional alerts a coordinator pinned, above the feed, for those who may read them. */
export async function PinnedAlerts() {
  const items = await (await api()).moderation.pinned();
  if (!items.length) return null;
  const t = await getTranslations("moderation.pinned");
  return (
    <section aria-labelledby="pinned-alerts" className="mb-6 rounded-lg border-2 border-amber-300 bg-amber-50 p-4" data-testid="pinned-alerts">
      <h2 id="pinned-alerts" className="mb-3 text-lg font-semibold text-amber-950">
        {t("heading")}
      </h2>
      <NoticeList items={items} olderHref={null} empty={null} />
    </section>
  );
}
