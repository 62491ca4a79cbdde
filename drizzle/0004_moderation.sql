CREATE TYPE "public"."moderation_action" AS ENUM('approve', 'request_changes', 'reject', 'retract', 'redact', 'merge', 'pin', 'unpin', 'dismiss');--> statement-breakpoint
CREATE TYPE "public"."report_reason" AS ENUM('inaccurate', 'duplicate', 'personal_data', 'wrong_marking', 'inappropriate', 'other');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('open', 'resolved');--> statement-breakpoint
ALTER TYPE "public"."notice_status" ADD VALUE 'pending_review';--> statement-breakpoint
ALTER TYPE "public"."notice_status" ADD VALUE 'changes_requested';--> statement-breakpoint
ALTER TYPE "public"."notice_status" ADD VALUE 'rejected';--> statement-breakpoint
ALTER TYPE "public"."notice_status" ADD VALUE 'merged';--> statement-breakpoint
CREATE TABLE "moderation_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notice_id" uuid NOT NULL,
	"agency_id" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"action" "moderation_action" NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_credits" (
	"notice_id" uuid NOT NULL,
	"agency_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_credits_notice_id_agency_id_pk" PRIMARY KEY("notice_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "notice_pins" (
	"notice_id" uuid PRIMARY KEY NOT NULL,
	"pinned_by_id" uuid NOT NULL,
	"starts_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_pins_period" CHECK ("notice_pins"."ends_at" > "notice_pins"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "notice_redirects" (
	"from_notice_id" uuid PRIMARY KEY NOT NULL,
	"to_notice_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_redirects_not_self" CHECK ("notice_redirects"."from_notice_id" <> "notice_redirects"."to_notice_id")
);
--> statement-breakpoint
CREATE TABLE "notice_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"reporter_id" uuid NOT NULL,
	"reason" "report_reason" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" "report_status" DEFAULT 'open' NOT NULL,
	"resolved_by_id" uuid,
	"resolved_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "pre_moderated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "pre_moderated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_credits" ADD CONSTRAINT "notice_credits_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_credits" ADD CONSTRAINT "notice_credits_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_pins" ADD CONSTRAINT "notice_pins_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_pins" ADD CONSTRAINT "notice_pins_pinned_by_id_users_id_fk" FOREIGN KEY ("pinned_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_redirects" ADD CONSTRAINT "notice_redirects_from_notice_id_notices_id_fk" FOREIGN KEY ("from_notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_redirects" ADD CONSTRAINT "notice_redirects_to_notice_id_notices_id_fk" FOREIGN KEY ("to_notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reports" ADD CONSTRAINT "notice_reports_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reports" ADD CONSTRAINT "notice_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reports" ADD CONSTRAINT "notice_reports_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "moderation_actions_notice_idx" ON "moderation_actions" USING btree ("notice_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "moderation_actions_agency_idx" ON "moderation_actions" USING btree ("agency_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notice_pins_ends_idx" ON "notice_pins" USING btree ("ends_at");--> statement-breakpoint
CREATE INDEX "notice_redirects_to_idx" ON "notice_redirects" USING btree ("to_notice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_reports_open_key" ON "notice_reports" USING btree ("notice_id","reporter_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "notice_reports_notice_reporter_idx" ON "notice_reports" USING btree ("notice_id","reporter_id");--> statement-breakpoint
CREATE INDEX "notice_reports_open_idx" ON "notice_reports" USING btree ("created_at") WHERE status = 'open';