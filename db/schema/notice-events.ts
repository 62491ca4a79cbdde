import { bigserial, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { notices } from "./notices";

export const NOTICE_EVENT_KINDS = ["published", "edited", "linked", "retracted", "released", "moderated", "deconfliction"] as const;
export type NoticeEventKind = (typeof NOTICE_EVENT_KINDS)[number];

// "deconfliction" (issue 19) is written by the deconfliction service for the one party it concerns
// (server/services/deconfliction/), never fanned out to subscribers.
/** What happened to a notice, in order: the source every alert (in-app, email, digest) fans out from. */
export const noticeEvents = pgTable(
  "notice_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    kind: text().$type<NoticeEventKind>().notNull(),
    // The other notice the event names: the one linked to this notice, or the duplicate merged
    // into it. Whoever hears of the event must be allowed to know of both (visibility.ts).
    mentionedNoticeId: uuid().references(() => notices.id, { onDelete: "cascade" }),
    actorUserId: uuid(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("notice_events_notice_idx").on(t.noticeId)],
);
