"""fg_place: place names geocoded against the offline gazetteer (doc.spans["fg_places"], doc._.fg_places).

The NER often calls towns ORG or PERSON ("Saraqib", "Maarat al-Numan"); a name that is not a known actor, stands
where places stand (after "in", "near", "such as" towns) and is in the gazetteer is taken as a place, and its
mention is withdrawn from the actors (doc._.fg_withdrawn; the linker's mentions and actors are left as they
are). Ambiguous names go to the countries the document is about (its home: the country most of its actors
belong to, and those it names as places, "in Turkey"); a town elsewhere needs strong evidence (geo/geocoder.py).
A country named only as an actor ("the US-led coalition", "backed by Russia") is no evidence for its small towns.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

import yaml

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import doc_text
from ..geo.geocoder import Geocoder
from ..linking.names import normalize
from .mentions import capitals

_LOCATIVE = {"in", "near", "at", "outside", "around", "from", "into", "of", "across", "towards", "toward",
             "to", "on", "inside", "through", "within", "between", "and", "as", "besieged", "retook", "captured",
             "seized", "took", "entered", "controls"}
_BORDER = re.compile(r"\b(?:the\s+)?(?:(?:[A-Z][\w'’-]+(?:-[A-Z][\w'’-]+)?\s+)?border(?:\s+(?:with|between)\s+"
                     r"[A-Z][\w'’-]+(?:\s+and\s+[A-Z][\w'’-]+)?)?|[A-Z][\w'’-]+ border)\b")


# a town abroad smaller than this, named in a report about other countries, is a homonym of a place at home
# the gazetteer lacks (villages, quarters); measured on acled-dev and fakes-dev
ABROAD_MIN = 100_000
_PLACE_LABELS = ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP")  # the NER calls towns all of these
_THE_CAPITAL = re.compile(r"\bthe capital\b(?!\s+(?:of|city of)\b)(?!,\s+[A-Z])")
# a wire dateline: "KABUL, Aug 16 (Reuters) -", "BAMAKO, Mali (AFP) -", "Mogadishu —"
DATELINE = re.compile(r"^\s*([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})(?=,| \(| [-—–])")

_REGION_NOUNS = {"county", "counties", "provinces", "districts", "regions", "border", "coast", "capital"}
# a country named after these is a place of the report ("in Turkey", "across Iraq"), not only an actor
_HOME_PREPS = {"in", "into", "inside", "across", "throughout", "from", "to", "near", "at", "within", "entered"}
_LOCATIVE_PREPS = {"in", "near", "outside", "around", "at", "into", "from", "towards", "toward", "inside"}
_TAKING_VERBS = {"seize", "capture", "take", "enter", "overrun", "retake", "besiege", "storm", "shell", "bomb",
                 "encircle", "recapture", "liberate", "evacuate", "reach"}
_PLACE_NOUNS = {"town", "city", "village", "towns", "villages", "cities", "province", "district", "region",
                "governorate", "port", "capital", "camp", "base", "airport", "neighbourhood", "neighborhood"}


def _locative(span: Span, place_tokens: set[int] = frozenset()) -> int:
    """2: certainly a place ("the town of X", "villages such as X and Y"); 1: where places stand ("in X");
    0: no. Places already found before this one count as part of the list ("Saraqib and X")."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and (doc[i].lower_ in _PLACE_NOUNS | {"the", "of", "such", "as", "and", "like", "including"}
                      or doc[i].is_punct and doc[i].text == "," or i in place_tokens):
        if doc[i].lower_ in _PLACE_NOUNS:
            return 2
        i -= 1
    return int(i >= 0 and (doc[i].lower_ in _LOCATIVE or doc[i].lemma_ in _TAKING_VERBS))


