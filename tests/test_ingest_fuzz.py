"""Property test of the readers and the full extraction on hostile input (hypothesis, bounded examples): random
text and bytes, JSON rows with wrong types, HTML with broken tags, zero-width and bidi characters, long
sentences. Never a traceback; every problem one line naming where; every output line valid against the exchange
format; every evidence span equal to its text. `bench/fuzz.py` runs the same kinds of input by the 100,000."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factiongraph.errors import FactionGraphError
from factiongraph.ingest import ReadOptions, iter_items
from factiongraph.models import parse_fact

ODD = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad\ud800\x00"
WORDS = ["fighters", "of", "Hayat", "Tahrir", "al-Sham", "attacked", "Saraqib", "on", "Monday", "the", "group",
         "joined", "Jaish", "al-Fatah", "in", "January", "0001", "9999", "2017", "March", "killed", "5", "HTS",
         "<p>", "</div>", "<b", "&amp;", "said", ".", ",", "\n\n", "Houthi", "forces", "shelled", "Marib"]
text_st = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(list(ODD)), st.text(max_size=8)),
                   max_size=60).map(" ".join)
value_st = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), text_st,
                     st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(),
                                                                          max_size=2))
row_st = st.one_of(
    st.fixed_dictionaries({"text": text_st}, optional={"id": value_st, "title": value_st, "published": value_st,
                                                      "source": value_st, "url": value_st}).map(json.dumps),
    st.dictionaries(st.sampled_from(["text", "id", "published", "notes"]), value_st, max_size=4).map(json.dumps),
    text_st, st.binary(max_size=40).map(lambda b: b.decode("latin-1")))
html_st = st.lists(st.sampled_from(["<html>", "<head>", "<title>", "</title>", "<body>", "<p>", "</p>", "<div",
                                    "<script>", "</script>", "<time datetime='0001'>", "<meta charset='x-bogus'>",
                                    "<!--", "-->", "<![CDATA[", "]]>", "&#0;", "&#xD800;"]) | text_st, max_size=30
                   ).map("".join)


def _read(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    problems: list[FactionGraphError] = []
    items = list(iter_items([path], ReadOptions(), on_skip=problems.append))
    for p in problems:
        assert str(p).startswith(str(path)) and "\n" not in str(p)
    return items


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])


@FAST
@given(rows=st.lists(row_st, max_size=8))
def test_corpus_rows_never_raise(tmp_path, rows):
    data = "\n".join(rows).encode("utf-8", "surrogatepass")
    for item in _read(tmp_path, "c.jsonl", data):
        item.document.text.encode("utf-8")  # storable
        assert item.where.startswith(str(tmp_path))


@FAST
@given(data=st.one_of(st.binary(max_size=300), html_st.map(lambda s: s.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from([".txt", ".html", ".csv", ".tsv", ".xml", ""]))
def test_files_never_raise(tmp_path, data, suffix):
    for item in _read(tmp_path, f"f{suffix}", data):
        item.document.text.encode("utf-8")


@pytest.fixture(scope="module")
def fg(tmp_path_factory):
    from factiongraph.app import FactionGraph
    return FactionGraph(tmp_path_factory.mktemp("fz") / "fg.db", user_registry=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(texts=st.lists(text_st | html_st, min_size=1, max_size=3), long=st.integers(0, 3000))
def test_extraction_output_valid_and_spans_exact(fg, tmp_path, texts, long):
    texts = texts + ["Fighters of the group attacked " + "the town and " * long + "Saraqib on Monday."]
    data = "\n".join(json.dumps({"text": t, "published": "2017-05"}) for t in texts).encode("utf-8", "surrogatepass")
    items = _read(tmp_path, "c.jsonl", data)
    problems = []
    for item, document, records in fg.extract_items(items, on_skip=problems.append):
        parse_fact(json.loads(document.to_json()))
        for r in records:
            parse_fact(json.loads(r.to_json()))  # every line valid, and JSON-serialisable
            for ev in getattr(r, "evidence", None) or []:
                assert item.document.text[ev.char_start:ev.char_end] == ev.text
    assert not problems, [str(p) for p in problems]


@pytest.mark.parametrize("text", [
    "In January 0001 Hayat Tahrir al-Sham fighters attacked Saraqib, the group said.",
    "Jaish al-Fatah will hold Idlib until December 9999, its commander said on Monday.",
    "On 31 December 9999 and on 1 January 0001 the group joined Jaish al-Fatah.",
])
def test_dates_at_the_ends_of_the_calendar_do_not_overflow(fg, tmp_path, text):
    for published in ("1800-01-01", "2200-12-31"):
        items = _read(tmp_path, "c.jsonl", json.dumps({"text": text, "published": published}).encode())
        problems = []
        [(_, document, records)] = list(fg.extract_items(items, on_skip=problems.append))
        assert not problems and document.id == "c-1"
        for r in records:
            parse_fact(json.loads(r.to_json()))
