CREATE TABLE "notice_substances" (
	"substance_id" text NOT NULL,
	"notice_id" uuid NOT NULL,
	"tlp" "tlp" NOT NULL,
	"published_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "notice_substances_notice_id_substance_id_pk" PRIMARY KEY("notice_id","substance_id")
);
--> statement-breakpoint
-- A published notice's substances, one row each, copied from the notice whenever what the rows
-- hold changes: its substances (written by seizure_summary_refresh, migration 0012), status, TLP or
-- publication time; removed with the notice.
CREATE FUNCTION notice_substances_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A new notice has none yet: a bulk insert never looks for rows (with no statistics yet, that
  -- lookup was planned as a scan of the table, and 20,000 inserts took minutes).
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM notice_substances WHERE notice_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO notice_substances (substance_id, notice_id, tlp, published_at)
      SELECT DISTINCT s, NEW.id, NEW.tlp, NEW.published_at FROM unnest(NEW.substance_ids) s
      WHERE NEW.status = 'published';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER notices_substances_insert AFTER INSERT ON notices FOR EACH ROW
  WHEN (NEW.status = 'published' AND NEW.substance_ids <> '{}')
  EXECUTE FUNCTION notice_substances_refresh();--> statement-breakpoint
CREATE TRIGGER notices_substances_update AFTER UPDATE OF substance_ids, status, tlp, published_at ON notices FOR EACH ROW
  WHEN (((OLD.status = 'published' AND OLD.substance_ids <> '{}') OR (NEW.status = 'published' AND NEW.substance_ids <> '{}'))
    AND (OLD.substance_ids, OLD.status, OLD.tlp, OLD.published_at) IS DISTINCT FROM (NEW.substance_ids, NEW.status, NEW.tlp, NEW.published_at))
  EXECUTE FUNCTION notice_substances_refresh();--> statement-breakpoint
CREATE TRIGGER notices_substances_delete AFTER DELETE ON notices FOR EACH ROW
  WHEN (OLD.status = 'published' AND OLD.substance_ids <> '{}')
  EXECUTE FUNCTION notice_substances_refresh();--> statement-breakpoint
-- Filled after the triggers exist: creating them locked out writes to notices until this
-- migration commits, so no change falls between the two. The indexes are made after the rows,
-- each in one pass.
INSERT INTO notice_substances (substance_id, notice_id, tlp, published_at)
  SELECT DISTINCT s, n.id, n.tlp, n.published_at FROM notices n, unnest(n.substance_ids) s WHERE n.status = 'published';--> statement-breakpoint
CREATE INDEX "notice_substances_feed_idx" ON "notice_substances" USING btree ("substance_id","published_at" DESC NULLS LAST,"notice_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notice_substances_tlp_feed_idx" ON "notice_substances" USING btree ("substance_id","tlp","published_at" DESC NULLS LAST,"notice_id" DESC NULLS LAST);--> statement-breakpoint
-- Planned from its first use on, not after autovacuum's first look.
ANALYZE notice_substances;
