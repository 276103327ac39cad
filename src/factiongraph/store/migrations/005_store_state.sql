-- A counter bumped by every write, so that readers (the web API's ETags) can tell cheaply whether anything
-- changed since they last answered; an index for the review queue (unreviewed facts by confidence).
-- Written to run again harmlessly on a store whose schema_version was rolled back.
CREATE TABLE IF NOT EXISTS store_state (
    id INTEGER PRIMARY KEY,
    version BIGINT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO store_state (id, version, updated_at) VALUES (1, 1, '') ON CONFLICT (id) DO NOTHING;
CREATE INDEX IF NOT EXISTS facts_review ON facts (status, confidence);
