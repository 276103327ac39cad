"""fg_events: the incidents a document reports (extract/events/) into doc._.fg_events."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract import context, events


class EventExtractor:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.fg_events = list(events.extract(doc, context.of(doc)))
        return doc


@Language.factory("fg_events", assigns=["doc._.fg_events"], requires=["doc._.fg_context", "doc._.fg_timespans",
                            "doc._.fg_places", "doc._.fg_reference"])
def make_events(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(nlp, name)
