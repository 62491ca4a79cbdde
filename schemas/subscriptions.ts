import { z } from "zod";
import { ref, string } from "~/schemas/fields";
import { NOTICE_KINDS } from "~/schemas/notice-enums";
import { COUNTRY_ROLES, DELIVERIES } from "~/schemas/subscription-enums";

export { DELIVERIES, type Delivery } from "~/schemas/subscription-enums";

const ids = (max: number) => z.array(ref(80)).max(max);

/**
 * A feed: every dimension given must match (AND); within one, any value matches (OR). So
 * "Torugart or Irkeshtam, acetic anhydride" is crossings [torugart, irkeshtam] + substances
 * [acetic-anhydride]. At least one dimension: a subscription to everything would flood.
 */
export const ZSubscriptionFilter = z
  .strictObject({
    crossingIds: ids(20).default([]),
    substanceIds: ids(20).default([]),
    countryCodes: z
      .array(string().regex(/^[A-Z]{2}$/))
      .max(20)
      .default([]),
    countryRole: z.enum(COUNTRY_ROLES).default("any"),
    kinds: z.array(z.enum(NOTICE_KINDS)).max(NOTICE_KINDS.length).default([]),
    agencyIds: ids(20).default([]),
  })
  .refine((f) => f.crossingIds.length + f.substanceIds.length + f.countryCodes.length + f.kinds.length + f.agencyIds.length > 0, {
    error: "emptySubscription",
  });
export type SubscriptionFilter = z.output<typeof ZSubscriptionFilter>;

export const ZCreateSubscription = z.strictObject({
  filter: ZSubscriptionFilter,
  delivery: z.enum(DELIVERIES),
});
export type CreateSubscriptionInput = z.input<typeof ZCreateSubscription>;

export const ZUpdateSubscription = z.strictObject({ id: z.uuid(), delivery: z.enum(DELIVERIES) });
export const ZSubscriptionId = z.strictObject({ id: z.uuid() });
export const ZWatch = z.strictObject({ noticeId: z.uuid(), delivery: z.enum(DELIVERIES).default("instant") });
export const ZNoticeRef = z.strictObject({ noticeId: z.uuid() });
export const ZMailSettings = z.strictObject({ moderationEmails: z.boolean() });
/** The mail settings as a form posts them: an unticked box is not posted at all, which means "off". */
export const ZMailSettingsForm = ZMailSettings.extend({ moderationEmails: ZMailSettings.shape.moderationEmails.default(false) });
export const ZFollowTarget = z.strictObject({ target: z.enum(["crossing", "substance", "agency"]), id: ref(80) });
export const ZMailboxPage = z.strictObject({ before: z.number().int().positive().optional() });
export const ZMailboxMessage = z.strictObject({ id: z.number().int().positive() });
export const ZDeadLetter = z.strictObject({ id: z.uuid() });
