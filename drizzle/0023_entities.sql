CREATE TYPE "public"."entity_kind" AS ENUM('company', 'person', 'vehicle', 'container', 'phone', 'hs_code', 'registration', 'address');--> statement-breakpoint
CREATE TYPE "public"."entity_role" AS ENUM('company', 'consignor', 'consignee', 'owner', 'person', 'vehicle', 'container', 'phone', 'hs_code', 'registration', 'address');--> statement-breakpoint
CREATE TABLE "entities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "entity_kind" NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entity_backfill" (
	"notice_id" uuid PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entity_decisions" (
	"entity_a" uuid NOT NULL,
	"entity_b" uuid NOT NULL,
	"same" boolean NOT NULL,
	"decided_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entity_decisions_entity_a_entity_b_pk" PRIMARY KEY("entity_a","entity_b"),
	CONSTRAINT "entity_decisions_ordered" CHECK ("entity_decisions"."entity_a" < "entity_decisions"."entity_b")
);
--> statement-breakpoint
CREATE TABLE "entity_mentions" (
	"notice_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"role" "entity_role" NOT NULL,
	"part" smallint NOT NULL,
	"value" text NOT NULL,
	"birth_year" smallint,
	"check_digit_valid" boolean,
	CONSTRAINT "entity_mentions_notice_id_role_part_entity_id_pk" PRIMARY KEY("notice_id","role","part","entity_id")
);
--> statement-breakpoint
ALTER TABLE "arrest_details" ADD COLUMN "companies" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "arrest_details" ADD COLUMN "phones" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "company_alerts" ADD COLUMN "phones" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "seizure_details" ADD COLUMN "consignor" text;--> statement-breakpoint
ALTER TABLE "seizure_details" ADD COLUMN "consignee" text;--> statement-breakpoint
ALTER TABLE "seizure_details" ADD COLUMN "phones" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "entity_backfill" ADD CONSTRAINT "entity_backfill_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_decisions" ADD CONSTRAINT "entity_decisions_entity_a_entities_id_fk" FOREIGN KEY ("entity_a") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_decisions" ADD CONSTRAINT "entity_decisions_entity_b_entities_id_fk" FOREIGN KEY ("entity_b") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_decisions" ADD CONSTRAINT "entity_decisions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_mentions" ADD CONSTRAINT "entity_mentions_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_mentions" ADD CONSTRAINT "entity_mentions_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "entities_kind_key" ON "entities" USING btree ("kind","key");--> statement-breakpoint
CREATE INDEX "entities_key_trgm_idx" ON "entities" USING gin ("key" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "entity_decisions_b_idx" ON "entity_decisions" USING btree ("entity_b");--> statement-breakpoint
CREATE INDEX "entity_mentions_entity_idx" ON "entity_mentions" USING btree ("entity_id","notice_id");