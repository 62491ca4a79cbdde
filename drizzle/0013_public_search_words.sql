-- The spelling vocabulary held every word of every name, drafts and RED ones included, and a
-- search treats a known word differently from an unknown one (no misspelling lookup): what it
-- answered for a word known only from a notice the searcher may not read proved that notice
-- existed. It now holds what every member may read, and nothing else.
DROP TRIGGER "notices_search_words" ON "notices";--> statement-breakpoint
DROP FUNCTION "search_words_collect"();--> statement-breakpoint
TRUNCATE "search_words";--> statement-breakpoint
ALTER TABLE "search_words" ADD COLUMN "notices" integer NOT NULL;--> statement-breakpoint
-- What every member may read: the CLEAR/GREEN branch of the visibility rule
-- (server/services/visibility.ts), which a test keeps equal to this.
CREATE FUNCTION notice_readable_by_all(t tlp, s notice_status) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT s IN ('published', 'retracted') AND t IN ('clear', 'green')
$$;--> statement-breakpoint
-- Counts, per word, the notices everyone may read that name it. Row locks on the words, taken in
-- word order, serialise concurrent changes to one word, so the count stays exact; a word leaves
-- with the last such notice (a narrower marking, a redaction, a merge, a deletion).
CREATE FUNCTION search_words_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added text[] := '{}';
  removed text[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' AND notice_readable_by_all(NEW.tlp, NEW.status) THEN
    added := ARRAY(SELECT name_words(NEW.search_names));
  END IF;
  IF TG_OP <> 'INSERT' AND notice_readable_by_all(OLD.tlp, OLD.status) THEN
    removed := ARRAY(SELECT name_words(OLD.search_names));
  END IF;
  INSERT INTO search_words AS known (word, notices)
    SELECT w, 1 FROM unnest(added) w WHERE w <> ALL (removed) ORDER BY w
    ON CONFLICT (word) DO UPDATE SET notices = known.notices + 1;
  UPDATE search_words SET notices = notices - 1 WHERE word = ANY (removed) AND word <> ALL (added);
  DELETE FROM search_words WHERE word = ANY (removed) AND notices <= 0;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER notices_search_words_insert AFTER INSERT ON notices
  FOR EACH ROW WHEN (notice_readable_by_all(NEW.tlp, NEW.status)) EXECUTE FUNCTION search_words_count();--> statement-breakpoint
CREATE TRIGGER notices_search_words_update AFTER UPDATE OF search_names, tlp, status ON notices
  FOR EACH ROW WHEN ((notice_readable_by_all(OLD.tlp, OLD.status) OR notice_readable_by_all(NEW.tlp, NEW.status))
    AND (OLD.search_names IS DISTINCT FROM NEW.search_names OR notice_readable_by_all(OLD.tlp, OLD.status) <> notice_readable_by_all(NEW.tlp, NEW.status)))
  EXECUTE FUNCTION search_words_count();--> statement-breakpoint
CREATE TRIGGER notices_search_words_delete AFTER DELETE ON notices
  FOR EACH ROW WHEN (notice_readable_by_all(OLD.tlp, OLD.status)) EXECUTE FUNCTION search_words_count();--> statement-breakpoint
-- The vocabulary from scratch, for a load that skipped the triggers (the benchmark's) and for this migration.
CREATE FUNCTION search_words_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM search_words;
  INSERT INTO search_words (word, notices)
    SELECT w, count(*) FROM notices, name_words(search_names) w WHERE notice_readable_by_all(tlp, status) GROUP BY w;
$$;--> statement-breakpoint
SELECT search_words_rebuild();--> statement-breakpoint
-- The word statistics a search chooses its plan and its misspelling lookups with, sampled by
-- ANALYZE from the notices everyone may read only (the column's own statistics cover every
-- notice: a word frequent in RED notices alone would be treated as known, and planned as common).
CREATE STATISTICS notices_public_words ON (CASE WHEN notice_readable_by_all(tlp, status) THEN search_vector END) FROM notices;--> statement-breakpoint
ANALYZE notices;
