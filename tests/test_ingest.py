"""Input readers: good inputs become Documents, every bad one is refused with one line naming it."""
import json

import pytest

from factiongraph.errors import InputError
from factiongraph.ingest import read_inputs
from factiongraph.ingest.language import is_english

REPORT = ("MOGADISHU, Somalia - Al-Shabaab fighters attacked a military base in the Lower Shabelle region on "
          "Monday, killing at least five soldiers, officials said. The group has waged an insurgency since 2007.")


def test_text_file(tmp_path):
    p = tmp_path / "report.txt"
    p.write_text(REPORT, encoding="utf-8")
    [doc] = read_inputs([p], published="2021-03-02")
    assert (doc.id, doc.published, doc.text) == ("report", "2021-03-02", REPORT)


def test_corpus_rows_keep_their_ids_and_dates(tmp_path):
    p = tmp_path / "c.jsonl"
    rows = [{"id": "a", "title": "t", "published": "2019-04", "text": REPORT}, {"text": REPORT}]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    a, b = read_inputs([p], published="2020")
    assert (a.id, a.published, a.title) == ("a", "2019-04", "t")
    assert (b.id, b.published) == ("c-2", "2020")


def test_html_page_text_title_and_date(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><head><title>Clashes in Tripoli</title><script>var x = 'Haftar';</script>"
                 "<meta property='article:published_time' content='2019-04-07T10:00:00Z'></head><body>"
                 "<nav>Home | World</nav><p>Forces loyal to Khalifa Haftar <b>advanced</b> on the capital.</p>"
                 "<p>The Government of National Accord said it had repelled the attack.<div>unclosed</body>",
                 encoding="utf-8")
    [doc] = read_inputs([p])
    assert doc.title == "Clashes in Tripoli" and doc.published == "2019-04-07"
    assert "advanced on the capital" in doc.text and "var x" not in doc.text and "Home" not in doc.text


@pytest.mark.parametrize("content, problem", [
    (b"", "empty input"),
    (b"   \n\t\n", "empty input"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("Les combattants du groupe ont attaqué la ville de Ménaka et ont tué des civils dans la région".encode(
        "latin-1"), "not UTF-8"),
    ("Les combattants du groupe ont attaqué la ville de Ménaka et ont tué des civils dans la région, selon "
     "des sources locales qui parlent de nombreuses victimes".encode("utf-8"), "not English"),
])
def test_bad_files(tmp_path, content, problem):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as e:
        read_inputs([p])
    assert problem in str(e.value) and str(p) in str(e.value) and "\n" not in str(e.value)


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_inputs([tmp_path])
    with pytest.raises(InputError, match="no such file"):
        read_inputs([tmp_path / "nope.txt"])


@pytest.mark.parametrize("line, problem", [
    ("{not json", "not a JSON object"),
    ('["a list"]', "not a JSON object"),
    ('{"id": "x", "title": "no text"}', 'lacks a non-empty "text"'),
    ('{"id": "x", "text": "   "}', 'lacks a non-empty "text"'),
    ('{"id": "x", "published": "last Tuesday", "text": "The army said so."}', "unparseable publication date"),
])
def test_bad_corpus_rows_name_file_and_line(tmp_path, line, problem):
    p = tmp_path / "corpus.jsonl"
    p.write_text(json.dumps({"id": "ok", "text": REPORT}) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_inputs([p])
    assert str(e.value).startswith(f"{p}:2: ") and problem in str(e.value)


@pytest.mark.parametrize("value", ["yesterday", "2017-13", "17/10/2017", "2017-02-30"])
def test_unparseable_published(tmp_path, value):
    p = tmp_path / "r.txt"
    p.write_text(REPORT)
    with pytest.raises(InputError, match="--published: unparseable publication date"):
        read_inputs([p], published=value)


def test_language_check():
    assert is_english(REPORT)
    assert not is_english("قتل خمسة جنود في هجوم شنته حركة الشباب على قاعدة عسكرية في منطقة شبيلي السفلى يوم الاثنين")
    assert is_english("HTS")  # too short to tell: not refused


def test_a_plain_text_headline_is_the_title(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("Clashes erupt in Aden\n\n" + REPORT, encoding="utf-8")
    assert read_inputs([p])[0].title == "Clashes erupt in Aden"
    p.write_text(REPORT, encoding="utf-8")
    assert read_inputs([p])[0].title is None
