"""fg_place: place names geocoded against the offline gazetteer (doc.spans["fg_places"], doc._.fg_places).

The NER often calls towns ORG or PERSON ("Saraqib", "Maarat al-Numan"); a name that is not a known actor, stands
where places stand (after "in", "near", "such as" towns) and is in the gazetteer is taken as a place, and its
mention is withdrawn from the actors. Ambiguous names go to the country the document is about.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..geo.geocoder import Geocoder

_LOCATIVE = {"in", "near", "at", "outside", "around", "from", "into", "of", "across", "towards", "toward",
             "to", "on", "inside", "through", "within", "between", "and", "as", "besieged", "retook", "captured",
             "seized", "took", "entered", "controls"}
_BORDER = re.compile(r"\b(?:the\s+)?(?:(?:[A-Z][\w'’-]+(?:-[A-Z][\w'’-]+)?\s+)?border(?:\s+(?:with|between)\s+"
                     r"[A-Z][\w'’-]+(?:\s+and\s+[A-Z][\w'’-]+)?)?|[A-Z][\w'’-]+ border)\b")


_PLACE_NOUNS = {"town", "city", "village", "towns", "villages", "cities", "province", "district", "region",
                "governorate", "port", "capital", "camp", "base", "airport", "neighbourhood", "neighborhood"}


def _locative(span: Span) -> int:
    """2: certainly a place ("the town of X", "villages such as X"); 1: where places stand ("in X"); 0: no."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and (doc[i].lower_ in _PLACE_NOUNS | {"the", "of", "such", "as", "and", "like"}
                      or doc[i].is_punct and doc[i].text == ","):
        if doc[i].lower_ in _PLACE_NOUNS:
            return 2
        i -= 1
    return int(i >= 0 and doc[i].lower_ in _LOCATIVE)


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

    def __call__(self, doc: Doc) -> Doc:
        countries = self._countries(doc)
        actors = doc._.fg_actors or {}
        mentions = list(doc.spans.get("fg_mentions", []))
        found: dict[tuple[int, int], object] = {}
        spans: list[Span] = []
        drop: set[tuple[int, int]] = set()

        def take(span: Span, place) -> None:
            found[(span.start_char, span.end_char)] = place
            spans.append(Span(doc, span.start, span.end, label=place.feature))

        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and not ent.ent_id_:
                place = self.geocoder.geocode(ent.text, countries=countries)
                if place is not None:
                    take(ent, place)
        for span in mentions:
            actor = actors.get(span.kb_id_)
            registry_state = actor is not None and actor.type == "state"
            if registry_state:
                place = self.geocoder.geocode(span.text, countries=countries)
                if place is not None and place.feature == "country":
                    take(span, place)
                continue
            if span.id_ not in ("ner",) or (span.start_char, span.end_char) in found:
                continue
            where = _locative(span)
            if where:
                place = self.geocoder.geocode(span.text, countries=countries)
                if place is not None:
                    take(span, place)
                if place is not None or where == 2:
                    drop.add((span.start_char, span.end_char))
        for m in _BORDER.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and (span.start_char, span.end_char) not in found:
                place = self.geocoder.geocode(m.group(0), countries=countries)
                if place is not None:
                    take(span, place)
        if drop:
            kept = [s for s in mentions if (s.start_char, s.end_char) not in drop]
            doc.spans["fg_mentions"] = kept
            used = {s.kb_id_ for s in kept} | {s.kb_id_ for s in doc.spans.get("fg_coref", [])}
            doc._.fg_actors = {k: v for k, v in actors.items() if k in used}
        doc.spans["fg_places"] = sorted(spans, key=lambda s: s.start)
        doc._.fg_places = found
        doc._.fg_countries = countries + sorted({p.country for p in found.values() if p.country} - set(countries))
        return doc


@Language.factory("fg_place", assigns=["doc.spans", "doc._.fg_places", "doc._.fg_countries"],
                  requires=["doc.spans", "doc._.fg_actors"])
def make_place(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder(nlp, name)
