ALTER TABLE "notices" ADD COLUMN "substance_ids" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "seizure_unidentified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "seizure_mass_kg" numeric(14, 3);--> statement-breakpoint
CREATE INDEX "notices_substances_idx" ON "notices" USING gin ("substance_ids") WHERE status = 'published';--> statement-breakpoint
-- A seizure's summary columns, recomputed from its items for the notices a statement on
-- seizure_items touched: once per statement (transition tables), so writing a seizure's items
-- updates its notice once, not once per item.
CREATE FUNCTION seizure_summary_refresh(changed uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE notices n SET
    substance_ids = coalesce(s.substance_ids, '{}'),
    seizure_unidentified = coalesce(s.unidentified, false),
    seizure_mass_kg = s.mass_kg
  FROM unnest(changed) c(id)
  LEFT JOIN (
    SELECT notice_id,
      -- Each identified substance once, in the order of its first item.
      coalesce(array_agg(substance_id ORDER BY first) FILTER (WHERE substance_id IS NOT NULL), '{}') AS substance_ids,
      bool_or(substance_id IS NULL) AS unidentified,
      -- Items whose mass cannot be derived (barrels, units) are left out of the total, not guessed.
      sum(mass_kg) AS mass_kg
    FROM (
      SELECT notice_id, substance_id, min(position) AS first, sum(mass_kg) AS mass_kg
      FROM seizure_items WHERE notice_id = ANY(changed) GROUP BY notice_id, substance_id
    ) per_substance
    GROUP BY notice_id
  ) s ON s.notice_id = c.id
  WHERE n.id = c.id
$$;--> statement-breakpoint
CREATE FUNCTION seizure_items_summarize() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM seizure_summary_refresh(ARRAY(SELECT DISTINCT notice_id FROM new_items));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM seizure_summary_refresh(ARRAY(SELECT DISTINCT notice_id FROM old_items));
  ELSE
    PERFORM seizure_summary_refresh(ARRAY(SELECT notice_id FROM new_items UNION SELECT notice_id FROM old_items));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- A trigger with transition tables has one event each.
CREATE TRIGGER seizure_items_summarize_insert AFTER INSERT ON seizure_items
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION seizure_items_summarize();--> statement-breakpoint
CREATE TRIGGER seizure_items_summarize_update AFTER UPDATE ON seizure_items
  REFERENCING NEW TABLE AS new_items OLD TABLE AS old_items FOR EACH STATEMENT EXECUTE FUNCTION seizure_items_summarize();--> statement-breakpoint
CREATE TRIGGER seizure_items_summarize_delete AFTER DELETE ON seizure_items
  REFERENCING OLD TABLE AS old_items FOR EACH STATEMENT EXECUTE FUNCTION seizure_items_summarize();--> statement-breakpoint
SELECT seizure_summary_refresh(ARRAY(SELECT DISTINCT notice_id FROM seizure_items));
