-- What fusion keeps of each fact's claims (store/fusion.py `summarize`, JSON), so that a new document's claims
-- update the fact in time proportional to them. A fact without a row here is fused from all its claims the
-- next time it changes, which writes its row.
-- Written to run again harmlessly on a store whose schema_version was rolled back.
CREATE TABLE IF NOT EXISTS fact_fusion (
    fact_id TEXT PRIMARY KEY,
    summary TEXT NOT NULL
);
