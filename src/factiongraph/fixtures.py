"""A small synthetic store for tests, demos and screenshots (as datasette keeps its fixtures in the package).

Four short reports written for this file about invented armed groups in real places: a coalition formed in
March 2019 whose members leave one by one, a leader, a rival, an ally, events with coordinates, a departure
two reports date differently (a contradiction), a denial, and one report whose title and text carry markup
(`<script>`, an `<img onerror>`), which every front-end must show as text. The records are written by hand,
each with its exact source span, so loading them needs no language model.
"""
from __future__ import annotations

from .models import Document, parse_fact

NFA_TEXT = (
    "IDLIB, Syria - Four rebel factions formed the Northern Front Alliance (NFA) in March 2019: Liwa al-Fajr, "
    "Kataib al-Nasr, Jaish al-Wadi and Harakat al-Sahil. The alliance is led by Abu Karim al-Halabi, a former "
    "commander of Liwa al-Fajr. On 10 June 2019 NFA fighters clashed with their rivals Ansar al-Jabal near "
    "Saraqib. The Free Valley Army said it was allied with the NFA.")
SPLIT_TEXT = (
    "ALEPPO - Kataib al-Nasr left the Northern Front Alliance on 14 August 2019, its spokesman said. Government "
    "artillery shelled Ariha on 2 September 2019, killing three people. Gunmen killed an NFA judge in Aleppo on "
    "20 September 2019.")
LATE_TEXT = (
    "Jaish al-Wadi split from the NFA in January 2020. Residents of Idlib protested against the alliance on "
    "15 November 2019. Kataib al-Nasr quit the alliance in October 2019, one monitor wrote. Harakat al-Sahil "
    "denied that it had ever joined the alliance.")
MARKUP_TEXT = (
    "GAO, Mali - Security forces arrested five men in Gao on 3 March 2020. A statement signed by "
    "<script>window.__fgxss = 1</script> claimed the men belonged to the group <img src=x onerror=window.__fgxss=2>, "
    "which the alliance denies knowing.")
MARKUP_TITLE = "Arrests in Gao <script>window.__fgxss = 3</script>"


def _span(doc_id: str, text: str, phrase: str) -> list[dict]:
    i = text.index(phrase)
    return [{"doc": doc_id, "char_start": i, "char_end": i + len(phrase), "text": phrase}]


def _day(d: str) -> dict:
    return {"earliest": d, "latest": d, "precision": "day", "text": d}


def _month(m: str, last: str) -> dict:
    return {"earliest": f"{m}-01", "latest": f"{m}-{last}", "precision": "month", "text": m}


ACTORS = [("nfa", "Northern Front Alliance", "coalition", ["NFA", "the alliance"], "SY"),
          ("liwa-al-fajr", "Liwa al-Fajr", "armed_group", [], "SY"),
          ("kataib-al-nasr", "Kataib al-Nasr", "armed_group", [], "SY"),
          ("jaish-al-wadi", "Jaish al-Wadi", "armed_group", [], "SY"),
          ("harakat-al-sahil", "Harakat al-Sahil", "armed_group", [], "SY"),
          ("abu-karim", "Abu Karim al-Halabi", "person", [], "SY"),
          ("ansar-al-jabal", "Ansar al-Jabal", "armed_group", [], "SY"),
          ("free-valley-army", "Free Valley Army", "armed_group", ["FVA"], "SY"),
          ("syrian-army", "Syrian Arab Army", "state_force", [], "SY"),
          ("gunmen", "unidentified gunmen", "other", [], None),
          ("mali-security", "Malian security forces", "state_force", [], "ML"),
          ("markup-group", "<img src=x onerror=window.__fgxss=2>", "armed_group", [], "ML")]


def _actors() -> list[dict]:
    return [{"kind": "actor", "id": i, "name": n, "type": t, "aliases": a, "country": c} for i, n, t, a, c in ACTORS]


def _relation(doc, text, subject, predicate, obj, phrase, confidence, start=None, end=None, **attributes):
    return {"kind": "relation", "subject": subject, "predicate": predicate, "object": obj, "start": start,
            "end": end, "attributes": attributes, "confidence": confidence, "evidence": _span(doc, text, phrase)}


def _event(doc, text, eid, etype, day, place, participants, phrase, confidence, fatalities=None, summary=None):
    name, admin1, country, lat, lon = place
    return {"kind": "event", "id": eid, "type": etype, "date": _day(day),
            "place": {"name": name, "admin1": admin1, "country": country, "lat": lat, "lon": lon, "feature": "city",
                      "text": name},
            "participants": [{"actor": a, "role": r} for a, r in participants], "fatalities": fatalities,
            "summary": summary or phrase, "confidence": confidence, "evidence": _span(doc, text, phrase)}


SARAQIB = ("Saraqib", "Idlib", "SY", 35.8646, 36.8006)
ARIHA = ("Ariha", "Idlib", "SY", 35.8137, 36.6078)
ALEPPO = ("Aleppo", "Aleppo", "SY", 36.2021, 37.1343)
IDLIB = ("Idlib", "Idlib", "SY", 35.9306, 36.6339)
GAO = ("Gao", "Gao", "ML", 16.2666, -0.0400)


