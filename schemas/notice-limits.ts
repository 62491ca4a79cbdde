// Apart from the zod schemas of ./notices, so that the notice form can say the limit without
// bringing zod into the browser.

export const SEIZURE_ITEMS_MAX = 20;
