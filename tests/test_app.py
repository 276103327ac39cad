"""The importable API: FactionGraph reads, extracts and stores in batches."""
from pathlib import Path

from factiongraph.app import FactionGraph

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample" / "docs.jsonl"


def test_ingest_in_batches_stores_every_document_once(tmp_path):
    fg = FactionGraph(tmp_path / "fg.db", user_registry=False)
    documents = fg.read([SAMPLE])[:5]
    totals = fg.ingest(documents, batch=2)  # batches of 2, 2 and 1
    assert totals["documents_added"] == 5 and totals["relations"] > 0
    assert fg.store.counts()["documents"] == 5
    stored = {d.id for d in fg.store.documents()}
    assert stored == {d.id for d in documents}
    again = fg.ingest(documents, batch=3)
    assert again["documents_unchanged"] == 5 and again.get("documents_added", 0) == 0
    fg.close()
