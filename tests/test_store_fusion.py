"""Fusion as pure functions, without a database: spans, evidence, confidence over documents, denials, reviews."""
from __future__ import annotations

import json

import pytest

from factiongraph.models import TimeSpan
from factiongraph.store.fusion import (absorb, absorbable, apply_review, finish, fuse, merged_evidence, sources_of,
                                      summarize)
from factiongraph.store.records import Claim, fact_id_of

KEY = ("a", "member_of", "b")


def claim(doc, conf=0.5, start=None, negated=False, published=None, at="2024-01-01T00:00:00", spans=((0, 3),),
          story=None, attributes=None):
    return Claim(doc_id=doc, subject="a", predicate="member_of", object="b",
                 start=TimeSpan(earliest=start[0], latest=start[1], precision="day") if start else None,
                 end=None, attributes=attributes or {"role": doc}, negated=negated, confidence=conf,
                 evidence=[{"doc": doc, "char_start": s, "char_end": e, "text": "abc"[:e - s]} for s, e in spans],
                 recorded_at=at, published=published, story=story)


def test_confidence_counts_each_document_once():
    f = fuse(KEY, [claim("d1", 0.5), claim("d1", 0.8), claim("d2", 0.5)])
    assert f.confidence == pytest.approx(1 - 0.2 * 0.5) and f.sources == 2


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


def test_copies_of_one_story_count_once():
    f = fuse(KEY, [claim("d1", 0.6), claim("d2", 0.6, story="d1"), claim("d3", 0.5)])
    assert f.sources == 2 and f.confidence == pytest.approx(1 - 0.4 * 0.5) and f.documents == ["d1", "d2", "d3"]


def _random_claims(rng, doc):
    out, story = [], rng.choice([None, None, "d0", "d1"])  # a document's story is one
    for _ in range(rng.randint(1, 3)):
        day = f"2017-0{rng.randint(1, 3)}-{rng.randint(10, 12)}"
        start = rng.choice([None, (day, day), ("2017-01-01", "2017-03-31")])
        out.append(claim(doc, rng.choice([0.3, 0.5, 0.7, 0.9]), start=start, negated=rng.random() < 0.2,
                         published=rng.choice([None, "2017-04", f"2017-05-{rng.randint(10, 20)}"]),
                         at=f"2024-01-0{rng.randint(1, 9)}", spans=((rng.randint(0, 2), 3),),
                         story=story, attributes={rng.choice("xyz"): doc}))
    return out


def test_absorbing_one_document_at_a_time_equals_fusing_all_claims():
    import random
    rng = random.Random(7)
    compared = refused = 0
    for trial in range(300):
        claims = _random_claims(rng, "d0")
        summary, evidence = summarize(claims), merged_evidence(claims)
        for n in range(1, rng.randint(2, 8)):
            new = _random_claims(rng, f"d{n}")
            assert absorbable(summary, f"d{n}", new) and not absorbable(summary, "d0", new)
            source = new[0].story or new[0].doc_id
            counted = {k: sources_of([c for c in claims if c.negated == (k == "d")]).get(source) for k in "ad"}
            claims += new
            summary = absorb(summary, new, counted)
            if summary is None:  # a copy more confident than its story: only full fusion is exact
                refused += 1
                break
            evidence = evidence + merged_evidence(new)
            want = fuse(KEY, claims).to_dict()
            docs = sorted({c.doc_id for c in claims})
            assert finish(KEY, json.loads(json.dumps(summary)), evidence, documents=docs).to_dict() == want
            compared += 1
    assert compared > 500 and refused > 0


def test_long_lists_in_contradictions_name_the_first_and_count_the_rest():
    claims = [claim(f"d{i:02d}", negated=i % 2 == 0, start=(f"2017-01-{1 + i % 4:02d}",) * 2) for i in range(50)]
    f = fuse(KEY, claims)
    denial = f.contradictions[-1]
    assert denial.startswith("denied by d00, d02") and "and 5 more; asserted by d01" in denial
    assert f.contradictions[0].endswith("and 5 more)") and f.contradictions[0].count("..") == 20
