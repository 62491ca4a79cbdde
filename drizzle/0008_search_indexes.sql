CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notices" drop column "search_vector";--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', search_names), 'A') || setweight(to_tsvector('simple', coalesce(narrative, '')), 'B') || to_tsvector('simple', cjk_bigrams(coalesce(title, '') || ' ' || search_names || ' ' || coalesce(narrative, '')))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "notices_search_idx" ON "notices" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "notices_released_idx" ON "notices" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status IN ('published', 'retracted');--> statement-breakpoint
CREATE INDEX "notices_tlp_feed_idx" ON "notices" USING btree ("tlp","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "notices_unpublished_idx" ON "notices" USING btree ("status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status <> 'published';--> statement-breakpoint
CREATE INDEX "notices_occurred_idx" ON "notices" USING btree ("occurred_on") WHERE status = 'published';--> statement-breakpoint
-- The words of names, for spelling suggestions (see search_words in db/schema/notices.ts). Digits
-- (registration numbers) and words under three letters are left out: they have no useful trigrams.
CREATE FUNCTION name_words(names text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple', names))) AS w
  WHERE char_length(w) >= 3 AND w !~ '^[0-9]+$'
$$;--> statement-breakpoint
CREATE FUNCTION search_words_collect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word) SELECT name_words(NEW.search_names) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER notices_search_words AFTER INSERT OR UPDATE OF search_names ON notices
  FOR EACH ROW EXECUTE FUNCTION search_words_collect();--> statement-breakpoint
INSERT INTO search_words (word) SELECT DISTINCT name_words(search_names) FROM notices ON CONFLICT DO NOTHING;--> statement-breakpoint
-- The known words closest to a word of a search. The planner prices pg_trgm's % as cheap and
-- would compare the word with every known word (34 ms for 23,000); the index finds them in a few.
CREATE FUNCTION close_words(w text, n int) RETURNS SETOF text
LANGUAGE sql STABLE STRICT PARALLEL SAFE SET enable_seqscan = off AS $$
  SELECT word FROM search_words WHERE word % w ORDER BY similarity(word, w) DESC LIMIT n
$$;
