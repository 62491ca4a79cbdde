-- Chinese, Japanese and Korean are written without spaces, so the full-text parser takes a whole
-- run of such characters as one word and a name inside a sentence is never found. Like the CJK
-- analyzers of search engines, every run is also indexed as its overlapping pairs of characters
-- ("天山化工" → 天山 山化 化工); a query is then the phrase of its own pairs, served by the GIN index.
CREATE FUNCTION cjk_bigrams(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(substr(r.run[1], i, 2), ' ' ORDER BY r.n, i), '')
  FROM regexp_matches(t, '([一-鿿㐀-䶿豈-﫿぀-ヿ가-힯]{2,})', 'g') WITH ORDINALITY AS r(run, n),
       generate_series(1, char_length(r.run[1]) - 1) AS i
$$;
