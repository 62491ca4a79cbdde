import { getTranslations } from "next-intl/server";
import { TextLink } from "~/app/_components/ui";
import type { createCaller } from "~/server/api/root";
import type { Viewer } from "~/server/auth/sessions";
import { CrossingMapFigure } from "../map/crossing-map";
import { mapData } from "../map/map-data";
import { defaultPeriod } from "../map/period";
import { HomeSection } from "./home-section";

type Caller = ReturnType<typeof createCaller>;

/**
 * The region on the coordinator's home: the map of the crossings with the notices the coordinator
 * may read at each over the last twelve months, linking to the map page (other periods, the table)
 * and the trends. The trends themselves stay on their page: over the whole region they are the
 * heaviest statement of the picture, and the home is opened far more often.
 */
export async function RegionSlot({ caller, viewer }: { caller: Caller; viewer: Viewer }) {
  const period = defaultPeriod(viewer.timeZone);
  const [{ crossings, countryNames, total }, t, nav] = await Promise.all([
    mapData(caller, period),
    getTranslations("picture.map"),
    getTranslations("picture.nav"),
  ]);
  return (
    <HomeSection id="region" title={t("title")} count={{ count: total, more: false }} more={{ href: "/trends", label: nav("trends") }}>
      <p className="mb-2 text-sm text-slate-600">
        {t("total", { count: total, from: period.from, to: period.to })} <TextLink href="/map">{nav("map")}</TextLink>
      </p>
      <CrossingMapFigure crossings={crossings} countryNames={countryNames} period={period} />
    </HomeSection>
  );
}
