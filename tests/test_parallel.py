"""Extraction in worker processes gives exactly what one process gives, in the same order."""
from __future__ import annotations

from pathlib import Path

from factiongraph.app import FactionGraph
from factiongraph.parallel import extract_parallel

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample" / "docs.jsonl"


def _lines(pairs) -> list[str]:
    return [x.to_json() for doc, records in pairs for x in (doc, *records)]


def test_two_workers_equal_one_process(tmp_path):
    fg = FactionGraph(tmp_path / "one.db", user_registry=False)
    documents = fg.read([SAMPLE])[:9]
    one = _lines(fg.extract(documents))
    assert _lines(extract_parallel(fg.extractor, documents, 2)) == one and len(one) > 50
    many = FactionGraph(tmp_path / "two.db", user_registry=False, workers=2)
    many.__dict__["extractor"] = fg.extractor
    assert many.ingest(documents, batch=4) == fg.ingest(documents, batch=4)
    facts = lambda g: [(f.fact_id, f.sources, f.confidence, f.documents, f.evidence)  # noqa: E731
                       for f in g.store.iter_facts(claims=False)]
    assert facts(many) == facts(fg) and many.store.counts() == fg.store.counts()
    fg.close(), many.close()


def test_a_local_ray_run_equals_one_process(tmp_path):
    import ray
    fg = FactionGraph(tmp_path / "one.db", user_registry=False)
    documents = fg.read([SAMPLE])[:6]
    one = _lines(fg.extract(documents))
    on_ray = FactionGraph(tmp_path / "ray.db", user_registry=False, engine="ray", workers=2)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        assert _lines(on_ray.extract(documents)) == one and len(one) > 30
        assert on_ray.ingest(documents) == fg.ingest(documents)
    finally:
        ray.shutdown()
    assert on_ray.store.counts() == fg.store.counts()
    fg.close(), on_ray.close()
