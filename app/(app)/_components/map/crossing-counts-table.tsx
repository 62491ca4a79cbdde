import "server-only";
import { getTranslations } from "next-intl/server";
import { Table, TextLink } from "~/app/_components/ui";
import { CrossingStatus } from "../../crossings/_components/badges";
import type { Period } from "./period";
import type { MapCrossing } from "./crossing-map";

/**
 * The map's numbers as a table: every crossing, its country, its status and the notices the viewer
 * may read there in the period, the count linking to the feed with the same filters (which lists
 * exactly those notices). Busiest first.
 */
export async function CrossingCountsTable({ crossings, period }: { crossings: (MapCrossing & { country: string })[]; period: Period }) {
  const t = await getTranslations("picture.map");
  const rows = [...crossings].sort((a, b) => b.notices - a.notices || a.name.localeCompare(b.name));
  const feed = (id: string) => `/feed?${new URLSearchParams({ crossing: id, from: period.from, to: period.to })}`;
  return (
    <Table head={[t("crossing"), t("country"), t("status"), t("notices")]}>
      {rows.map((c) => (
        <tr key={c.id} data-testid={`map-row-${c.id}`}>
          <td className="px-3 py-2 font-medium">
            <TextLink href={`/crossings/${c.id}`}>{c.name}</TextLink>
          </td>
          <td className="px-3 py-2">{c.country}</td>
          <td className="px-3 py-2">
            <CrossingStatus status={c.status} />
          </td>
          <td className="px-3 py-2 text-right tabular-nums">
            {c.notices > 0 ? (
              <TextLink href={feed(c.id)} aria-label={t("feedLink", { name: c.name, count: c.notices })}>
                {c.notices}
              </TextLink>
            ) : (
              0
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
