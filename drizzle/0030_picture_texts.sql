-- The trends' "top" lists in the pre-aggregate (db/schema/picture.ts): per month, and over all time
-- (the open period, which would otherwise read every month's texts). Byte order ("C") on the keys, as
-- picture_counts'.
CREATE TABLE "picture_text_totals" (
	"class" text COLLATE "C" NOT NULL,
	"dim" text COLLATE "C" NOT NULL,
	"list" text COLLATE "C" NOT NULL,
	"label" text NOT NULL,
	"n" integer NOT NULL,
	"grp" text GENERATED ALWAYS AS (lower(label)) STORED NOT NULL,
	CONSTRAINT "picture_text_totals_class_dim_list_label_pk" PRIMARY KEY("class","dim","list","label")
);
--> statement-breakpoint
CREATE TABLE "picture_texts" (
	"class" text COLLATE "C" NOT NULL,
	"dim" text COLLATE "C" NOT NULL,
	"list" text COLLATE "C" NOT NULL,
	"month" date NOT NULL,
	"label" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "picture_texts_class_dim_list_month_label_pk" PRIMARY KEY("class","dim","list","month","label")
);
--> statement-breakpoint
ALTER TABLE "picture_notices" ADD COLUMN "texts" text[] DEFAULT '{}' NOT NULL;
--> statement-breakpoint
-- As in 0029, with the texts of the "top" lists appended: a seizure's concealment and declared-as
-- description, a company alert's first name, each trimmed and only when not empty (what the live
-- lists group).
CREATE OR REPLACE VIEW picture_notice_state AS
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
  dims.dims, dims.kgs,
  ARRAY(SELECT t.list || ':' || t.label FROM (
    SELECT 'concealment' AS list, btrim(sd.concealment) AS label
    UNION ALL SELECT 'declared_as', btrim(sd.declared_as)
    UNION ALL SELECT 'company', btrim(ca.names -> 0 ->> 'name')
  ) AS t WHERE coalesce(t.label, '') <> '') AS texts
FROM notices n
LEFT JOIN seizure_details sd ON sd.notice_id = n.id AND n.kind = 'seizure'
LEFT JOIN company_alerts ca ON ca.notice_id = n.id AND n.kind = 'company_alert'
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
-- The texts' rows of `source` (each `<list>:<label>` under each class and filter), per month and in
-- all, as picture_add writes the counts': only keys whose number changes, in key order (after the
-- counts', in every writer), so that two writers wait for each other rather than deadlock.
CREATE FUNCTION picture_add_texts(source text, old_rows picture_notices[], new_rows picture_notices[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    INSERT INTO picture_texts AS p (class, dim, list, month, label, n)
    SELECT c, d, split_part(t, ':', 1), s.month, substr(t, strpos(t, ':') + 1), sum(s.sign)::int
    FROM %s AS s CROSS JOIN LATERAL unnest(s.texts) AS t CROSS JOIN LATERAL unnest(s.classes) AS c CROSS JOIN LATERAL unnest(s.dims) AS d
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(s.sign) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (class, dim, list, month, label) DO UPDATE SET n = p.n + excluded.n$q$, source)
    USING old_rows, new_rows;
  EXECUTE format($q$
    INSERT INTO picture_text_totals AS p (class, dim, list, label, n)
    SELECT c, d, split_part(t, ':', 1), substr(t, strpos(t, ':') + 1), sum(s.sign)::int
    FROM %s AS s CROSS JOIN LATERAL unnest(s.texts) AS t CROSS JOIN LATERAL unnest(s.classes) AS c CROSS JOIN LATERAL unnest(s.dims) AS d
    GROUP BY 1, 2, 3, 4 HAVING sum(s.sign) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (class, dim, list, label) DO UPDATE SET n = p.n + excluded.n$q$, source)
    USING old_rows, new_rows;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION picture_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
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
  PERFORM picture_add_texts('(SELECT o.*, -1 AS sign FROM unnest($1) AS o UNION ALL SELECT a.*, 1 FROM unnest($2) AS a)', old_rows, new_rows);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION picture_rebuild() RETURNS void LANGUAGE plpgsql SET jit = off SET work_mem = '256MB' AS $$
BEGIN
  TRUNCATE picture_notices, picture_counts, picture_texts, picture_text_totals;
  INSERT INTO picture_notices SELECT * FROM picture_notice_state;
  INSERT INTO picture_counts (class, dim, month, kind, n, kg, n_green, n_amber, n_amber_strict)
    SELECT c, d.dim, s.month, s.kind, count(*), coalesce(sum(d.kg), 0), count(*) FILTER (WHERE s.tlp = 'green'),
      count(*) FILTER (WHERE s.tlp = 'amber'), count(*) FILTER (WHERE s.tlp = 'amber_strict')
    FROM picture_notices AS s CROSS JOIN LATERAL unnest(s.classes) AS c CROSS JOIN LATERAL unnest(s.dims, s.kgs) AS d(dim, kg)
    -- In key order: a filter's months are then a few pages, not one page each.
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
  INSERT INTO picture_texts (class, dim, list, month, label, n)
    SELECT c, d, split_part(t, ':', 1), s.month, substr(t, strpos(t, ':') + 1), count(*)
    FROM picture_notices AS s CROSS JOIN LATERAL unnest(s.texts) AS t CROSS JOIN LATERAL unnest(s.classes) AS c CROSS JOIN LATERAL unnest(s.dims) AS d
    WHERE cardinality(s.texts) > 0
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5;
  INSERT INTO picture_text_totals (class, dim, list, label, n)
    SELECT class, dim, list, label, sum(n) FROM picture_texts GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
END
$$;
--> statement-breakpoint
CREATE TRIGGER picture_company_alerts_insert AFTER INSERT ON company_alerts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_company_alerts_update AFTER UPDATE ON company_alerts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
CREATE TRIGGER picture_company_alerts_delete AFTER DELETE ON company_alerts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION picture_touch();
--> statement-breakpoint
SELECT picture_rebuild();
