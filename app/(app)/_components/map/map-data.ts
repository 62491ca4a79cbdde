import { getLocale } from "next-intl/server";
import { localized } from "~/app/_components/names";
import type { createCaller } from "~/server/api/root";
import { LABEL_AT } from "./geography";

type Caller = ReturnType<typeof createCaller>;

/** The map's crossings (names in the reader's language, with the notices the viewer may read there in the period), for the map page and the coordinator's home. */
export async function mapData(caller: Caller, period: { from: string; to: string }) {
  const [counts, countries, locale] = await Promise.all([caller.picture.crossingCounts(period), caller.reference.countries.list(), getLocale()]);
  const countryNames = Object.fromEntries(countries.filter((c) => c.code in LABEL_AT).map((c) => [c.code, localized(c.name, locale)]));
  const crossings = counts.map((c) => ({ ...c, name: localized(c.name, locale), country: localized(c.country, locale) }));
  return { crossings, countryNames, total: crossings.reduce((n, c) => n + c.notices, 0) };
}
