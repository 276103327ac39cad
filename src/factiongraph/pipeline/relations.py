"""fg_relations: the relations a document states (extract/relations/) into doc._.fg_relations, and the actors
they introduce (a government the text names only through an office, "President X") into
doc._.fg_relation_actors; the linker's actors are left as they are."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract import context, relations


class RelationExtractor:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ctx = context.of(doc)
        found = list(relations.extract(doc, ctx))
        doc._.fg_relations = found
        doc._.fg_relation_actors = relations.introduced_actors(ctx, found)
        return doc


@Language.factory("fg_relations", assigns=["doc._.fg_relations", "doc._.fg_relation_actors"],
                  requires=["doc._.fg_context", "doc._.fg_timespans",
                            "doc._.fg_places", "doc._.fg_reference"])
def make_relations(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(nlp, name)
