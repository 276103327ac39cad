-- a fact's evidence (its claims' source spans, each once) kept on the fact row, so that questions answering
-- with evidence (members as of a date, leaders) read no claims; filled by the rebuild that follows
ALTER TABLE facts ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
