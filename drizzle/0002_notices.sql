CREATE TYPE "public"."arrest_status" AS ENUM('detained', 'charged', 'convicted', 'released');--> statement-breakpoint
CREATE TYPE "public"."company_ground" AS ENUM('false_registration', 'no_pre_export_notification', 'misdeclaration', 'linked_to_seizure', 'other');--> statement-breakpoint
CREATE TYPE "public"."conveyance" AS ENUM('truck', 'rail_wagon', 'car', 'air', 'post', 'on_foot', 'other');--> statement-breakpoint
CREATE TYPE "public"."handling_code" AS ENUM('intelligence_only', 'no_further_dissemination', 'evidential_use');--> statement-breakpoint
CREATE TYPE "public"."notice_kind" AS ENUM('seizure', 'company_alert', 'arrest');--> statement-breakpoint
CREATE TYPE "public"."notice_status" AS ENUM('draft', 'pending_release', 'published', 'retracted');--> statement-breakpoint
CREATE TYPE "public"."person_role" AS ENUM('driver', 'courier', 'organizer', 'official', 'other');--> statement-breakpoint
CREATE TYPE "public"."quantity_unit" AS ENUM('g', 'kg', 't', 'mL', 'L', 'barrel', 'unit');--> statement-breakpoint
CREATE TYPE "public"."source_reliability" AS ENUM('A', 'B', 'C', 'D', 'E', 'F');--> statement-breakpoint
CREATE TYPE "public"."tlp" AS ENUM('clear', 'green', 'amber', 'amber_strict', 'red');--> statement-breakpoint
CREATE TABLE "arrest_charges" (
	"notice_id" uuid NOT NULL,
	"provision_id" text NOT NULL,
	CONSTRAINT "arrest_charges_notice_id_provision_id_pk" PRIMARY KEY("notice_id","provision_id")
);
--> statement-breakpoint
CREATE TABLE "arrest_details" (
	"notice_id" uuid PRIMARY KEY NOT NULL,
	"arresting_agency_id" text,
	"arresting_agency_text" text,
	"status" "arrest_status" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "arrest_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"names" jsonb NOT NULL,
	"nationality_code" char(2),
	"birth_year" smallint,
	"role" "person_role" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company_alerts" (
	"notice_id" uuid PRIMARY KEY NOT NULL,
	"names" jsonb NOT NULL,
	"registration_numbers" text[] DEFAULT '{}' NOT NULL,
	"registration_country_code" char(2),
	"addresses" text[] DEFAULT '{}' NOT NULL,
	"owners" text[] DEFAULT '{}' NOT NULL,
	"grounds" "company_ground"[] NOT NULL,
	"grounds_note" text,
	"recommended_action" text NOT NULL,
	"expires_on" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_links" (
	"notice_a" uuid NOT NULL,
	"notice_b" uuid NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_links_notice_a_notice_b_pk" PRIMARY KEY("notice_a","notice_b"),
	CONSTRAINT "notice_links_ordered" CHECK ("notice_links"."notice_a" < "notice_links"."notice_b")
);
--> statement-breakpoint
CREATE TABLE "notice_recipients" (
	"notice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "notice_recipients_notice_id_user_id_pk" PRIMARY KEY("notice_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notice_release_agencies" (
	"notice_id" uuid NOT NULL,
	"agency_id" text NOT NULL,
	CONSTRAINT "notice_release_agencies_notice_id_agency_id_pk" PRIMARY KEY("notice_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "notice_release_countries" (
	"notice_id" uuid NOT NULL,
	"country_code" char(2) NOT NULL,
	CONSTRAINT "notice_release_countries_notice_id_country_code_pk" PRIMARY KEY("notice_id","country_code")
);
--> statement-breakpoint
CREATE TABLE "notice_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_fields" text[] NOT NULL,
	"edited_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "notice_kind" NOT NULL,
	"title" text NOT NULL,
	"narrative" text DEFAULT '' NOT NULL,
	"occurred_on" date NOT NULL,
	"occurred_at" timestamp (3) with time zone,
	"crossing_id" text,
	"place_text" text,
	"country_code" char(2),
	"latitude" double precision,
	"longitude" double precision,
	"agency_id" text NOT NULL,
	"author_id" uuid NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"tlp" "tlp" NOT NULL,
	"status" "notice_status" NOT NULL,
	"source_reliability" "source_reliability" NOT NULL,
	"info_credibility" smallint NOT NULL,
	"handling_code" "handling_code" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp (3) with time zone,
	"released_by_id" uuid,
	"retracted_at" timestamp (3) with time zone,
	"retracted_reason" text,
	"idempotency_key" uuid,
	"search_names" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', search_names), 'A') || setweight(to_tsvector('simple', coalesce(narrative, '')), 'B')) STORED NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notices_credibility_range" CHECK ("notices"."info_credibility" BETWEEN 1 AND 6),
	CONSTRAINT "notices_arrest_not_public" CHECK ("notices"."kind" <> 'arrest' OR "notices"."tlp" NOT IN ('clear', 'green')),
	CONSTRAINT "notices_published_at" CHECK ("notices"."status" NOT IN ('published', 'retracted') OR "notices"."published_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "seizure_details" (
	"notice_id" uuid PRIMARY KEY NOT NULL,
	"concealment" text,
	"declared_as" text,
	"declared_hs_code" text,
	"conveyance" "conveyance",
	"conveyance_ids" text[] DEFAULT '{}' NOT NULL,
	"origin_countries" char(2)[] DEFAULT '{}' NOT NULL,
	"transit_countries" char(2)[] DEFAULT '{}' NOT NULL,
	"destination_countries" char(2)[] DEFAULT '{}' NOT NULL,
	"seizing_agency_id" text,
	"seizing_agency_text" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seizure_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"substance_id" text,
	"description" text,
	"quantity" numeric(14, 3) NOT NULL,
	"unit" "quantity_unit" NOT NULL,
	"mass_kg" numeric(14, 3)
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "requires_release" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "arrest_charges" ADD CONSTRAINT "arrest_charges_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrest_charges" ADD CONSTRAINT "arrest_charges_provision_id_criminal_provisions_id_fk" FOREIGN KEY ("provision_id") REFERENCES "public"."criminal_provisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrest_details" ADD CONSTRAINT "arrest_details_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrest_details" ADD CONSTRAINT "arrest_details_arresting_agency_id_agencies_id_fk" FOREIGN KEY ("arresting_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrest_persons" ADD CONSTRAINT "arrest_persons_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrest_persons" ADD CONSTRAINT "arrest_persons_nationality_code_countries_code_fk" FOREIGN KEY ("nationality_code") REFERENCES "public"."countries"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_alerts" ADD CONSTRAINT "company_alerts_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_alerts" ADD CONSTRAINT "company_alerts_registration_country_code_countries_code_fk" FOREIGN KEY ("registration_country_code") REFERENCES "public"."countries"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_links" ADD CONSTRAINT "notice_links_notice_a_notices_id_fk" FOREIGN KEY ("notice_a") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_links" ADD CONSTRAINT "notice_links_notice_b_notices_id_fk" FOREIGN KEY ("notice_b") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_links" ADD CONSTRAINT "notice_links_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_recipients" ADD CONSTRAINT "notice_recipients_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_recipients" ADD CONSTRAINT "notice_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_release_agencies" ADD CONSTRAINT "notice_release_agencies_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_release_agencies" ADD CONSTRAINT "notice_release_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_release_countries" ADD CONSTRAINT "notice_release_countries_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_release_countries" ADD CONSTRAINT "notice_release_countries_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_versions" ADD CONSTRAINT "notice_versions_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_versions" ADD CONSTRAINT "notice_versions_edited_by_id_users_id_fk" FOREIGN KEY ("edited_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_crossing_id_crossings_id_fk" FOREIGN KEY ("crossing_id") REFERENCES "public"."crossings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_released_by_id_users_id_fk" FOREIGN KEY ("released_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seizure_details" ADD CONSTRAINT "seizure_details_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seizure_details" ADD CONSTRAINT "seizure_details_seizing_agency_id_agencies_id_fk" FOREIGN KEY ("seizing_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seizure_items" ADD CONSTRAINT "seizure_items_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seizure_items" ADD CONSTRAINT "seizure_items_substance_id_substances_id_fk" FOREIGN KEY ("substance_id") REFERENCES "public"."substances"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arrest_persons_notice_idx" ON "arrest_persons" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "notice_links_b_idx" ON "notice_links" USING btree ("notice_b");--> statement-breakpoint
CREATE INDEX "notice_recipients_user_idx" ON "notice_recipients" USING btree ("user_id","notice_id");--> statement-breakpoint
CREATE INDEX "notice_release_agencies_agency_idx" ON "notice_release_agencies" USING btree ("agency_id","notice_id");--> statement-breakpoint
CREATE INDEX "notice_release_countries_country_idx" ON "notice_release_countries" USING btree ("country_code","notice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_versions_notice_version_key" ON "notice_versions" USING btree ("notice_id","version");--> statement-breakpoint
CREATE INDEX "notices_feed_idx" ON "notices" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "notices_crossing_feed_idx" ON "notices" USING btree ("crossing_id","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "notices_agency_feed_idx" ON "notices" USING btree ("agency_id","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "notices_country_feed_idx" ON "notices" USING btree ("country_code","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "notices_author_idx" ON "notices" USING btree ("author_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notices_search_idx" ON "notices" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "notices_names_trgm_idx" ON "notices" USING gin ("search_names" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "notices_idempotency_key" ON "notices" USING btree ("author_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "seizure_items_notice_idx" ON "seizure_items" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "seizure_items_substance_idx" ON "seizure_items" USING btree ("substance_id","notice_id");