"""The store on both backends: idempotent ingest, atomicity, fusion, reviews that survive re-ingest."""
from __future__ import annotations

import pytest

from conftest import hts_records
from factiongraph.models import Actor, Document, Event, Relation, parse_fact
from factiongraph.store import fact_id_of, open_store


def _snapshot(store):
    return store.counts(), [r.to_json() for r in store.export_records(include_rejected=True)]


def _fact(store, s, p, o):
    return store.fact(fact_id_of((s, p, o)))


def test_ingest_counts_and_idempotence(store):
    (d1, r1), (d2, r2) = hts_records()
    first = store.ingest(d1, r1, extractor_version="v1")
    assert first == {"documents_added": 1, "documents_unchanged": 0, "documents_replaced": 0,
                     "actors": 13, "relations": 15, "events": 3}
    before = _snapshot(store)
    again = store.ingest(d1, r1, extractor_version="v1")
    assert again["documents_unchanged"] == 1 and again["documents_added"] == 0 and again["relations"] == 0
    assert _snapshot(store) == before
    # the same text under another id is a copy, not an independent source
    copy = Document(id="copy", published=d1.published, text=d1.text)
    assert store.ingest(copy, r1, extractor_version="v1")["documents_unchanged"] == 1
    assert store.counts()["documents"] == 1


def test_counts_summary(hts_store):
    c = hts_store.counts()
    assert c["documents"] == 2 and c["actors"] == 13 and c["claims"] == 17
    assert c["relations"] == {"leader_of": 2, "left": 4, "member_of": 8, "rival_of": 1}
    assert c["events"] == {"assassination": 1, "battle": 1, "protest": 1}


def test_failed_ingest_leaves_store_unchanged(store, monkeypatch):
    (d1, r1), (d2, r2) = hts_records()
    store.ingest(d1, r1, extractor_version="v1")
    before = _snapshot(store)

    def boom(*a, **k):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(store, "_insert_events", boom)
    for doc, recs, version in [(d2, r2 + [r1[-1]], "v1"), (d1, r1, "v2")]:  # a new document; a replacement
        with pytest.raises(RuntimeError):
            store.ingest(doc, recs, extractor_version=version)
        assert _snapshot(store) == before


def test_bulk_commits_once_and_keeps_each_document_atomic(store_target, monkeypatch):
    (d1, r1), (d2, r2) = hts_records()
    store, reader = open_store(store_target), open_store(store_target)
    bad = Document(id="bad", published="2017", text="Nothing holds.")
    bad_records = [Relation(subject="x", predicate="member_of", object="y", confidence=0.5,
                            evidence=[{"doc": "bad", "char_start": 0, "char_end": 7, "text": "Nothing"}])]
    with store.bulk():
        store.ingest(d1, r1, extractor_version="v1")
        def boom(*a, **k):
            raise RuntimeError("disk on fire")
        monkeypatch.setattr(store, "_insert_events", boom)
        with pytest.raises(RuntimeError):  # a document that fails midway leaves nothing of itself
            store.ingest(bad, bad_records, extractor_version="v1")
        monkeypatch.undo()
        store.ingest(d2, r2, extractor_version="v1")
        assert reader.counts()["documents"] == 0  # nothing is visible before the batch commits
    c = reader.counts()
    assert c["documents"] == 2 and c["claims"] == 17 and "x" not in {f.subject for f in reader.facts(object="y")}
    assert _stored_facts_match_claims(reader)
    store.close(), reader.close()


def test_reingest_replaces_claims_and_keeps_reviews(store):
    (d1, r1), _ = hts_records()
    store.ingest(d1, r1, extractor_version="v1")
    fid = fact_id_of(("jfs", "member_of", "hts"))
    store.review_fact(fid, "accept", author="ana")
    rival = fact_id_of(("ahrar-al-sham", "rival_of", "hts"))
    store.review_fact(rival, "reject", author="ana", note="not in this period")
    fewer = [r for r in r1 if not (isinstance(r, Relation) and r.subject == "jaish-al-sunna")]
    counts = store.ingest(d1, fewer, extractor_version="v2")
    assert counts["documents_replaced"] == 1 and counts["relations"] == 14
    assert _fact(store, "jaish-al-sunna", "member_of", "hts") is None
    assert store.fact(fid).status == "accepted"
    assert store.fact(rival).status == "rejected"
    assert all(f.fact_id != rival for f in store.facts(actor="hts"))
    assert store.counts()["claims"] == 14
    changed = Document(id=d1.id, published=d1.published, text=d1.text + " More.")
    assert store.ingest(changed, fewer, extractor_version="v2")["documents_replaced"] == 1
    assert store.counts()["claims"] == 14 and store.fact(fid).status == "accepted"
    assert _stored_facts_match_claims(store)


def test_fusion_sources_confidence_and_time(hts_store):
    left = _fact(hts_store, "jaish-al-ahrar", "left", "hts")
    assert left.sources == 2 and left.documents == ["report-2017-09", "seed-hts-2017"]
    assert left.confidence == pytest.approx(1 - (1 - 0.7) * (1 - 0.9))
    assert (left.start.earliest, left.start.latest) == ("2017-09-13", "2017-09-13")  # the claims' intersection
    assert len(left.evidence) == 2 and not left.contradictions
    assert left.recorded_at <= left.updated_at
    one = _fact(hts_store, "zinki", "left", "hts")
    assert one.sources == 1 and one.confidence == pytest.approx(0.7)


