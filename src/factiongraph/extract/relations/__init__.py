"""Relations between actors (FACTS.md predicates) from the dependency parse, coordination and a few token
sequences, over a Doc whose mentions, anaphors, dates and places earlier stages have set.

Layers, each importing only those before it:

    lexicon   trigger words -> predicates (lexicon.py; assertion words are in ../syntax.py)
    syntax    clause heads, assertion, passives, objects (../syntax.py, shared with events)
    context   the document's actors, places, dates and country (../context.py, shared with events)
    ends      which actors a token, phrase or clause names; Found, what every rule yields
    rules     the registry (rules.py) and the rule modules: verbs, roles (and titles), nouns (ties, composition,
              conflict), prepositions, sequences (renames, hyphens), control
    record    Found -> models.Relation (record.py)

Every rule starts at a trigger word (a verb such as "defected", a role noun such as "leader", a composition noun
such as "coalition", a hyphenated modifier such as "-backed") and finds the two ends through the parse.
Negated, denied, hypothetical and future statements assert nothing and yield nothing.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from ...models import Relation
from .. import context
from ..context import Context
from ..syntax import asserted
from . import control, fighting, nouns, prepositions, roles, sequences, verbs  # noqa: F401 - they register their rules
from .ends import Found
from .record import introduced_actors, record
from .rules import find

__all__ = ["Found", "extract", "find", "introduced_actors"]


def extract(doc: Doc, ctx: Context | None = None) -> Iterator[Relation]:
    """The relations a document states, one record per finding (fg_facts merges duplicates)."""
    ctx = ctx or context.of(doc)
    seen: set[tuple] = set()
    found = list(find(ctx))
    # a person whose group the text states is not presumed to hold an office of the report's country
    stated = {f.subject[0] for f in found if f.predicate in ("leader_of", "member_of") and not f.presumed}
    for f in found:
        if f.presumed and f.subject[0] in stated:
            continue
        strict = f.predicate != "rival_of"
        if not f.title and not asserted(f.trigger, strict):
            continue
        rel = record(ctx, f)
        if rel is None:
            continue
        key = (rel.subject, rel.predicate, rel.object, rel.evidence[0].char_start, rel.evidence[0].char_end)
        if key in seen:
            continue
        seen.add(key)
        yield rel
