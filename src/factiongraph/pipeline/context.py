"""fg_context: what relations and events read, gathered once per Doc (extract/context.py) into doc._.fg_context.

It decides nothing: it joins what the earlier stages decided (the linker's mentions and actors less the names the
place stage read as places, the anaphors, places, dates, the report's country) so that both rule sets see the
same document.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.context import Context


class ContextBuilder:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.fg_context = Context(doc)
        return doc


@Language.factory("fg_context", assigns=["doc._.fg_context"],
                  requires=["doc.spans", "doc._.fg_actors", "doc._.fg_timespans", "doc._.fg_reference",
                            "doc._.fg_places", "doc._.fg_withdrawn"])
def make_context(nlp: Language, name: str) -> ContextBuilder:
    return ContextBuilder(nlp, name)
