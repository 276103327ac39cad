-- Incremental fusion (store/upkeep.py). fact_fusion: what fusion keeps of each fact's claims (fusion.summarize,
-- JSON of bounded size); fact_sources: each source's most confident claim of a fact, by polarity; fact_parts:
-- the documents and evidence a fact gained since its row was last written in full (facts.grown counts them),
-- read together with the row. A fact without a summary is fused from all its claims the next time it changes.
CREATE TABLE IF NOT EXISTS fact_fusion (
    fact_id TEXT PRIMARY KEY,
    summary TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS fact_sources (
    fact_id TEXT NOT NULL,
    negated INTEGER NOT NULL,
    source TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (fact_id, negated, source)
);
CREATE TABLE IF NOT EXISTS fact_parts (
    fact_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    documents TEXT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (fact_id, seq)
);
ALTER TABLE facts ADD COLUMN grown INTEGER NOT NULL DEFAULT 0;
