// Apart from the zod schemas of ./notices, so that the notice form can say the limit without
// bringing zod into the browser.

export const SEIZURE_ITEMS_MAX = 20;

/** Lines of a crossing's or substance's newest notices on its page (the full list is the feed). */
export const FEED_SECTION_SIZE = 10;
