"""Input readers: good inputs become Documents; every bad input, file or row is reported with where it is and
why, and the others are still read (all or nothing only when asked: read_inputs, --strict)."""
import io
import json

import pytest

from factiongraph.errors import InputError
from factiongraph.ingest import Columns, ReadOptions, iter_items, read_inputs
from factiongraph.ingest.fields import check_published

REPORT = ("MOGADISHU, Somalia - Al-Shabaab fighters attacked a military base in the Lower Shabelle region on "
          "Monday, killing at least five soldiers, officials said. The group has waged an insurgency since 2007.")
FRENCH = ("Les combattants du groupe ont attaqué la ville de Ménaka et ont tué des civils dans la région, selon "
          "des sources locales qui parlent de nombreuses victimes")


def read_all(inputs, **options):
    """(documents, problems) of a lenient read."""
    problems = []
    docs = [i.document for i in iter_items(inputs, ReadOptions(**options), on_skip=problems.append)]
    return docs, [str(p) for p in problems]


def corpus(tmp_path, *lines, name="c.jsonl"):
    p = tmp_path / name
    p.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return p


def test_text_file(tmp_path):
    p = tmp_path / "report.txt"
    p.write_text(REPORT, encoding="utf-8")
    [doc] = read_inputs([p], published="2021-03-02")
    assert (doc.id, doc.published, doc.text) == ("report", "2021-03-02", REPORT)


def test_corpus_rows_keep_their_ids_and_dates(tmp_path):
    p = corpus(tmp_path, {"id": "a", "title": "t", "published": "2019-04", "text": REPORT}, {"text": REPORT}, "")
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


def test_html_charset_declared_by_the_page_and_boilerplate_dropped(tmp_path):
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
            "<title>Attack near Ménaka</title><time datetime='0001'>x</time></head><body><article>"
            "<p>Fighters of the Islamic State Sahel Province attacked the village of Tamalat near Ménaka on Monday, "
            "killing 12 civilians, local officials said. The group has expanded across the region since 2022.</p>"
            "<p>Residents said the attackers arrived on motorbikes and burned granaries before leaving.</p>"
            "</article><div class='advertisement'>Buy cheap flights to Bamako now!</div>"
            "<section id='comments' class='comments'><h3>Comments</h3><div class='comment'><p>Jean wrote: the "
            "army of Mali killed those civilians, not the jihadists.</p></div></section></body></html>")
    p = tmp_path / "p.html"
    p.write_bytes(page.encode("cp1252"))
    [doc] = read_inputs([p])
    assert "near Ménaka on Monday" in doc.text and doc.title == "Attack near Ménaka"
    assert "Jean wrote" not in doc.text and "cheap flights" not in doc.text
    assert doc.published is None  # the page's year 0001 is no date (and no overflow downstream)


