"""Fusion as pure functions, without a database: spans, evidence, confidence over documents, denials, reviews."""
from __future__ import annotations

import json

import pytest

from factiongraph.models import TimeSpan
from factiongraph.store.fusion import apply_review, combined_confidence, fuse, merged_evidence
from factiongraph.store.records import Claim, fact_id_of

KEY = ("a", "member_of", "b")


def claim(doc, conf=0.5, start=None, negated=False, published=None, at="2024-01-01T00:00:00", spans=((0, 3),)):
    return Claim(doc_id=doc, subject="a", predicate="member_of", object="b",
                 start=TimeSpan(earliest=start[0], latest=start[1], precision="day") if start else None,
                 end=None, attributes={"role": doc}, negated=negated, confidence=conf,
                 evidence=[{"doc": doc, "char_start": s, "char_end": e, "text": "abc"[:e - s]} for s, e in spans],
                 recorded_at=at, published=published)


def test_confidence_counts_each_document_once():
    assert combined_confidence([claim("d1", 0.5), claim("d1", 0.8), claim("d2", 0.5)]) == pytest.approx(
        1 - 0.2 * 0.5)
    assert combined_confidence([]) == 0.0


def test_evidence_merged_each_span_once_in_claim_order():
    ev = merged_evidence([claim("d2"), claim("d1"), claim("d2"), claim("d1", spans=((0, 3), (4, 6)))])
    assert [(e["doc"], e["char_start"]) for e in ev] == [("d2", 0), ("d1", 0), ("d1", 4)]


def test_fuse_intersects_agreeing_spans_and_flags_disagreeing_ones():
    f = fuse(KEY, [claim("d1", start=("2017-01-01", "2017-01-31")), claim("d2", start=("2017-01-10", "2017-02-28"))])
    assert (f.start.earliest, f.start.latest) == ("2017-01-10", "2017-01-31") and not f.contradictions
    g = fuse(KEY, [claim("d1", 0.9, start=("2017-01-01", "2017-01-01")),
                   claim("d2", 0.4, start=("2017-06-01", "2017-06-01"))])
    assert g.start.earliest == "2017-01-01" and "start dates disagree" in g.contradictions[0]


def test_fuse_basics_and_first_attribute_wins():
    f = fuse(KEY, [claim("d2", published="2017-05", at="t2"), claim("d1", published="2017-03-04", at="t1")])
    assert f.fact_id == fact_id_of(KEY) and f.sources == 2 and f.documents == ["d1", "d2"]
    assert f.first_reported == "2017-03-04" and (f.recorded_at, f.updated_at) == ("t1", "t2")
    assert f.attributes == {"role": "d2"} and not f.negated and f.status is None


def test_denial_alone_is_a_negated_fact_and_with_assertions_a_contradiction():
    only = fuse(KEY, [claim("d1", 0.6, negated=True)])
    assert only.negated and only.sources == 1 and only.confidence == pytest.approx(0.6)
    both = fuse(KEY, [claim("d1", 0.6, negated=True), claim("d2", 0.7)])
    assert not both.negated and both.sources == 1 and both.confidence == pytest.approx(0.7)
    assert both.contradictions == ["denied by d1; asserted by d2"] and both.documents == ["d1", "d2"]


def test_reviews_apply_in_order():
    edit = {"action": "edit", "payload": json.dumps({"confidence": 0.99, "attributes": {"x": 1},
                                                      "start": {"earliest": "2018-01-01", "latest": "2018-01-01",
                                                                "precision": "day"}}),
            "created_at": "2030-01-01"}
    f = fuse(KEY, [claim("d1")], [{"action": "reject", "payload": None, "created_at": "2029"}, edit])
    assert f.status == "rejected" and f.edited and f.confidence == 0.99 and f.attributes["x"] == 1
    assert f.start.earliest == "2018-01-01" and f.updated_at == "2030-01-01"
    apply_review(f, {"action": "accept", "payload": None, "created_at": "2000"})
    assert f.status == "accepted" and f.updated_at == "2030-01-01"
