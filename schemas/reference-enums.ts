// Apart from the zod schemas of ./reference, so that the curation forms list the countries
// without bringing zod into the browser.

/** The countries whose crossings and terminals the platform lists, in the order the pages group them. */
export const CROSSING_COUNTRIES = ["KZ", "KG", "TJ"] as const;
export type CrossingCountry = (typeof CROSSING_COUNTRIES)[number];
