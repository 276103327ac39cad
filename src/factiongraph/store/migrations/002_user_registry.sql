-- the user's own registry: one actor record (FACTS actor JSON) per id, written only by the analyst, never by
-- ingest, so it survives re-ingest; the actor and its names are also mirrored into actors and aliases
CREATE TABLE user_actors (
    id TEXT PRIMARY KEY,
    actor TEXT NOT NULL,
    author TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
