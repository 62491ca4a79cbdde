CREATE TYPE "public"."deconfliction_status" AS ENUM('open', 'released', 'declined');--> statement-breakpoint
CREATE TABLE "deconfliction_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"requester_agency_id" text NOT NULL,
	"requester_id" uuid NOT NULL,
	"from_notice_id" uuid NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" "deconfliction_status" DEFAULT 'open' NOT NULL,
	"reply" text,
	"answered_by_id" uuid,
	"answered_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deconfliction_requests_message_length" CHECK (length("deconfliction_requests"."message") <= 2000 AND length(coalesce("deconfliction_requests"."reply", '')) <= 2000)
);
--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "allow_deconfliction" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "deconfliction_requests" ADD CONSTRAINT "deconfliction_requests_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deconfliction_requests" ADD CONSTRAINT "deconfliction_requests_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deconfliction_requests" ADD CONSTRAINT "deconfliction_requests_requester_agency_id_agencies_id_fk" FOREIGN KEY ("requester_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deconfliction_requests" ADD CONSTRAINT "deconfliction_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deconfliction_requests" ADD CONSTRAINT "deconfliction_requests_from_notice_id_notices_id_fk" FOREIGN KEY ("from_notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deconfliction_requests" ADD CONSTRAINT "deconfliction_requests_answered_by_id_users_id_fk" FOREIGN KEY ("answered_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deconfliction_requests_open_key" ON "deconfliction_requests" USING btree ("notice_id","entity_id","requester_agency_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "deconfliction_requests_requester_idx" ON "deconfliction_requests" USING btree ("requester_agency_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deconfliction_requests_notice_idx" ON "deconfliction_requests" USING btree ("notice_id","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_deconfliction_not_red" CHECK (NOT "notices"."allow_deconfliction" OR "notices"."tlp" <> 'red');