-- Search in any language (issue #16): identifiers and Russian stems join the search vector.
ALTER TABLE "notices" ADD COLUMN "search_identifiers" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- The identifiers of the notices written before, as the notices service now writes them
-- (identifierKey, server/services/notices/identifiers.ts): upper case, Cyrillic letters that look
-- like Latin ones read as those, spaces, dots, dashes and slashes removed; then lower case.
UPDATE "notices" n SET "search_identifiers" = concat_ws(' ',
    (SELECT string_agg(lower(regexp_replace(translate(upper(i), 'АВЕКМНОРСТУХ', 'ABEKMHOPCTYX'), '[[:space:]./-]', '', 'g')), ' ')
       FROM unnest(array_append(sd.conveyance_ids, sd.declared_hs_code)) i),
    sd.declared_as)
  FROM "seizure_details" sd WHERE sd.notice_id = n.id;--> statement-breakpoint
UPDATE "notices" n SET "search_identifiers" = (
    SELECT coalesce(string_agg(lower(regexp_replace(translate(upper(i), 'АВЕКМНОРСТУХ', 'ABEKMHOPCTYX'), '[[:space:]./-]', '', 'g')), ' '), '')
      FROM unnest(ca.registration_numbers) i)
  FROM "company_alerts" ca WHERE ca.notice_id = n.id;--> statement-breakpoint
-- Dropping the vector drops its index and the public word statistics (migration 0013) too; both are made again below.
ALTER TABLE "notices" drop column "search_vector";--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', search_names), 'A') || setweight(to_tsvector('simple', coalesce(narrative, '')), 'B') || to_tsvector('simple', cjk_bigrams(coalesce(title, '') || ' ' || search_names || ' ' || coalesce(narrative, ''))) || setweight(to_tsvector('simple', search_identifiers), 'A') || to_tsvector('russian', coalesce(title, '') || ' ' || coalesce(narrative, '') || ' ' || search_identifiers)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "notices_search_idx" ON "notices" USING gin ("search_vector");--> statement-breakpoint
CREATE STATISTICS notices_public_words ON (CASE WHEN notice_readable_by_all(tlp, status) THEN search_vector END) FROM notices;--> statement-breakpoint
ANALYZE notices;
