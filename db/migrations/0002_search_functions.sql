-- Japanese substring search (docs/decisions/006-company-search.md). pg_trgm serves queries of 3+ characters;
-- a GIN-indexed array of 2-character pieces serves 2-character queries, which trigrams cannot.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION renkei_bigrams(input text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT piece), '{}')
  FROM (SELECT substr(input, i, 2) AS piece FROM generate_series(1, greatest(char_length(input) - 1, 0)) AS i) AS pieces
  WHERE position(' ' IN piece) = 0
$$;
