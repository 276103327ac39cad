"""Events (FACTS.md types) from trigger words and the dependency parse, over a Doc whose mentions, anaphors,
dates and places earlier stages have set.

Layers, each importing only those before it:

    lexicon     trigger and word tables (lexicon.py; the words that make a happening unreal are ../syntax.py's)
    syntax      clause heads, assertion, passives, subjects, coordination (../syntax.py, shared with relations)
    context     the document's actors, places, dates (../context.py, shared with relations)
    rules       triggers.py (is this token an incident, of which type), arguments.py (who took part, in which
                role), where.py and when.py (its place and date), fatalities.py (its toll), candidates.py (one
                candidate per asserted trigger and place), background.py (the report's news, not a "since"
                phrase or a tally), merging.py (one incident told several times)
    record      merged candidates -> models.Event (record.py)

Negated, denied, hypothetical, threatened or future happenings yield nothing.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from ...models import Event
from .. import context
from ..context import Context
from .background import own
from .candidates import Cand, candidates
from .merging import merge
from .record import records
from .triggers import trigger

__all__ = ["Cand", "candidates", "extract", "merge", "trigger"]


def extract(doc: Doc, ctx: Context | None = None) -> Iterator[Event]:
    ctx = ctx or context.of(doc)
    yield from records(ctx, merge(ctx, [c for c in candidates(ctx) if own(c)]))
