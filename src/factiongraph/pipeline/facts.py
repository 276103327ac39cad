"""fg_facts: the document's output records, in the exchange format.

One relation per (subject, predicate, object) in a document, its evidence spans merged; events numbered in
text order; only the actors some relation or event refers to (a mention alone is not a fact), taken from the
linker's actors and those the relations stage introduced. Records are copied, never edited in place.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Actor, Event, Relation


def merge_relations(relations: list[Relation]) -> list[Relation]:
    merged: dict[tuple[str, str, str], Relation] = {}
    for r in relations:
        key = r.key()
        have = merged.get(key)
        if have is None:
            merged[key] = r.model_copy(deep=True)
            continue
        have.confidence = max(have.confidence, r.confidence)
        for e in r.evidence:
            if e not in have.evidence:
                have.evidence.append(e)
        have.start = have.start or r.start
        have.end = have.end or r.end
        for k, v in r.attributes.items():
            have.attributes.setdefault(k, v)
    return list(merged.values())


class FactAssembler:
    def __init__(self, nlp: Language, name: str, min_confidence: float):
        self.name, self.min_confidence = name, min_confidence

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.fg_document
        prefix = document.id if document is not None else "doc"
        relations = [r for r in merge_relations(doc._.fg_relations or []) if r.confidence >= self.min_confidence]
        told: list[Event] = sorted((e for e in doc._.fg_events or [] if e.confidence >= self.min_confidence),
                                   key=lambda e: e.evidence[0].char_start if e.evidence else 0)
        events = [e.model_copy(update={"id": f"{prefix}-e{n}"}) for n, e in enumerate(told, 1)]
        # the linker's actors, then those the relations introduced: only the ones some record cites
        actors: dict[str, Actor] = {**(doc._.fg_actors or {}), **(doc._.fg_relation_actors or {})}
        used = {r.subject for r in relations} | {r.object for r in relations if r.predicate != "controls"}
        used |= {p.actor for e in events for p in e.participants}
        doc._.fg_facts = [actors[a].model_copy(deep=True) for a in actors if a in used] + relations + events
        return doc


@Language.factory("fg_facts", default_config={"min_confidence": 0.0}, assigns=["doc._.fg_facts"],
                  requires=["doc._.fg_relations", "doc._.fg_events", "doc._.fg_actors", "doc._.fg_relation_actors"])
def make_facts(nlp: Language, name: str, min_confidence: float) -> FactAssembler:
    return FactAssembler(nlp, name, min_confidence)
