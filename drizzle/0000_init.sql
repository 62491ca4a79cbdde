CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE FUNCTION immutable_join(text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string($1, ' ') $$;
--> statement-breakpoint
CREATE TYPE "public"."agency_kind" AS ENUM('customs', 'border_guard', 'drug_control', 'police', 'security_service', 'international');--> statement-breakpoint
CREATE TYPE "public"."convention_table" AS ENUM('I', 'II');--> statement-breakpoint
CREATE TYPE "public"."crossing_kind" AS ENUM('border_crossing', 'inland_terminal');--> statement-breakpoint
CREATE TYPE "public"."crossing_status" AS ENUM('open', 'seasonal', 'closed');--> statement-breakpoint
CREATE TYPE "public"."transport_mode" AS ENUM('road', 'rail');--> statement-breakpoint
CREATE TYPE "public"."locale" AS ENUM('en', 'ru', 'zh');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('analyst', 'chief', 'agency_admin', 'coordinator', 'admin');--> statement-breakpoint
CREATE TYPE "public"."token_purpose" AS ENUM('invitation');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('invited', 'active', 'disabled');--> statement-breakpoint
CREATE TABLE "agencies" (
	"id" text PRIMARY KEY NOT NULL,
	"country_code" char(2),
	"seat_country_code" char(2),
	"kind" "agency_kind" NOT NULL,
	"name_en" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_zh" text,
	"short_name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"actor_user_id" uuid,
	"actor_agency_id" text,
	"target_type" text,
	"target_id" text,
	"ip" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text,
	"hash" text
);
--> statement-breakpoint
CREATE TABLE "countries" (
	"code" char(2) PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_zh" text NOT NULL,
	"is_member" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "criminal_provisions" (
	"id" text PRIMARY KEY NOT NULL,
	"country_code" char(2) NOT NULL,
	"code" text NOT NULL,
	"article" text,
	"in_force" boolean NOT NULL,
	"title_en" text NOT NULL,
	"penalty_summary" text,
	"source_note" text,
	"verification" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crossings" (
	"id" text PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_zh" text,
	"neighbor_port_en" text,
	"country_code" char(2) NOT NULL,
	"neighbor_country_code" char(2) NOT NULL,
	"kind" "crossing_kind" NOT NULL,
	"modes" "transport_mode"[] DEFAULT '{}' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"coords_verified" boolean DEFAULT false NOT NULL,
	"elevation_m" integer,
	"schedule_note" text,
	"status" "crossing_status" DEFAULT 'open' NOT NULL,
	"notes" text[] DEFAULT '{}' NOT NULL,
	"risk2005" text,
	"traffic2005" text,
	"controls2005" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "substances" (
	"id" text PRIMARY KEY NOT NULL,
	"convention_table" "convention_table" NOT NULL,
	"group_name" text,
	"name_en" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_zh" text,
	"aliases" text[] DEFAULT '{}' NOT NULL,
	"cas" text,
	"hs_code" text,
	"illicit_use" text,
	"licit_uses" text,
	"control_history" text,
	"density_g_per_ml" double precision,
	"search_text" text GENERATED ALWAYS AS (lower(name_en || ' ' || name_ru || ' ' || coalesce(name_zh, '') || ' ' || immutable_join(aliases) || ' ' || coalesce(cas, '') || ' ' || coalesce(hs_code, ''))) STORED NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"session_version" integer NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "token_purpose" NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"agency_id" text NOT NULL,
	"role" "role" NOT NULL,
	"duty_station_id" text,
	"locale" "locale" DEFAULT 'en' NOT NULL,
	"time_zone" text DEFAULT 'Asia/Almaty' NOT NULL,
	"status" "user_status" DEFAULT 'invited' NOT NULL,
	"password_hash" text,
	"session_version" integer DEFAULT 1 NOT NULL,
	"last_sign_in_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_seat_country_code_countries_code_fk" FOREIGN KEY ("seat_country_code") REFERENCES "public"."countries"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criminal_provisions" ADD CONSTRAINT "criminal_provisions_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crossings" ADD CONSTRAINT "crossings_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crossings" ADD CONSTRAINT "crossings_neighbor_country_code_countries_code_fk" FOREIGN KEY ("neighbor_country_code") REFERENCES "public"."countries"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_duty_station_id_crossings_id_fk" FOREIGN KEY ("duty_station_id") REFERENCES "public"."crossings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agencies_country_idx" ON "agencies" USING btree ("country_code");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "crossings_country_idx" ON "crossings" USING btree ("country_code");--> statement-breakpoint
CREATE INDEX "substances_search_trgm_idx" ON "substances" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_tokens_hash_key" ON "user_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "user_tokens_user_idx" ON "user_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_agency_idx" ON "users" USING btree ("agency_id");