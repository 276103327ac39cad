"""fg_relations: the relations a document states (extract/relations.py) into doc._.fg_relations."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract import relations


class RelationExtractor:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.fg_relations = list(relations.extract(doc))
        return doc


@Language.factory("fg_relations", assigns=["doc._.fg_relations"],
                  requires=["doc.spans", "doc._.fg_actors", "doc._.fg_timespans", "doc._.fg_places"])
def make_relations(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(nlp, name)
