"""events/background.py: the report's own incidents, not a "since" phrase's or a tally's (sentences written for
these tests; mentions and places set by hand as in test_events.py)."""
from __future__ import annotations

from spacy.tokens import Span

from factiongraph.extract import events
from factiongraph.models import TimeSpan
from test_events import annotate

YEAR = TimeSpan(earliest="2018-08-11", latest="2019-08-11", precision="approximate", text="over the past year")


def extract(text: str, dated: dict[str, TimeSpan] = {}):
    doc = annotate(text)
    dates, timespans = list(doc.spans["fg_dates"]), dict(doc._.fg_timespans)
    for phrase, span_of in dated.items():
        at = text.index(phrase)
        span = doc.char_span(at, at + len(phrase))
        dates.append(Span(doc, span.start, span.end))
        timespans[(span.start_char, span.end_char)] = span_of
    doc.spans["fg_dates"] = sorted(dates, key=lambda s: s.start)
    doc._.fg_timespans = timespans
    return list(events.extract(doc))


def test_an_incident_in_a_since_phrase_is_not_the_report_s():
    found = extract("Islamic State fighters entered Mosul on Saturday for the first time since being defeated "
                    "there by Iraqi forces in 2014.")
    assert [e.type for e in found] == ["territory_change"]
    assert {p.actor for p in found[0].participants} == {"islamic-state"}


def test_a_tally_over_a_year_is_no_incident():
    text = "Over the past year the UN has recorded 71 attacks on hospitals in Idlib."
    assert extract(text, {"Over the past year": YEAR}) == []


def test_an_incident_told_on_its_day_stays():
    found = extract("al-Shabaab stormed a hotel in Mogadishu on Saturday, killing 12 civilians.")
    assert [e.type for e in found] and found[0].place.name == "Mogadishu"


def test_history_told_in_a_clause_of_its_own_stays():
    found = extract("Islamic State overran Mosul in 2014.")
    assert [e.type for e in found] == ["territory_change"]


def test_the_aim_of_an_offensive_begun_is_no_deed():
    found = extract("Ahrar al-Sham began a new offensive to capture Saraqib on Saturday.")
    assert "territory_change" not in {e.type for e in found}, found
    shelled = extract("Iraqi forces began to shell Mosul on Saturday.")
    assert [e.type for e in shelled] == ["remote_violence"]
