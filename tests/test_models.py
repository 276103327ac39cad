"""The data model is the exchange format: it must accept the shared gold files and locate bad records."""
import json
from pathlib import Path

import pytest

from factiongraph.models import (Evidence, FactsFormatError, Relation, TimeSpan, iter_facts, parse_fact,
                                 validate_file)

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.parametrize("gold", ["eval/dev/gold.jsonl", "eval/re3d-dev/gold.jsonl"])
def test_shared_gold_files_validate(gold):
    assert validate_file(SHARED / gold) == []
    kinds = {f.kind for f in iter_facts(SHARED / gold)}
    assert {"actor", "relation"} <= kinds


def test_bad_records_are_reported_with_file_and_line(tmp_path):
    good = {"kind": "actor", "id": "hts", "name": "HTS", "type": "coalition"}
    bad_predicate = {"kind": "relation", "subject": "a", "predicate": "likes", "object": "b"}
    bad_span = {"kind": "event", "id": "e1", "type": "battle",
                "date": {"earliest": "2017-10-09", "latest": "2017-10-01", "precision": "day"}}
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join([json.dumps(good), "{not json", json.dumps(bad_predicate), json.dumps(bad_span)]))
    problems = validate_file(path)
    assert [p.split(": ")[0] for p in problems] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "predicate" in problems[1] and "after" in problems[2]
    with pytest.raises(FactsFormatError, match=r":2: not JSON"):
        list(iter_facts(path))


def test_evidence_must_be_consistent():
    with pytest.raises(ValueError):
        Evidence(doc="d", char_start=5, char_end=5, text="")
    with pytest.raises(ValueError):
        Evidence(doc="d", char_start=0, char_end=4, text="abc")
    assert Evidence(doc="d", char_start=0, char_end=3, text="abc").char_end == 3


def test_round_trip_keeps_unknown_keys():
    rec = {"kind": "relation", "subject": "a", "predicate": "rival_of", "object": "b", "start": None, "end": None,
           "attributes": {}, "confidence": 0.7, "evidence": [], "future_key": 1}
    r = parse_fact(rec)
    assert isinstance(r, Relation) and r.to_dict()["future_key"] == 1
    assert r.key() == Relation(subject="b", predicate="rival_of", object="a").key()


def test_timespan_rejects_bad_days():
    with pytest.raises(ValueError):
        TimeSpan(earliest="2017-02-30", latest="2017-03-01", precision="day")