def test_denial_is_kept_and_flagged(hts_store):
    liwa = _fact(hts_store, "liwa-al-haq", "member_of", "hts")
    assert not liwa.negated and liwa.sources == 1 and len(liwa.claims) == 2
    assert any("denied by report-2017-09" in c for c in liwa.contradictions)


def test_disagreeing_dates_are_flagged(store):
    def rel(doc, day):
        text = f"X left Y on {day}."
        return (Document(id=doc, text=text),
                [parse_fact({"kind": "relation", "subject": "x", "predicate": "left", "object": "y",
                             "start": {"earliest": day, "latest": day, "precision": "day"}, "confidence": 0.6,
                             "evidence": [{"doc": doc, "char_start": 0, "char_end": 6, "text": "X left"}]})])
    for doc, day in [("a", "2017-03-01"), ("b", "2017-06-01")]:
        store.ingest(*rel(doc, day), extractor_version="v1")
    fact = _fact(store, "x", "left", "y")
    assert fact.sources == 2 and len(fact.contradictions) == 1 and "a: 2017-03-01" in fact.contradictions[0]


def test_symmetric_facts_fuse_in_either_order(store):
    for doc, s, o in [("a", "hts", "ahrar"), ("b", "ahrar", "hts")]:
        store.ingest(Document(id=doc, text=f"rivals fought ({doc})"), [Relation(
            subject=s, predicate="rival_of", object=o, confidence=0.5,
            evidence=[{"doc": doc, "char_start": 0, "char_end": 6, "text": "rivals"}])], extractor_version="v1")
    fact = _fact(store, "ahrar", "rival_of", "hts")
    assert fact.sources == 2 and fact.confidence == pytest.approx(0.75)


def test_edit_review(hts_store):
    fid = fact_id_of(("hashem-al-sheikh", "leader_of", "hts"))
    start = {"earliest": "2017-10-01", "latest": "2017-10-31", "precision": "month", "text": "October 2017"}
    fact = hts_store.review_fact(fid, "edit", author="ana", changes={"start": start, "confidence": 0.95})
    assert fact.edited and fact.start.earliest == "2017-10-01" and fact.confidence == 0.95
    with pytest.raises(ValueError):
        hts_store.review_fact(fid, "edit", author="ana", changes={"subject": "x"})
    with pytest.raises(ValueError):
        hts_store.review_fact(fid, "accept", author=" ")
    with pytest.raises(KeyError):
        hts_store.review_fact("f-nope", "accept", author="ana")
    assert [r["action"] for r in hts_store.reviews("fact")] == ["edit"]
    assert _stored_facts_match_claims(hts_store)


def test_event_review(hts_store):
    hts_store.review_event("seed-hts-2017:e3", "edit", author="ana", changes={"fatalities": 0})
    assert hts_store.event("seed-hts-2017:e3").fatalities == 0
    hts_store.review_event("seed-hts-2017:e3", "reject", author="ana")
    assert [e.id for e in hts_store.events(actor="hts")] == ["e1"]


def test_merge_and_split_actors_survive_reingest(store):
    (d1, r1), _ = hts_records()
    extra = Document(id="dup", published="2017-11", text="Tahrir al-Sham fighters clashed.")
    extra_recs = [Actor(id="tahrir-al-sham", name="Tahrir al-Sham", type="coalition"),
                  Relation(subject="ahrar-al-sham", predicate="rival_of", object="tahrir-al-sham", confidence=0.6,
                           evidence=[{"doc": "dup", "char_start": 0, "char_end": 14, "text": "Tahrir al-Sham"}]),
                  Event(id="e9", type="battle", participants=[{"actor": "tahrir-al-sham"}],
                        evidence=[{"doc": "dup", "char_start": 0, "char_end": 14, "text": "Tahrir al-Sham"}])]
    store.ingest(d1, r1, extractor_version="v1")
    store.ingest(extra, extra_recs, extractor_version="v1")
    store.merge_actors("tahrir-al-sham", "hts", author="ana")
    rival = _fact(store, "ahrar-al-sham", "rival_of", "hts")
    assert rival.sources == 2
    assert "Tahrir al-Sham" in store.get_actor("hts").aliases
    assert store.resolve_actor("tahrir-al-sham") == "hts"
    assert {e.id for e in store.events(actor="hts")} == {"e1", "e3", "e9"}
    assert store.counts()["actors"] == 13
    store.ingest(extra, extra_recs, extractor_version="v2")  # re-extraction keeps the merge
    assert _fact(store, "ahrar-al-sham", "rival_of", "hts").sources == 2
    store.split_actor("hts", "tahrir-al-sham", author="ana")
    assert _fact(store, "ahrar-al-sham", "rival_of", "hts").sources == 1
    assert _fact(store, "ahrar-al-sham", "rival_of", "tahrir-al-sham").sources == 1
    # a split by document: in "dup", ahrar-al-sham meant some other group
    store.split_actor("ahrar-al-sham", "ahrar-2", author="ana", docs=["dup"], name="Ahrar (other)")
    assert _fact(store, "ahrar-2", "rival_of", "tahrir-al-sham").documents == ["dup"]
    store.ingest(extra, extra_recs, extractor_version="v3")
    assert _fact(store, "ahrar-2", "rival_of", "tahrir-al-sham") is not None
    assert [r["action"] for r in store.reviews("actor")] == ["merge", "split", "split"]
    with pytest.raises(ValueError):
        store.split_actor("hts", "jfs", author="ana")
    with pytest.raises(KeyError):
        store.merge_actors("nobody", "hts", author="ana")
    assert _stored_facts_match_claims(store)


