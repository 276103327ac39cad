-- The graph on a date, cut at N edges, takes the relations begun most recently by that date: this index lets
-- it walk back from the date and stop after N, instead of scanning the facts for those in force.
CREATE INDEX IF NOT EXISTS facts_start ON facts (s_earliest, fact_id);