def records() -> list[tuple[Document, list]]:
    """(document, records) pairs, ready for `Store.ingest`."""
    d1, d2, d3, d4 = "nfa-formed-2019", "nfa-split-2019", "nfa-late-2020", "gao-arrests-2020"
    march = _month("2019-03", "31")
    r1 = _actors() + [
        _relation(d1, NFA_TEXT, m, "member_of", "nfa", phrase, 0.8, start=march, founding=True)
        for m, phrase in [("liwa-al-fajr", "Liwa al-Fajr"), ("kataib-al-nasr", "Kataib al-Nasr"),
                          ("jaish-al-wadi", "Jaish al-Wadi"), ("harakat-al-sahil", "Harakat al-Sahil")]] + [
        _relation(d1, NFA_TEXT, "abu-karim", "leader_of", "nfa", "The alliance is led by Abu Karim al-Halabi", 0.8),
        _relation(d1, NFA_TEXT, "abu-karim", "leader_of", "liwa-al-fajr", "a former commander of Liwa al-Fajr", 0.55,
                  end=_month("2019-03", "31")),
        _relation(d1, NFA_TEXT, "nfa", "rival_of", "ansar-al-jabal", "their rivals Ansar al-Jabal", 0.7),
        _relation(d1, NFA_TEXT, "free-valley-army", "allied_with", "nfa",
                  "The Free Valley Army said it was allied with the NFA", 0.5),
        _event(d1, NFA_TEXT, "e1", "battle", "2019-06-10", SARAQIB,
               [("nfa", "participant"), ("ansar-al-jabal", "participant")],
               "NFA fighters clashed with their rivals Ansar al-Jabal near Saraqib", 0.75)]
    r2 = [_relation(d2, SPLIT_TEXT, "kataib-al-nasr", "left", "nfa",
                    "Kataib al-Nasr left the Northern Front Alliance on 14 August 2019", 0.85,
                    start=_day("2019-08-14"), mode="withdrew"),
          _event(d2, SPLIT_TEXT, "e1", "remote_violence", "2019-09-02", ARIHA, [("syrian-army", "perpetrator")],
                 "Government artillery shelled Ariha on 2 September 2019, killing three people", 0.7, fatalities=3),
          _event(d2, SPLIT_TEXT, "e2", "assassination", "2019-09-20", ALEPPO,
                 [("gunmen", "perpetrator"), ("nfa", "target")], "Gunmen killed an NFA judge in Aleppo", 0.65,
                 fatalities=1)]
    r3 = [_relation(d3, LATE_TEXT, "jaish-al-wadi", "split_from", "nfa", "Jaish al-Wadi split from the NFA in "
                    "January 2020", 0.75, start=_month("2020-01", "31")),
          _relation(d3, LATE_TEXT, "kataib-al-nasr", "left", "nfa", "Kataib al-Nasr quit the alliance in October 2019",
                    0.4, start=_month("2019-10", "31"), mode="quit"),
          _relation(d3, LATE_TEXT, "harakat-al-sahil", "member_of", "nfa",
                    "Harakat al-Sahil denied that it had ever joined the alliance", 0.5, negated=True),
          _event(d3, LATE_TEXT, "e1", "protest", "2019-11-15", IDLIB, [("nfa", "target")],
                 "Residents of Idlib protested against the alliance", 0.6)]
    r4 = [_event(d4, MARKUP_TEXT, "e1", "arrest", "2020-03-03", GAO,
                 [("mali-security", "perpetrator"), ("markup-group", "target")],
                 "Security forces arrested five men in Gao on 3 March 2020", 0.7,
                 summary="Arrest of five men said to belong to <img src=x onerror=window.__fgxss=2>"),
          _relation(d4, MARKUP_TEXT, "markup-group", "rival_of", "nfa", "which the alliance denies knowing", 0.3)]
    docs = [Document(id=d1, title="Four factions form the Northern Front Alliance", published="2019-06-12",
                     source="fixture", text=NFA_TEXT),
            Document(id=d2, title="Kataib al-Nasr leaves the NFA", published="2019-09-21", source="fixture",
                     text=SPLIT_TEXT),
            Document(id=d3, title="The alliance frays", published="2020-02-01", source="fixture", text=LATE_TEXT),
            Document(id=d4, title=MARKUP_TITLE, published="2020-03-04", source="fixture", text=MARKUP_TEXT)]
    return [(doc, [parse_fact(r) for r in recs]) for doc, recs in zip(docs, (r1, r2, r3, r4))]


def populate(store) -> None:
    """Ingest the fixture reports into a store (a no-op when they are there already)."""
    for doc, recs in records():
        store.ingest(doc, recs, extractor_version="fixtures-1")


def fixture_db(target: str) -> str:
    from .store import open_store
    with open_store(target) as store:
        populate(store)
    return target
