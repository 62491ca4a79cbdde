-- Byte order ("C") on the keys: a filter's rows (`c:` for the crossings) are one range of the key.
CREATE TABLE "picture_counts" (
	"class" text COLLATE "C" NOT NULL,
	"dim" text COLLATE "C" NOT NULL,
	"month" date NOT NULL,
	"kind" "notice_kind" NOT NULL,
	"n" integer NOT NULL,
	"kg" numeric NOT NULL,
	"n_green" integer NOT NULL,
	"n_amber" integer NOT NULL,
	"n_amber_strict" integer NOT NULL,
	CONSTRAINT "picture_counts_class_dim_month_kind_pk" PRIMARY KEY("class","dim","month","kind")
);
--> statement-breakpoint
CREATE TABLE "picture_notices" (
	"notice_id" uuid PRIMARY KEY NOT NULL,
	"month" date NOT NULL,
	"kind" "notice_kind" NOT NULL,
	"tlp" "tlp" NOT NULL,
	"classes" text[] NOT NULL,
	"dims" text[] NOT NULL,
	"kgs" numeric[] NOT NULL
);
--> statement-breakpoint
-- What each published notice adds to the regional picture (db/schema/picture.ts): its classes
-- (who reads it as a group, by the visibility rule's CLEAR/GREEN and AMBER branches), the filters
-- it matches (as the picture's filters match: the place's or, for a seizure, the route's countries;
-- a substance of its items, with that substance's kilograms), and RED
-- notices are in no class: they are counted live, per reader.
CREATE VIEW picture_notice_state AS
SELECT n.id AS notice_id, date_trunc('month', n.occurred_on)::date AS month, n.kind, n.tlp,
  CASE WHEN n.tlp IN ('clear', 'green') THEN ARRAY['all']
    ELSE ARRAY['amber'] || ARRAY(
      SELECT 'agency:' || a FROM (
        SELECT n.agency_id AS a
        UNION SELECT ra.agency_id FROM notice_release_agencies ra WHERE ra.notice_id = n.id
        UNION SELECT ag.id FROM notice_release_countries rc JOIN agencies ag ON ag.country_code = rc.country_code
          WHERE rc.notice_id = n.id AND n.tlp = 'amber'
      ) AS readers ORDER BY a)
  END AS classes,
  dims.dims, dims.kgs
FROM notices n
LEFT JOIN seizure_details sd ON sd.notice_id = n.id AND n.kind = 'seizure'
CROSS JOIN LATERAL (
  SELECT array_agg(d.dim ORDER BY d.dim) AS dims, array_agg(d.kg ORDER BY d.dim) AS kgs FROM (
    SELECT '-' AS dim, n.seizure_mass_kg::numeric AS kg
    UNION ALL SELECT 'c:' || n.crossing_id, n.seizure_mass_kg WHERE n.crossing_id IS NOT NULL
    UNION ALL SELECT 'a:' || n.agency_id, n.seizure_mass_kg
    UNION ALL SELECT 's:' || s.id, (SELECT sum(si.mass_kg) FROM seizure_items si WHERE si.notice_id = n.id AND si.substance_id = s.id)
      FROM (SELECT DISTINCT unnest(n.substance_ids) AS id) AS s
    UNION ALL SELECT 'n:' || c.code, n.seizure_mass_kg FROM (
      SELECT n.country_code::text AS code WHERE n.country_code IS NOT NULL
      UNION SELECT unnest(sd.origin_countries || sd.destination_countries)::text WHERE n.kind = 'seizure'
    ) AS c
  ) AS d
) AS dims
WHERE n.status = 'published' AND n.tlp <> 'red';
--> statement-breakpoint
-- Adds (sign 1) or takes away (-1) the rows of `source`, a relation of picture_notices' columns
-- and a `sign`, to the counts. Only keys whose numbers change are written.
CREATE FUNCTION picture_add(source text, old_rows picture_notices[], new_rows picture_notices[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    INSERT INTO picture_counts AS p (class, dim, month, kind, n, kg, n_green, n_amber, n_amber_strict)
    SELECT c, d.dim, s.month, s.kind, sum(s.sign)::int, coalesce(sum(s.sign * d.kg), 0),
      coalesce(sum(s.sign) FILTER (WHERE s.tlp = 'green'), 0)::int,
      coalesce(sum(s.sign) FILTER (WHERE s.tlp = 'amber'), 0)::int,
      coalesce(sum(s.sign) FILTER (WHERE s.tlp = 'amber_strict'), 0)::int
    FROM %s AS s CROSS JOIN LATERAL unnest(s.classes) AS c CROSS JOIN LATERAL unnest(s.dims, s.kgs) AS d(dim, kg)
    GROUP BY 1, 2, 3, 4
    HAVING sum(s.sign) <> 0 OR coalesce(sum(s.sign * d.kg), 0) <> 0 OR coalesce(sum(s.sign) FILTER (WHERE s.tlp = 'green'), 0) <> 0
      OR coalesce(sum(s.sign) FILTER (WHERE s.tlp = 'amber'), 0) <> 0 OR coalesce(sum(s.sign) FILTER (WHERE s.tlp = 'amber_strict'), 0) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (class, dim, month, kind) DO UPDATE SET n = p.n + excluded.n, kg = p.kg + excluded.kg,
      n_green = p.n_green + excluded.n_green, n_amber = p.n_amber + excluded.n_amber, n_amber_strict = p.n_amber_strict + excluded.n_amber_strict$q$, source)
    USING old_rows, new_rows;
END
$$;
--> statement-breakpoint
-- The notices `ids` as they are now: their old rows taken away, their new ones added, in one pass
-- (a change that moves no number writes nothing). Keys are written in order, so two
-- transactions refreshing together wait for each other rather than deadlock.
CREATE FUNCTION picture_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  old_rows picture_notices[];
  new_rows picture_notices[];
BEGIN
  ids := ARRAY(SELECT DISTINCT id FROM unnest(ids) AS id WHERE id IS NOT NULL ORDER BY id);
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  WITH gone AS (DELETE FROM picture_notices WHERE notice_id = ANY (ids) RETURNING *)
    SELECT array_agg(gone) INTO old_rows FROM gone;
  WITH added AS (INSERT INTO picture_notices SELECT * FROM picture_notice_state WHERE notice_id = ANY (ids) RETURNING *)
    SELECT array_agg(added) INTO new_rows FROM added;
  IF old_rows IS NULL AND new_rows IS NULL THEN
    RETURN;
  END IF;
  PERFORM picture_add('(SELECT o.*, -1 AS sign FROM unnest($1) AS o UNION ALL SELECT a.*, 1 FROM unnest($2) AS a)', old_rows, new_rows);
END
$$;
--> statement-breakpoint
-- Everything again from the notices, set-based (the migration, a bulk load that skipped the triggers).
CREATE FUNCTION picture_rebuild() RETURNS void LANGUAGE plpgsql SET jit = off SET work_mem = '256MB' AS $$
BEGIN
  TRUNCATE picture_notices, picture_counts;
  INSERT INTO picture_notices SELECT * FROM picture_notice_state;
  INSERT INTO picture_counts (class, dim, month, kind, n, kg, n_green, n_amber, n_amber_strict)
    SELECT c, d.dim, s.month, s.kind, count(*), coalesce(sum(d.kg), 0), count(*) FILTER (WHERE s.tlp = 'green'),
      count(*) FILTER (WHERE s.tlp = 'amber'), count(*) FILTER (WHERE s.tlp = 'amber_strict')
    FROM picture_notices AS s CROSS JOIN LATERAL unnest(s.classes) AS c CROSS JOIN LATERAL unnest(s.dims, s.kgs) AS d(dim, kg)
    -- In key order: a filter's months are then a few pages, not one page each.
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
END
$$;
--> statement-breakpoint
-- The notices a statement touched, by table: whatever may change their classes, filters, months,
-- kilograms or texts.
CREATE FUNCTION picture_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'notices' THEN
    IF TG_OP = 'INSERT' THEN
      PERFORM picture_refresh(ARRAY(SELECT id FROM new_rows WHERE status = 'published' AND tlp <> 'red'));
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM picture_refresh(ARRAY(SELECT id FROM old_rows WHERE status = 'published'));
    ELSE
      PERFORM picture_refresh(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (o.status = 'published' OR n.status = 'published')
          AND (o.status, o.tlp, o.agency_id, o.kind, o.occurred_on, o.crossing_id, o.country_code, o.substance_ids, o.seizure_mass_kg)
            IS DISTINCT FROM (n.status, n.tlp, n.agency_id, n.kind, n.occurred_on, n.crossing_id, n.country_code, n.substance_ids, n.seizure_mass_kg)));
    END IF;
  ELSIF TG_TABLE_NAME = 'agencies' THEN
    -- An agency's country decides which AMBER notices released to a country it reads.
    IF TG_OP = 'INSERT' THEN
      PERFORM picture_refresh(ARRAY(SELECT rc.notice_id FROM notice_release_countries rc WHERE rc.country_code IN (SELECT country_code FROM new_rows)));
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM picture_refresh(ARRAY(SELECT rc.notice_id FROM notice_release_countries rc WHERE rc.country_code IN (SELECT country_code FROM old_rows)));
    ELSE
      PERFORM picture_refresh(ARRAY(
        SELECT rc.notice_id FROM notice_release_countries rc WHERE rc.country_code IN (
          SELECT unnest(ARRAY[o.country_code, n.country_code]) FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE o.country_code IS DISTINCT FROM n.country_code)));
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM picture_refresh(ARRAY(SELECT notice_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM picture_refresh(ARRAY(SELECT notice_id FROM old_rows));
  ELSE
    PERFORM picture_refresh(ARRAY(SELECT notice_id FROM new_rows UNION SELECT notice_id FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER picture_notices_insert AFTER INSERT ON notices REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_notices_update AFTER UPDATE ON notices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_notices_delete AFTER DELETE ON notices REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_notice_release_agencies_insert AFTER INSERT ON notice_release_agencies REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_notice_release_agencies_update AFTER UPDATE ON notice_release_agencies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_notice_release_agencies_delete AFTER DELETE ON notice_release_agencies REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_notice_release_countries_insert AFTER INSERT ON notice_release_countries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_notice_release_countries_update AFTER UPDATE ON notice_release_countries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_notice_release_countries_delete AFTER DELETE ON notice_release_countries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_agencies_insert AFTER INSERT ON agencies REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_agencies_update AFTER UPDATE ON agencies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_agencies_delete AFTER DELETE ON agencies REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_seizure_items_insert AFTER INSERT ON seizure_items REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_seizure_items_update AFTER UPDATE ON seizure_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_seizure_items_delete AFTER DELETE ON seizure_items REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_seizure_details_insert AFTER INSERT ON seizure_details REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_seizure_details_update AFTER UPDATE ON seizure_details REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_seizure_details_delete AFTER DELETE ON seizure_details REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
SELECT picture_rebuild();
