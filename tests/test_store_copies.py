"""Near-duplicate documents: copies of one story with boilerplate count as one source; both stay stored."""
from __future__ import annotations

import pytest

from factiongraph.models import Document, Relation
from factiongraph.store import fact_id_of
from factiongraph.store.copies import THRESHOLD, signature, similarity

STORY = ("Fighters of the Northern Front clashed with government forces near the river crossing on Tuesday, "
         "local officials said, in the heaviest fighting in the district since the ceasefire was agreed in the "
         "spring. The Northern Front said it had joined the Eastern Alliance last month and that its units "
         "would now take orders from the alliance command. Residents reported shelling through the night and "
         "dozens of families fled toward the provincial capital, where aid groups opened two shelters.")
OTHER = ("The finance ministry published its budget for the coming year on Monday, with higher spending on "
         "roads, schools and hospitals in the northern provinces and a new tax on imported cars. Opposition "
         "deputies said the plan did nothing for farmers hit by last year's drought, and the central bank "
         "warned that the deficit would widen unless oil prices recovered before the summer months.")


def copy_of(text: str) -> str:
    return ("RIVERTOWN (Wire) - " + text + "\n\nSign up for our newsletter. Share this article. "
            "Reporting by a correspondent; editing by the desk.")


def test_copies_are_similar_and_distinct_stories_are_not():
    assert signature("Too short to compare.") is None
    assert similarity(signature(STORY), signature(copy_of(STORY))) >= THRESHOLD
    assert similarity(signature(STORY), signature(OTHER)) < 0.2


def _ingest(store, doc_id, text, confidence=0.6):
    i = text.index("Northern Front")
    store.ingest(Document(id=doc_id, text=text), [Relation(
        subject="northern-front", predicate="member_of", object="eastern-alliance", confidence=confidence,
        evidence=[{"doc": doc_id, "char_start": i, "char_end": i + 14, "text": "Northern Front"}])],
        extractor_version="v1")


def test_a_copy_is_stored_but_counts_as_the_same_source(store):
    _ingest(store, "wire", STORY)
    _ingest(store, "paper", copy_of(STORY))
    fid = fact_id_of(("northern-front", "member_of", "eastern-alliance"))
    fact = store.fact(fid)
    assert fact.sources == 1 and fact.confidence == pytest.approx(0.6)
    assert fact.documents == ["paper", "wire"] and len(fact.evidence) == 2  # both stored and traceable
    assert store.copies("paper") == {"story": "wire", "documents": ["paper", "wire"]}
    _ingest(store, "agency", OTHER + " " + STORY[:150])  # a different story that quotes a little of it
    _ingest(store, "third", copy_of(copy_of(STORY)), confidence=0.9)  # a copy more confident than the story
    fact = store.fact(fid)
    assert fact.sources == 2 and fact.confidence == pytest.approx(1 - 0.1 * 0.4)
    assert store.copies("agency")["story"] == "agency" and store.copies("third")["story"] == "wire"
    rows = store._query("SELECT c.*, d.published, s.story FROM claims c JOIN documents d ON d.id = c.doc_id "
                        "LEFT JOIN stories s ON s.doc_id = c.doc_id ORDER BY c.fact_id, c.id")
    assert [f.to_dict() for f in store.iter_facts()] == [f.to_dict() for f in store._fuse_rows(rows)]


def test_a_replaced_copy_that_no_longer_copies_becomes_its_own_source(store):
    _ingest(store, "wire", STORY)
    _ingest(store, "paper", copy_of(STORY))
    _ingest(store, "paper", "Northern Front " + OTHER)
    assert store.copies("paper")["story"] == "paper"
    assert store.fact(fact_id_of(("northern-front", "member_of", "eastern-alliance"))).sources == 2