def _stored_facts_match_claims(store) -> bool:
    """The facts table equals a fresh fusion of every claim with its reviews."""
    stored = [f.to_dict() for f in store.iter_facts(include_rejected=True)]
    rows = store._query("SELECT c.*, d.published, s.story FROM claims c JOIN documents d ON d.id = c.doc_id "
                        "LEFT JOIN stories s ON s.doc_id = c.doc_id ORDER BY c.fact_id, c.id")
    return stored == [f.to_dict() for f in store._fuse_rows(rows)] and len(stored) > 0


def test_export_records_roundtrip(hts_store):
    records = list(hts_store.export_records())
    kinds = [r.kind for r in records]
    assert kinds.count("document") == 2 and kinds.count("actor") == 13 and kinds.count("event") == 3
    rels = [r for r in records if isinstance(r, Relation)]
    assert len(rels) == 15
    for r in rels:  # every exported record is valid exchange format and carries its sources
        assert parse_fact(r.to_dict()) and r.evidence and r.model_extra["sources"] >= 1
    liwa = next(r for r in rels if r.subject == "liwa-al-haq")
    assert liwa.model_extra["contradictions"]


def test_reopen_keeps_data_and_schema(store_target):
    s = open_store(store_target)
    (d1, r1), _ = hts_records()
    s.ingest(d1, r1, extractor_version="v1")
    version = s.schema_version()
    s.close()
    s = open_store(store_target)
    assert s.schema_version() == version >= 1 and s.counts()["claims"] == 15
    assert s.ingest(d1, r1, extractor_version="v1")["documents_unchanged"] == 1
    s.close()


def test_fact_evidence_filled_when_a_schema_3_store_is_migrated(store_target):
    s = open_store(store_target)
    for doc, records in hts_records():
        s.ingest(doc, records, extractor_version="v1")
    before = {f.fact_id: f.evidence for f in s.iter_facts(include_rejected=True)}
    with s._tx():  # schema 3: facts without their evidence
        s._exec("ALTER TABLE facts DROP COLUMN evidence")
        s._exec("ALTER TABLE facts DROP COLUMN grown")
        s._exec("DELETE FROM schema_version WHERE version >= 4")
    s.close()
    s = open_store(store_target)
    after = {f.fact_id: f.evidence for f in s.facts(claims=False, include_rejected=True)}
    assert after == before and len(after) == 15 and all(after.values())
    s.close()


def test_facts_table_filled_when_an_older_store_is_migrated(store_target):
    s = open_store(store_target)
    for doc, records in hts_records():
        s.ingest(doc, records, extractor_version="v1")
    s.review_fact(fact_id_of(("jfs", "member_of", "hts")), "reject", author="ana")
    before = [(f.to_dict(), f.status) for f in s.iter_facts(include_rejected=True)]
    # take the store back to schema 2: no facts table, the claim and event indexes it had
    with s._tx():
        for sql in ("DROP TABLE facts", "DROP INDEX events_country", "DROP INDEX events_place",
                    "DROP INDEX events_admin1", "DROP INDEX events_type_date",
                    "CREATE INDEX claims_subject ON claims (subject, predicate)",
                    "CREATE INDEX claims_object ON claims (object, predicate)",
                    "CREATE INDEX events_place ON events (place_key)",
                    "CREATE INDEX events_admin1 ON events (admin1_key)",
                    "CREATE INDEX events_type_date ON events (type, d_latest)",
                    "DELETE FROM schema_version WHERE version >= 3"):
            s._exec(sql)
    s.close()
    s = open_store(store_target)
    assert s.schema_version() >= 3
    assert [(f.to_dict(), f.status) for f in s.iter_facts(include_rejected=True)] == before
    assert len(before) == 15 and sum(st == "rejected" for _, st in before) == 1
    s.close()


def test_search_reads_wildcards_literally(hts_store):
    assert [a.id for a in hts_store.search("HTS")["actors"]] == ["hts"]
    for text in ("%", "_", "%%", " "):
        found = hts_store.search(text)
        assert found == {"actors": [], "events": []}, text
        assert hts_store.document_list(text=text) == [] if text.strip() else True
    assert [d["id"] for d in hts_store.document_list(text="seed-")] == ["seed-hts-2017"]
    assert hts_store.search("Saraqib")["events"]  # an event summary that contains the text