@lru_cache(maxsize=1)
def _border_points() -> dict[str, list[tuple[float, float]]]:
    text = resources.files("factiongraph").joinpath("data/places_extra.yaml").read_text(encoding="utf-8")
    return {k: [tuple(p) for p in v] for k, v in (yaml.safe_load(text).get("border_points") or {}).items()}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat, dlon = math.radians(b[0] - a[0]), math.radians(b[1] - a[1])
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a[0])) * math.cos(math.radians(b[0])) * math.sin(dlon / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def place_borders(places: dict) -> None:
    """Move a border named without a section to its point nearest the report's other places (in place)."""
    others = [(p.lat, p.lon) for p in places.values()
              if p.feature in ("city", "admin1", "admin2", "region") and p.lat is not None]
    if not others:
        return
    centre = (sum(o[0] for o in others) / len(others), sum(o[1] for o in others) / len(others))
    for key, p in places.items():
        points = _border_points().get(p.name) if p.feature == "border" else None
        if points:  # a copy: the geocoder caches its answers
            lat, lon = min(points, key=lambda pt: _km(pt, centre))
            places[key] = p.model_copy(update={"lat": lat, "lon": lon})


class PlaceFinder:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.geocoder = Geocoder()

    def _countries(self, doc: Doc) -> list[str]:
        counts: Counter[str] = Counter()
        for span in doc.spans.get("fg_mentions", []):
            actor = (doc._.fg_actors or {}).get(span.kb_id_)
            if actor is not None and actor.country:
                counts[actor.country] += 1
        return [c for c, _ in counts.most_common()]

    def _countries_of_places(self, doc: Doc) -> list[str]:
        """A report that names no actor of a known country ("Nurses in Kisii protest ...", ACLED's notes) is about
        the country its place names can be in: each name shares one vote among its countries, and the first country
        needs a whole vote and more than any other ("Mombasa" alone is Kenyan; "Kisii" alone may be Chinese)."""
        votes: dict[str, float] = {}
        # a demonym before its noun is no place name: "Arab tribes" is no vote for Arab, Alabama
        for text in sorted({e.text for e in doc.ents if not e.ent_id_ and e.label_ in _PLACE_LABELS and not (
                e.label_ == "NORP" and e.end < len(doc) and doc[e.end].pos_ == "NOUN")}):
            found = self.geocoder.candidate_countries(text)
            for cc in found:  # a name shared by n countries gives each 1/n
                votes[cc] = votes.get(cc, 0.0) + 1 / len(found)
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
        if ranked and ranked[0][1] >= 1 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return [ranked[0][0]]
        return []

    def _home(self, doc: Doc, countries: list[str], mentions) -> list[str]:
        """The countries the report is about: the one its place names point to (else the first of `countries`,
        its actors' most frequent), and every country it names as a place ("fled to Turkey", "in Iraq") or sets
        before a place ("the Kenyan county of Lamu"). Actors alone are weak evidence: a "US-led coalition" named
        more often than the Syrian army does not make a report on Aleppo one about the United States."""
        home = self._countries_of_places(doc) or countries[:1]
        actors = doc._.fg_actors or {}
        for span in mentions:
            actor = actors.get(span.kb_id_)
            if actor is None or actor.type != "state" or span.start == 0 or \
                    doc[span.start - 1].lower_ not in _HOME_PREPS:
                continue
            place = self.geocoder.geocode(span.text, countries=countries)
            if place is not None and place.feature == "country" and place.country not in home:
                home.append(place.country)
        for ent in doc.ents:  # "the Kenyan coastal county of Lamu", "the Syrian town of Qusayr"
            if ent.label_ == "NORP" and any(t.lower_ in _PLACE_NOUNS | _REGION_NOUNS for t in doc[ent.end:ent.end + 3]):
                cc = self.geocoder.country_of(ent.text)
                if cc and cc not in home:
                    home.append(cc)
        return home

    def _after_prepositions(self, doc: Doc, countries, home, take, place_tokens: set[int], drop: set, mentions) -> None:
        """Names the NER missed where places stand: "near Tessalit", "in Gao", "entered Kidal"."""
        taken = set(place_tokens) | {i for s in mentions for i in range(s.start, s.end)} | {
            i for e in doc.ents if e[0].lower_ not in _LOCATIVE_PREPS for i in range(e.start, e.end)}
        for tok in doc:
            if tok.lower_ not in _LOCATIVE_PREPS and not (tok.pos_ == "VERB" and tok.lemma_ in _TAKING_VERBS) \
                    or tok.i + 1 >= len(doc) or doc[tok.i + 1].pos_ != "PROPN" \
                    or tok.i + 1 in taken:
                continue
            j = tok.i + 1
            while j < len(doc) and (doc[j].pos_ == "PROPN" or doc[j].text == "-" and not doc[j].whitespace_):
                j += 1
            span = doc[tok.i + 1:j]
            if any(i in taken for i in range(span.start, span.end)):
                continue
            place = self.geocoder.geocode(span.text, countries=countries, home=home)
            if place is not None and place.feature in ("city", "admin1", "admin2", "region") and (
                    not countries or place.country in countries):
                take(span, place)
                place_tokens.update(range(span.start, span.end))

    def _coordinated(self, doc: Doc, span: Span, countries, home, take, place_tokens: set[int], drop: set) -> None:
        if span.label_ not in ("city", "admin1", "admin2", "region"):
            return
        i = span.end
        while i + 1 < len(doc) and doc[i].text in (",", "and", "or") and doc[i + 1].pos_ == "PROPN":
            j = i + 1
            while j < len(doc) and doc[j].pos_ == "PROPN" or j < len(doc) and doc[j].text == "-":
                j += 1
            nxt = doc[i + 1:j]
            if nxt.start in place_tokens:
                i = j
                continue
            place = self.geocoder.geocode(nxt.text, countries=countries, home=home)
            if place is None or place.feature not in ("city", "admin1", "admin2", "region"):
                return
            take(nxt, place)
            place_tokens.update(range(nxt.start, nxt.end))
            drop.add((nxt.start_char, nxt.end_char))
            i = j

    def __call__(self, doc: Doc) -> Doc:
        countries = self._countries(doc) or self._countries_of_places(doc)  # both cached by the geocoder
        actors = doc._.fg_actors or {}
        mentions = list(doc.spans.get("fg_mentions", []))
        home = self._home(doc, countries, mentions)
        found: dict[tuple[int, int], object] = {}
        spans: list[Span] = []
        drop: set[tuple[int, int]] = set()

        def take(span: Span, place) -> None:
            found[(span.start_char, span.end_char)] = place
            spans.append(Span(doc, span.start, span.end, label=place.feature))

        place_tokens: set[int] = set()
        text = doc_text(doc)
        if (doc._.fg_offset or 0) == 0 and (m := DATELINE.match(text)):
            span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            place = self.geocoder.geocode(m.group(1).title(), countries=countries, home=home)
            if span is not None and place is not None:
                take(span, place)
                drop.update((s.start_char, s.end_char) for s in mentions if s.start < span.end and s.end > span.start)
        by_span = {(s.start_char, s.end_char): s for s in mentions if (s.start_char, s.end_char) not in drop}
        for ent in doc.ents:  # NER names the mention stage dropped (single words) are still place candidates
            if not ent.ent_id_ and ent.label_ in ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"):
                by_span.setdefault((ent.start_char, ent.end_char), ent)
        # "Booker was assigned to ...": a person named before by full name, not the town of Booker
        surnames = {s[-1].text for s in mentions if s.label_ == "person" and len(s) > 1}
        for key in sorted(by_span):
            span = by_span[key]
            actor = actors.get(span.kb_id_) if span.kb_id_ else None
            if actor is not None and actor.type == "state":  # a state named as a place too ("in Syria")
                place = self.geocoder.geocode(span.text, countries=countries, home=home)
                if place is not None and place.feature == "country":
                    take(span, place)
                continue
            if actor is not None and span.id_ in ("registry", "pattern", "generic"):
                continue
            where = 1 if span.label_ in ("GPE", "LOC", "FAC") else _locative(span, place_tokens)
            place = self.geocoder.geocode(span.text, countries=countries, home=home,
                                          abroad_min_population=ABROAD_MIN)
            if not where and place is not None and place.country in countries[:3] and place.feature in (
                    "city", "admin1", "admin2", "region") and normalize(place.name) == normalize(span.text) \
                    and span.text not in surnames:
                where = 1  # a town of the country the report is about, whatever the NER called it ("El Fasher")
            if not where:
                continue
            if place is not None:
                take(span, place)
                place_tokens.update(range(span.start, span.end))
            if place is not None or where == 2:
                drop.add(key)
        self._after_prepositions(doc, countries, home, take, place_tokens, drop, mentions)
        for span in list(spans):  # names the NER missed in a list of places: "Afgoye and Marka"
            self._coordinated(doc, span, countries, home, take, place_tokens, drop)
        capital = next((c for c, iso in capitals().items() if iso == countries[0]), None) if countries else None
        for m in _THE_CAPITAL.finditer(text) if capital else ():  # "reached the capital": the report's country's
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            place = self.geocoder.geocode(capital, countries=countries[:1])
            if span is not None and place is not None and (span.start_char, span.end_char) not in found:
                take(span, place.model_copy(update={"text": span.text}))
        for m in _BORDER.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and (span.start_char, span.end_char) not in found:
                place = self.geocoder.geocode(m.group(0), countries=countries)
                if place is not None:
                    take(span, place)
        place_borders(found)
        doc._.fg_withdrawn = drop  # the mentions are the linker's: context.py reads them less these
        doc.spans["fg_places"] = sorted(spans, key=lambda s: s.start)
        doc._.fg_places = found
        doc._.fg_countries = countries + sorted({p.country for p in found.values() if p.country} - set(countries))
        return doc


@Language.factory("fg_place", assigns=["doc.spans", "doc._.fg_places", "doc._.fg_countries", "doc._.fg_withdrawn"],
                  requires=["doc.spans", "doc._.fg_actors"])
def make_place(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder(nlp, name)
