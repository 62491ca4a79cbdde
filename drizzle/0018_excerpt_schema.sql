-- notice_excerpt names markdown_plain's schema: pg_restore (and any session with another
-- search_path) computes the generated column notices.excerpt without "public" on its path, where
-- the unqualified call was not found. Same body otherwise, so every stored excerpt stays right.
CREATE OR REPLACE FUNCTION notice_excerpt(narrative text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE
    WHEN char_length(plain) <= 200 THEN plain
    WHEN 200 - strpos(reverse(cut), ' ') BETWEEN 121 AND 199 THEN rtrim(left(cut, 200 - strpos(reverse(cut), ' '))) || '…'
    ELSE rtrim(cut) || '…'
  END
  FROM (SELECT public.markdown_plain(left(narrative, 600)) AS plain) p, LATERAL (SELECT left(p.plain, 200) AS cut) c
$$;
