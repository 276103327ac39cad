-- Near-duplicate documents (store/copies.py): each compared document's MinHash signature and story (the
-- stored original it copies, or itself); LSH band keys of the originals, to find candidates by index.
-- Written to run again harmlessly on a store whose schema_version was rolled back.
CREATE TABLE IF NOT EXISTS stories (
    doc_id TEXT PRIMARY KEY,
    story TEXT NOT NULL,
    signature TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_story ON stories (story);
CREATE TABLE IF NOT EXISTS story_bands (
    band TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (band, doc_id)
);
CREATE INDEX IF NOT EXISTS story_bands_doc ON story_bands (doc_id);
