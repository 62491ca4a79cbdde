import { sql } from "drizzle-orm";
import type { Tx } from "~/db/index";
import type { NoticeEventKind, NotificationMatch } from "~/db/schema";
import type { Delivery } from "~/schemas/subscriptions";
import { eventVisibleToUsers } from "~/server/services/visibility";

export type Recipient = { userId: string; subscriptionId: string | null; delivery: Delivery; moderationEmails: boolean; matched: NotificationMatch };
export type EventRecipients = { noticeId: string; kind: NoticeEventKind; recipients: Recipient[] };

const WATCHED_KINDS = sql`('edited', 'linked', 'retracted', 'moderated')`;
const NEW_NOTICE_KINDS = sql`('published', 'released')`;

/**
 * Who hears of a notice event, and by which channels: new notices reach the feeds they match,
 * updates reach the notice's watchers, a moderation decision also reaches the author. Only users
 * who may read the notice now and know of any notice the event names (the visibility rule, for
 * all of them in one statement), never the one who caused the event. One row per user and channel; several matching subscriptions of one
 * user collapse into one. Each row says what matched (`NotificationMatch`): a moderation decision
 * reaches the author as theirs even when they also watch it.
 */
export async function eventRecipients(tx: Tx, eventId: number): Promise<EventRecipients | null> {
  const [event] = await tx.execute<{ notice_id: string; kind: NoticeEventKind }>(sql`SELECT notice_id, kind FROM notice_events WHERE id = ${eventId}`);
  if (!event) return null;
  const rows = await tx.execute<{
    user_id: string;
    subscription_id: string | null;
    delivery: Delivery;
    moderation_emails: boolean;
    matched: NotificationMatch;
  }>(sql`
    WITH event AS (SELECT notice_id, kind, mentioned_notice_id, actor_user_id FROM notice_events WHERE id = ${eventId}),
    matched AS (
      SELECT s.user_id, s.id AS subscription_id, s.delivery, s.created_at, CASE WHEN s.notice_id IS NOT NULL THEN jsonb_build_object('via', 'watch')
        ELSE jsonb_build_object('via', 'subscription', 'crossingIds', s.crossing_ids, 'substanceIds', s.substance_ids, 'countryCodes', s.country_codes,
          'countryRole', s.country_role, 'kinds', s.kinds, 'agencyIds', s.agency_ids) END AS matched
      FROM event e
      JOIN notices n ON n.id = e.notice_id
      LEFT JOIN seizure_details sd ON sd.notice_id = n.id
      JOIN subscriptions s ON (s.notice_id = n.id AND e.kind IN ${WATCHED_KINDS})
        OR (s.notice_id IS NULL AND e.kind IN ${NEW_NOTICE_KINDS}
          AND (cardinality(s.crossing_ids) = 0 OR n.crossing_id = ANY (s.crossing_ids))
          AND (cardinality(s.kinds) = 0 OR n.kind = ANY (s.kinds))
          AND (cardinality(s.agency_ids) = 0 OR n.agency_id = ANY (s.agency_ids))
          AND (cardinality(s.substance_ids) = 0
            OR EXISTS (SELECT 1 FROM seizure_items si WHERE si.notice_id = n.id AND si.substance_id = ANY (s.substance_ids)))
          AND (cardinality(s.country_codes) = 0
            OR (s.country_role IN ('any', 'location') AND n.country_code = ANY (s.country_codes))
            OR (s.country_role IN ('any', 'origin') AND s.country_codes && coalesce(sd.origin_countries, '{}'))
            OR (s.country_role IN ('any', 'destination') AND s.country_codes && coalesce(sd.destination_countries, '{}'))))
      UNION ALL
      SELECT n.author_id, NULL, 'instant'::delivery, now(), jsonb_build_object('via', 'author')
      FROM event e JOIN notices n ON n.id = e.notice_id
      WHERE e.kind = 'moderated'
    )
    SELECT * FROM (
    SELECT DISTINCT ON (m.user_id, m.delivery)
      m.user_id, m.subscription_id, m.delivery, coalesce(ms.moderation_emails, true) AS moderation_emails, m.matched
    FROM matched m
    CROSS JOIN event e
    JOIN notices ON notices.id = e.notice_id
    JOIN users ON users.id = m.user_id
    JOIN agencies ON agencies.id = users.agency_id
    LEFT JOIN mail_settings ms ON ms.user_id = m.user_id
    WHERE m.user_id IS DISTINCT FROM e.actor_user_id AND ${eventVisibleToUsers(sql`e.mentioned_notice_id`)}
    ORDER BY m.user_id, m.delivery, m.created_at
    ) AS one_per_channel
    -- A user's first row names what matched them in-app: their own notice before a watch of it
    -- (unless both asked for instant mail: then the one row is the watch, as the mail's unsubscribe needs).
    ORDER BY user_id, matched->>'via' = 'author' DESC, delivery
  `);
  return {
    noticeId: event.notice_id,
    kind: event.kind,
    recipients: rows.map((r) => ({
      userId: r.user_id,
      subscriptionId: r.subscription_id,
      delivery: r.delivery,
      moderationEmails: r.moderation_emails,
      matched: r.matched,
    })),
  };
}
