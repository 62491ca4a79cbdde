-- A narrative is Markdown; lists, excerpts and search snippets show it as plain text. Links and
-- images keep their text, HTML tags, emphasis, code marks, headings, quotes, list markers and
-- rules go, runs of white space become one space.
CREATE FUNCTION markdown_plain(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(t,
      '```[^\n]*\n?', ' ', 'g'),
      '!\[([^\]]*)\]\([^)]*\)', '\1', 'g'),
      '\[([^\]]*)\]\([^)]*\)', '\1', 'g'),
      '\[([^\]]*)\]\[[^\]]*\]', '\1', 'g'),
      '<(https?:[^>\s]+)>', '\1', 'g'),
      '</?[a-zA-Z][^>]*>', ' ', 'g'),
      '^[ \t]{0,3}(#{1,6}|>+|[-*+]|\d+[.)])[ \t]+', '', 'gn'),
      '^[ \t]{0,3}([-*_][ \t]*){3,}$', ' ', 'gn'),
      '(\*\*|__|~~|`)', '', 'g'),
      '(^|[\s(])[*_](?=\S)', '\1', 'g'),
      '(\S)[*_](?=[\s).,;:!?]|$)', '\1', 'g'),
    '\s+', ' ', 'g'))
$$;--> statement-breakpoint
-- The first 200 characters of the narrative as plain text, cut after the last whole word when
-- one ends past the 120th character, with an ellipsis when something was cut. Only the first 600
-- characters are read: Markdown never takes two thirds of a line's text.
CREATE FUNCTION notice_excerpt(narrative text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE
    WHEN char_length(plain) <= 200 THEN plain
    WHEN 200 - strpos(reverse(cut), ' ') BETWEEN 121 AND 199 THEN rtrim(left(cut, 200 - strpos(reverse(cut), ' '))) || '…'
    ELSE rtrim(cut) || '…'
  END
  FROM (SELECT markdown_plain(left(narrative, 600)) AS plain) p, LATERAL (SELECT left(p.plain, 200) AS cut) c
$$;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "excerpt" text GENERATED ALWAYS AS (notice_excerpt(narrative)) STORED;
