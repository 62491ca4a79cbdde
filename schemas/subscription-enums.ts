// Apart from the zod schemas of ./subscriptions, so that the delivery select (the notice page's
// "watch") does not bring zod (~26 KB of compressed script) into the browser for four words.

export const DELIVERIES = ["in_app", "instant", "daily", "weekly"] as const;
export type Delivery = (typeof DELIVERIES)[number];
