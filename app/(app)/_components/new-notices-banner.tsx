"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { subscriptionUrl, useSubscriptionEvents } from "~/app/_trpc/events";
import type { FeedFilters } from "~/schemas/notices";

/**
 * "3 new notices — show" above an open feed or crossing page, as matching notices the viewer may
 * read are published (server-sent events). "show" is a link to the page itself; with JavaScript
 * it refreshes the server-rendered list in place, which brings a new first notice and so a fresh
 * count. Without JavaScript nothing is rendered: there is no stream to fill it. From `cap` on the
 * server stops counting.
 */
export function NewNoticesBanner({ filters, after, href, cap }: { filters: Omit<FeedFilters, "status">; after: string | null; href: string; cap: number }) {
  const t = useTranslations("feed.arrivals");
  const router = useRouter();
  // Keyed by the page's first notice: a refreshed list starts from nothing new.
  const [seen, setSeen] = useState<{ after: string | null; count: number }>({ after, count: 0 });
  useSubscriptionEvents<{ count: number }>(subscriptionUrl("notices.arrivals", { filters, after }), { onData: ({ count }) => setSeen({ after, count }) });
  const count = seen.after === after ? seen.count : 0;
  // The status region stays in the page so that screen readers announce what arrives in it.
  return (
    <p role="status" className={count > 0 ? "mb-3 rounded-md border border-brand-600 bg-white p-3 text-sm" : "sr-only"} data-testid="new-notices">
      {count > 0 ? (
        <>
          {count >= cap ? t("many", { count }) : t("count", { count })} —{" "}
          <a
            href={href}
            className="font-semibold text-brand-600 underline"
            onClick={(event) => {
              event.preventDefault();
              router.refresh();
            }}
          >
            {t("show")}
          </a>
        </>
      ) : null}
    </p>
  );
}
