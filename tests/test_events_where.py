"""events/where.py: the place of an incident (sentences written for these tests; mentions and places set by hand
as in test_events.py)."""
from __future__ import annotations

from spacy.tokens import Span

from factiongraph.extract import events
from factiongraph.models import Place
from test_events import annotate

SYRIA = Place(name="Syria", lat=33.51, lon=36.29, country="SY", feature="country")
TOWNS = {"Saraqib": "SY", "Hama": "SY", "Homs": "SY"}


def extract(text: str):
    doc = annotate(text)
    spans, places = list(doc.spans["fg_places"]), dict(doc._.fg_places)
    for name, place in [("Syria", SYRIA)] + [(t, Place(name=t, lat=35.0, lon=36.7, country=c, feature="city"))
                                             for t, c in TOWNS.items()]:
        at = text.find(name)
        while at >= 0:
            span = doc.char_span(at, at + len(name))
            if (span.start_char, span.end_char) not in places:
                spans.append(Span(doc, span.start, span.end, label=place.feature))
                places[(span.start_char, span.end_char)] = place
            at = text.find(name, at + len(name))
    doc.spans["fg_places"] = sorted(spans, key=lambda s: s.start)
    doc._.fg_places = places
    return list(events.extract(doc))


def test_a_country_places_nothing_in_a_report_that_names_its_towns():
    found = extract("HTS fighters attacked Saraqib on Saturday. Ahrar al-Sham shelled Hama on Monday. "
                    "Turkey struck Homs on Thursday. Islamic State fighters clashed with Iraqi troops in Syria.")
    battle = [e for e in found if e.type == "battle"]
    assert battle and battle[0].place is None


def test_a_country_is_the_place_of_a_report_that_names_no_town_of_it():
    found = extract("Islamic State fighters clashed with Iraqi troops in Syria on Saturday.")
    assert [e.place.name for e in found] == ["Syria"]
