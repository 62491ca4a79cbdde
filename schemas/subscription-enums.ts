// Apart from the zod schemas of ./subscriptions, so that the delivery select (the notice page's
// "watch") and the subscription form do not bring zod (~26 KB of compressed script) into the
// browser for a few words.

export const DELIVERIES = ["in_app", "instant", "daily", "weekly"] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** Which of a notice's countries a subscription's countries are compared with. */
export const COUNTRY_ROLES = ["any", "location", "origin", "destination"] as const;
export type CountryRole = (typeof COUNTRY_ROLES)[number];
