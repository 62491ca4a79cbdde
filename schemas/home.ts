import { z } from "zod";
import { ref } from "./fields";

// The home pages' own lists (the rest is the feed's and moderation's).

export const ZExpiringAlerts = z.strictObject({
  withinDays: z.int().min(1).max(366),
  agencyId: ref().optional(),
});

export const ZActiveAlertsAt = z.strictObject({
  crossingIds: z.array(ref()).max(50),
});

export const ZQuietAgencies = z.strictObject({
  days: z.int().min(1).max(3650),
});
