-- Custom SQL migration file, put your code below! --
-- Declaration screening (issue #18) asks, for each phrase of a screened line, which seizures were
-- declared as that phrase. Both sides are reduced to the same key: the stems of the words (the
-- 'russian' configuration, Russian rules for Cyrillic and English ones for Latin; Chinese runs kept
-- whole), sorted and unique, so that «кислота уксусная ледяная» is «уксусная кислота ледяная» and any
-- case form finds the others. In the database so that the index below and the screening query
-- compute exactly the same key. Names are schema-qualified, so the index computes under any
-- search_path (as 0018 found for pg_restore).
CREATE FUNCTION declared_words(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT public.immutable_join(tsvector_to_array(to_tsvector('pg_catalog.russian'::regconfig, coalesce($1, ''))))
$$;--> statement-breakpoint
-- One probe per phrase of a line, a thousand lines at once; the notice id lets a probe stop at the
-- first notice the screener may read.
CREATE INDEX "seizure_details_declared_words_idx" ON "seizure_details" (declared_words("declared_as"), "notice_id") WHERE "declared_as" IS NOT NULL;
