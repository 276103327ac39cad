-- factiongraph store schema v1. Portable SQL for SQLite and PostgreSQL; {{AUTO_ID}} is the dialect's
-- auto-increment primary key. Dates are ISO text (they sort as dates); JSON is text.

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    title TEXT,
    published TEXT,
    source TEXT,
    url TEXT,
    text TEXT,
    extra TEXT,
    recorded_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents (content_hash);

-- one row per actor id ever seen; merged_into is an analyst's redirect (review), never set by ingest
CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    merged_into TEXT,
    recorded_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX actors_merged ON actors (merged_into);

CREATE TABLE aliases (
    actor_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    norm TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
);
CREATE INDEX aliases_norm ON aliases (norm);

-- an analyst's split: in this document, the extracted id raw_id means actor_id
CREATE TABLE actor_overrides (
    doc_id TEXT NOT NULL,
    raw_id TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    PRIMARY KEY (doc_id, raw_id)
);

-- relation claims: what one document says; facts are fused from them at read time
CREATE TABLE claims (
    id {{AUTO_ID}},
    fact_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    predicate TEXT NOT NULL,
    object TEXT NOT NULL,
    subject_raw TEXT NOT NULL,
    object_raw TEXT NOT NULL,
    s_earliest TEXT, s_latest TEXT, s_precision TEXT, s_text TEXT,
    e_earliest TEXT, e_latest TEXT, e_precision TEXT, e_text TEXT,
    attributes TEXT NOT NULL,
    negated INTEGER NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    evidence TEXT NOT NULL,
    extra TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX claims_fact ON claims (fact_id);
CREATE INDEX claims_subject ON claims (subject, predicate);
CREATE INDEX claims_object ON claims (object, predicate);
CREATE INDEX claims_doc ON claims (doc_id);
CREATE INDEX claims_subject_raw ON claims (subject_raw);
CREATE INDEX claims_object_raw ON claims (object_raw);

CREATE TABLE events (
    event_key TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    d_earliest TEXT, d_latest TEXT, d_precision TEXT, d_text TEXT,
    place TEXT,
    place_key TEXT,
    admin1_key TEXT,
    country TEXT,
    fatalities INTEGER,
    acled TEXT,
    summary TEXT,
    confidence DOUBLE PRECISION NOT NULL,
    evidence TEXT NOT NULL,
    extra TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_date ON events (d_latest, d_earliest);
CREATE INDEX events_type_date ON events (type, d_latest);
CREATE INDEX events_place ON events (place_key);
CREATE INDEX events_admin1 ON events (admin1_key);

CREATE TABLE event_participants (
    event_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    actor_raw TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    role TEXT NOT NULL,
    d_latest TEXT,
    PRIMARY KEY (event_key, position)
);
CREATE INDEX participants_actor ON event_participants (actor_id, d_latest);
CREATE INDEX participants_raw ON event_participants (actor_raw);
CREATE INDEX participants_doc ON event_participants (doc_id);

-- analyst reviews, keyed by stable keys (fact "subject|predicate|object", event key, actor id), never row ids
CREATE TABLE reviews (
    id {{AUTO_ID}},
    target_kind TEXT NOT NULL,
    target TEXT NOT NULL,
    action TEXT NOT NULL,
    payload TEXT,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX reviews_target ON reviews (target_kind, target);
