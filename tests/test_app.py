"""The importable API: FactionGraph reads, extracts and stores in batches."""
from pathlib import Path

import pytest

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


def test_a_document_that_fails_extraction_is_skipped_and_named(tmp_path, monkeypatch):
    from factiongraph.errors import InputError
    from factiongraph.ingest import Item
    fg = FactionGraph(tmp_path / "fg.db", user_registry=False)
    documents = fg.read([SAMPLE])[:4]
    calls = []

    def extract(docs):  # the real pipeline's contract: one (document, records) per input, lazily
        for d in docs:
            calls.append(d.id)
            if d.id == documents[1].id:
                raise OverflowError("date value out of range")
            yield d, []
    monkeypatch.setattr(fg, "extract", extract)
    monkeypatch.setattr(FactionGraph, "extractor_version", "test")
    skipped = []
    items = [Item(d, f"c.jsonl:{n}") for n, d in enumerate(documents, 1)]
    totals = fg.ingest(items, batch=3, on_skip=skipped.append)
    assert [str(e) for e in skipped] == ["c.jsonl:2: extraction failed (OverflowError: date value out of range)"]
    assert totals["documents_added"] == 3
    assert {d.id for d in fg.store.documents()} == {documents[i].id for i in (0, 2, 3)}
    with pytest.raises(InputError, match="c.jsonl:2: extraction failed"):  # without on_skip: raised
        fg.ingest(items, batch=3)
    fg.close()


def test_ingest_streams_its_input_a_batch_at_a_time(tmp_path, monkeypatch):
    from factiongraph.models import Document
    fg = FactionGraph(tmp_path / "fg.db", user_registry=False)
    monkeypatch.setattr(fg, "extract", lambda docs: ((d, []) for d in docs))
    monkeypatch.setattr(FactionGraph, "extractor_version", "test")
    pulled, seen_at_commit = [0], []

    def documents():
        for n in range(1000):
            pulled[0] += 1
            yield Document(id=f"d{n}", text=f"Report number {n}.")
    totals = fg.ingest(documents(), batch=50, progress=lambda n: seen_at_commit.append(pulled[0]))
    assert totals["documents_added"] == 1000 and len(seen_at_commit) == 20
    assert seen_at_commit[0] <= 300  # stored before the 301st is read: a batch, and what the store looks ahead
    fg.close()


# -- the questions, as typed results (the CLI and the web API print exactly these) ----------------------------
from conftest import hts_records  # noqa: E402
from factiongraph import results as R  # noqa: E402
from factiongraph.errors import NotFoundError, QueryError, describe  # noqa: E402
from factiongraph.store import fact_id_of  # noqa: E402


@pytest.fixture
def fg(hts_store):
    graph = FactionGraph(hts_store.target)
    yield graph
    graph.close()


def test_questions_return_typed_results(fg):
    members = fg.members("HTS", "2017-10-31", include="groups")
    assert all(isinstance(m, R.Member) and m.membership.evidence for m in members)
    assert {m.id for m in members} == {"jfs", "jaish-al-sunna", "ansar-al-din", "liwa-al-haq"}
    changes = fg.changes("HTS", "2017-02-01", "2017-10-31", include="groups")
    assert {m.id for m in changes.left} == {"jaish-al-ahrar", "zinki"} and all(m.departures for m in changes.left)
    kinds = {type(e).__name__ for e in fg.timeline("HTS")}
    assert kinds == {"RelationEntry", "EventEntry"}
    assert [e.event_key for e in fg.events(actor="HTS", types=["battle"])] == ["seed-hts-2017:e1"]
    assert isinstance(fg.evidence(fact_id_of(("jfs", "member_of", "hts"))), R.FactEvidence)
    assert fg.cohesion("HTS").months[-1].cohesion < 1
    assert fg.summary().counts.documents == 2


def test_network_cut_and_ego(fg):
    whole = fg.network("2017-02-01", limit=1000)
    assert not whole.truncated and any(e.predicate == "member_of" for e in whole.edges)
    cut = fg.network("2017-02-01", limit=2)
    assert cut.truncated and len(cut.edges) <= 2
    ego = fg.network("2017-10-31", focus="Jaish al-Ahrar", depth=1)
    assert ego.focus == "jaish-al-ahrar"
    assert {(e.subject, e.predicate, e.object) for e in ego.edges} >= {("jaish-al-ahrar", "left", "hts")}
    assert not any(e.subject == "jaish-al-ahrar" and e.predicate == "member_of" for e in ego.edges)
    deeper = fg.network("2017-10-31", focus="Jaish al-Ahrar", depth=2)
    assert len(deeper.nodes) > len(ego.nodes)
    people = fg.network("2017-02-01", node_types=["person"], focus="HTS")
    assert {n.type for n in people.nodes} <= {"person", "coalition"}


def test_actor_page_document_and_sentences(fg):
    profile = fg.actor("Jaish al-Ahrar")
    member = next(b for b in profile.bars if b.predicate == "member_of")
    assert member.start.earliest == "2017-01-01" and member.end.earliest == "2017-09-13" and member.ended_by
    doc = fg.document("seed-hts-2017")
    assert all(doc.text[a.char_start:a.char_end] == a.text for a in doc.annotations) and len(doc.annotations) > 10
    sentences = fg.sentences(fact_id_of(("jaish-al-ahrar", "left", "hts")))
    assert any(s.sentence.startswith("In recent weeks") and s.sentence[s.start:s.end] == s.text for s in sentences)
    queue = fg.review_queue(max_confidence=0.75)
    assert queue and all(q.reasons for q in queue) and "contradicted" in queue[0].reasons


def test_errors_map_to_exit_codes_and_statuses(fg, tmp_path):
    with pytest.raises(NotFoundError) as e:
        fg.members("Nobody")
    assert (describe(e.value).exit_code, describe(e.value).http_status) == (2, 404)
    with pytest.raises(QueryError) as e:
        fg.members("HTS", "2017-13")
    assert (describe(e.value).exit_code, describe(e.value).http_status) == (2, 400)
    with pytest.raises(KeyError) as e:
        fg.review("f-0000000000000000", "accept", author="ana")
    assert describe(e.value).http_status == 404
    assert describe(RuntimeError("boom")) .http_status == 500 and not describe(RuntimeError()).expected
    missing = FactionGraph(tmp_path / "none.db")
    with pytest.raises(NotFoundError):
        missing.counts()
    assert not (tmp_path / "none.db").exists()
