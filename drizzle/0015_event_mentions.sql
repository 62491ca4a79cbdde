ALTER TABLE "notice_events" ADD COLUMN "mentioned_notice_id" uuid;--> statement-breakpoint
ALTER TABLE "notice_events" ADD CONSTRAINT "notice_events_mentioned_notice_id_notices_id_fk" FOREIGN KEY ("mentioned_notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Events recorded before this column name their other notice only in the records written in the
-- same transaction (same now()): the link in the audit log, the merge in the moderation log.
UPDATE "notice_events" e SET "mentioned_notice_id" = (CASE WHEN a.target_id = e.notice_id::text THEN a.details->>'otherId' ELSE a.target_id END)::uuid
FROM "audit_log" a
WHERE e.kind = 'linked' AND a.action = 'notice.link' AND a.at = e.created_at AND a.actor_user_id = e.actor_user_id
  AND e.notice_id::text IN (a.target_id, a.details->>'otherId');--> statement-breakpoint
UPDATE "notice_events" e SET "mentioned_notice_id" = (m.details->>'duplicateId')::uuid
FROM "moderation_actions" m
WHERE e.kind = 'moderated' AND m.action = 'merge' AND m.notice_id = e.notice_id AND m.created_at = e.created_at
  AND m.actor_id = e.actor_user_id AND m.details->>'duplicateId' <> e.notice_id::text;
