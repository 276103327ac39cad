"""fg_relations: the relations a document states (extract/relations.py) into doc._.fg_relations."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract import relations
from ..models import Actor


class RelationExtractor:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = list(relations.extract(doc))
        actors = doc._.fg_actors if doc._.fg_actors is not None else {}
        for r in found:  # a government the text names only through an office ("President X")
            for aid in (r.subject, r.object if r.predicate != "controls" else ""):
                state = actors.get(aid.removeprefix("government-of-"))
                if aid.startswith("government-of-") and aid not in actors and state is not None:
                    actors[aid] = Actor(id=aid, name=f"Government of {state.name}", type="state",
                                        country=state.country)
        doc._.fg_actors = actors
        doc._.fg_relations = found
        return doc


@Language.factory("fg_relations", assigns=["doc._.fg_relations", "doc._.fg_actors"],
                  requires=["doc.spans", "doc._.fg_actors", "doc._.fg_timespans", "doc._.fg_places"])
def make_relations(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(nlp, name)