def test_text_in_a_legacy_encoding_is_detected(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(("Fighters loyal to the Front de Libération attacked Ménaka, Tombouctou and Gao on Monday, "
                   "officials said; the army's reinforcements arrived from Sévaré.").encode("cp1252"))
    [doc] = read_inputs([p])
    assert "Libération" in doc.text and "Sévaré" in doc.text


@pytest.mark.parametrize("content, problem", [
    (b"", "empty input"),
    (b"   \n\t\n", "empty input"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (FRENCH.encode("utf-8"), "not English"),
    (FRENCH.encode("latin-1"), "not English"),
])
def test_bad_files_are_refused_with_one_line(tmp_path, content, problem):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as e:
        read_inputs([p])
    assert problem in str(e.value) and str(p) in str(e.value) and "\n" not in str(e.value)


def test_a_bad_file_never_sinks_the_others(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(REPORT)
    bad.write_bytes(b"\x00\x01\x02binary")
    docs, problems = read_all([bad, tmp_path / "nope.txt", good])
    assert [d.id for d in docs] == ["good"]
    assert problems == [f"{bad}: binary file, not text", f"{tmp_path / 'nope.txt'}: no such file"]


@pytest.mark.parametrize("line, problem", [
    ("{not json", "not a JSON object"),
    ('["a list"]', "not a JSON object"),
    ('{"id": "x", "title": "no text"}', 'lacks a non-empty "text"'),
    ('{"id": "x", "text": "   "}', 'lacks a non-empty "text"'),
    ('{"id": "x", "text": 17}', 'lacks a non-empty "text"'),
    ('{"id": "x", "published": "last Tuesday", "text": "The army said so."}', "unparseable publication date"),
    ('{"id": "x", "published": 2017, "text": "The army said so."}', "must be a string"),
    ('{"id": "x", "published": "0001-01-01", "text": "The army said so."}', "implausible publication date"),
    ('{"id": "x", "published": "9999-12-31", "text": "The army said so."}', "implausible publication date"),
    ('{"id": "x", "published": "\\uff12\\uff10\\uff11\\uff17", "text": "The army said so."}', "unparseable"),
    ('{"id": "x", "published": "\\u0662\\u0660\\u0661\\u0667", "text": "The army said so."}', "unparseable"),
    ('{"id": "x", "title": ["a"], "text": "The army said so."}', '"title" must be a string, not list'),
    ('{"id": "x", "source": {"a": 1}, "text": "The army said so."}', '"source" must be a string, not dict'),
    ('{"id": "x", "url": true, "text": "The army said so."}', '"url" must be a string, not bool'),
    ('{"id": ["x"], "text": "The army said so."}', '"id" must be a string or a number'),
    (json.dumps({"text": FRENCH}), "not English"),
])
def test_bad_corpus_rows_are_named_and_skipped(tmp_path, line, problem):
    p = corpus(tmp_path, {"id": "ok", "text": REPORT}, line, {"id": "after", "text": REPORT})
    docs, problems = read_all([p])
    assert [d.id for d in docs] == ["ok", "after"]
    [message] = problems
    assert message.startswith(f"{p}:2: ") and problem in message
    with pytest.raises(InputError) as e:  # all or nothing when asked
        read_inputs([p])
    assert str(e.value) == message


def test_rows_repaired_rather_than_failing_downstream(tmp_path):
    p = corpus(tmp_path, '{"id": "s\\ud800", "title": 12, "published": " 2017 ", "text": "Fighters \\ud800 '
               'attacked\\u0000 Baidoa."}', {"text": REPORT, "published": "2019-04-07T10:00:00Z"})
    a, b = read_inputs([p])
    assert (a.id, a.title, a.published) == ("s\ufffd", "12", "2017")
    assert a.text == "Fighters \ufffd attacked\ufffd Baidoa." and b.published == "2019-04-07"
    a.text.encode("utf-8")  # storable


def test_duplicate_ids_all_kept(tmp_path):
    p = corpus(tmp_path, {"id": "a-2", "text": REPORT}, {"id": "a", "text": REPORT}, {"id": "a", "text": REPORT})
    assert [d.id for d in read_inputs([p])] == ["a-2", "a", "a-3"]
    assert [d.id for d in read_inputs([p, p])] == ["a-2", "a", "a-3", "a-2-2", "a-4", "a-5"]


def test_directory_read_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text(REPORT)
    (tmp_path / "sub" / "b.html").write_text(f"<html><body><p>{REPORT}</p></body></html>")
    (tmp_path / "sub" / "c.jsonl").write_text(json.dumps({"id": "row", "text": REPORT}) + "\n")
    (tmp_path / ".hidden" / "x.txt").write_text(REPORT)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    docs, problems = read_all([tmp_path])
    assert [d.id for d in docs] == ["a", "b", "row"]
    assert len(problems) == 1 and "photo.jpg: not a known kind of input" in problems[0]


@pytest.mark.parametrize("data, ids", [
    ((json.dumps({"id": "x", "text": REPORT}) + "\n{bad\n" + json.dumps({"text": REPORT})).encode(), ["x", "stdin-3"]),
    (REPORT.encode(), ["stdin"]),
    (f"<!doctype html><html><body><p>{REPORT}</p></body></html>".encode(), ["stdin"]),
])
def test_standard_input(data, ids):
    docs, problems = read_all(["-"], stdin=io.BufferedReader(io.BytesIO(data)))
    assert [d.id for d in docs] == ids and all(REPORT in d.text for d in docs)
    assert problems == (["<stdin>:2: not a JSON object (Expecting property name enclosed in double quotes)"]
                        if len(ids) == 2 else [])


def test_csv_with_default_columns_and_spelled_dates(tmp_path):
    p = tmp_path / "acled.csv"
    p.write_text('event_id_cnty,event_date,notes\nYEM1,02 March 2021,"On 2 March 2021, 3 coalition airstrikes '
                 'reportedly hit Harib district (Marib).\nNo casualties reported."\nYEM2,2021-03-04,\n'
                 'YEM3,"March 5, 2021",Houthi forces shelled positions in Hays. No fatalities.\n', encoding="utf-8")
    docs, problems = read_all([p])
    assert [(d.id, d.published) for d in docs] == [("YEM1", "2021-03-02"), ("YEM3", "2021-03-05")]
    assert "\nNo casualties" in docs[0].text
    assert problems == [f"{p}:4: the text column is empty"]  # line numbers count the quoted line break


def test_tsv_with_named_columns(tmp_path):
    p = tmp_path / "a.tsv"
    p.write_text(f"key\theadline\tbody\twhen\nk1\tClashes\t{REPORT}\t2019-08\n", encoding="utf-8")
    cols = Columns(text="body", id="key", title="headline", date="when")
    [doc] = read_inputs([p], columns=cols)
    assert (doc.id, doc.title, doc.published, doc.text) == ("k1", "Clashes", "2019-08", REPORT)
    docs, problems = read_all([p], columns=Columns(text="article"))
    assert not docs and problems == [f"{p}: no column 'article' (--text-column); the columns are key, headline, "
                                     "body, when"]


def test_a_table_without_a_text_column_is_one_problem(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("a,b\n1,2\n")
    docs, problems = read_all([p])
    assert not docs and problems == [f"{p}: no text column (give --text-column; the columns are a, b)"]


@pytest.mark.parametrize("value, expected", [
    ("2017", "2017"), (" 2017-10 ", "2017-10"), ("2017-10-09T08:00:00+02:00", "2017-10-09"), (None, None), ("", None)])
def test_publication_dates_normalised(value, expected):
    assert check_published(value, "x") == expected


@pytest.mark.parametrize("value", ["yesterday", "2017-13", "17/10/2017", "2017-02-30", "0001-01-01", "0001"])
def test_unparseable_published(tmp_path, value):
    p = tmp_path / "r.txt"
    p.write_text(REPORT)
    with pytest.raises(InputError, match="--published: (unparseable|implausible) publication date"):
        read_inputs([p], published=value)


def test_a_plain_text_headline_is_the_title(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("Clashes erupt in Aden\n\n" + REPORT, encoding="utf-8")
    assert read_inputs([p])[0].title == "Clashes erupt in Aden"
    p.write_text(REPORT, encoding="utf-8")
    assert read_inputs([p])[0].title is None


def test_jsonl_rows_with_other_keys_read_as_tables_are(tmp_path):
    note = "On 2 March 2021, 3 coalition airstrikes reportedly hit Harib district (Marib). No casualties reported."
    p = corpus(tmp_path, {"event_id_cnty": "YEM1", "event_date": "2021-03-02", "notes": note},
               {"key": "k", "body": note, "when": "02 March 2021"})
    a, b = read_inputs([p])
    assert (a.id, a.published, a.text) == ("YEM1", "2021-03-02", note)
    assert (b.id, b.published) == ("c-2", None)
    docs, problems = read_all([p], columns=Columns(text="body", id="key", date="when"))
    assert problems == [f'{p}:1: row lacks a non-empty "body"']
    [c] = docs
    assert (c.id, c.published) == ("k", "2021-03-02")
