-- The same as dropping and creating each GIN index WITH (fastupdate=false), which is what the
-- schema now declares (db/schema/columns.ts, GIN_WITHOUT_PENDING_LIST), without rebuilding them:
-- the setting changes, and what already waits in each pending list is merged into the index.
ALTER INDEX "substances_search_trgm_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "notices_substances_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "notices_search_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "notices_names_trgm_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "search_words_trgm_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "subscriptions_crossings_idx" SET (fastupdate = off);--> statement-breakpoint
SELECT gin_clean_pending_list(i::regclass) FROM unnest(ARRAY['substances_search_trgm_idx', 'notices_substances_idx', 'notices_search_idx', 'notices_names_trgm_idx', 'search_words_trgm_idx', 'subscriptions_crossings_idx']) AS i;
