-- fused facts, maintained from the claims (the source of truth) in the transaction that changes a fact's claims
-- or reviews, so that questions filter facts in SQL; the same columns as fusion's Fact
CREATE TABLE facts (
    fact_id TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    predicate TEXT NOT NULL,
    object TEXT NOT NULL,
    s_earliest TEXT, s_latest TEXT, s_precision TEXT, s_text TEXT,
    e_earliest TEXT, e_latest TEXT, e_precision TEXT, e_text TEXT,
    attributes TEXT NOT NULL,
    negated INTEGER NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    sources INTEGER NOT NULL,
    documents TEXT NOT NULL,
    first_reported TEXT,
    contradictions TEXT NOT NULL,
    status TEXT,
    edited INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX facts_subject ON facts (subject, predicate, s_earliest);
CREATE INDEX facts_object ON facts (object, predicate, s_earliest);
CREATE INDEX facts_predicate ON facts (predicate);

-- facts are read from the facts table now, so claims need no index by resolved actor
DROP INDEX claims_subject;
DROP INDEX claims_object;

-- event filters: place (name, admin1 or country) with type and date, type with date; covering the dates
DROP INDEX events_place;
DROP INDEX events_admin1;
DROP INDEX events_type_date;
CREATE INDEX events_place ON events (place_key, type, d_latest, d_earliest);
CREATE INDEX events_admin1 ON events (admin1_key, type, d_latest, d_earliest);
CREATE INDEX events_country ON events (country, type, d_latest, d_earliest);
CREATE INDEX events_type_date ON events (type, d_latest, d_earliest);
