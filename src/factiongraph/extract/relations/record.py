"""Findings to records: a Found that passes the type checks becomes a models.Relation with its dates, confidence
and an exact evidence span."""
from __future__ import annotations

from datetime import timedelta

from spacy.tokens import Doc, Span

from ...models import Actor, Relation, TimeSpan
from .. import anchors
from ..context import Context
from ..syntax import completed
from .ends import Found
from .lexicon import CHANGE, CONQUEST, GOVERNMENT_WORDS, STATE_OFFICE_MODIFIERS, STATE_OFFICES


def evidence_span(doc: Doc, f: Found) -> Span:
    sent = f.trigger.sent
    pieces = [f.trigger.i, f.subject[1].start, f.subject[1].end - 1]
    if f.object[1] is not None:
        pieces += [f.object[1].start, f.object[1].end - 1]
    pieces = [p for p in pieces if sent.start <= p < sent.end] or [f.trigger.i]
    start, end = min(pieces), max(pieces) + 1
    if doc[start:end].text.count("(") > doc[start:end].text.count(")"):
        close = next((t.i for t in doc[end:sent.end] if t.text == ")"), None)
        end = close + 1 if close is not None else end
    return doc[start:end]


def former_end(doc: Doc) -> TimeSpan | None:
    ref = doc._.fg_reference
    if ref is None or getattr(ref, "earliest", None) is None:
        return None
    return TimeSpan(earliest=(ref.earliest - timedelta(days=365)).isoformat(), latest=ref.latest.isoformat(),
                    precision="approximate", text="formerly")


def names_government(ctx: Context, f: Found) -> bool:
    """Whether a leadership of a state is one the text states: the object is the state's government (an office's
    government actor, or a name or phrase saying government, regime...), or the role is an office of state
    ("President", "Prime Minister", "Supreme Leader", "emir"). "Iraqi militia leader X" leads a militia, not Iraq."""
    o_id, o_span = f.object
    record = ctx.actors.get(o_id)
    words = {w.lower() for w in ((o_span.text if o_span is not None else "") + " " +
                                 (record.name if record is not None else "")).replace("-", " ").split()}
    if o_id.startswith("government-of-") or words & GOVERNMENT_WORDS:
        return True
    trigger = f.trigger
    near = [trigger] + [c for c in trigger.children if c.dep_ in ("compound", "amod")]
    lemmas = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
    return bool(lemmas & STATE_OFFICES) or bool(lemmas & STATE_OFFICE_MODIFIERS) and trigger.lemma_.lower() in (
        "leader", "minister", "head", "chief")


def record(ctx: Context, f: Found) -> Relation | None:
    doc = ctx.doc
    s_id, s_span = f.subject
    o_id, o_span = f.object
    if f.predicate == "controls":
        place = ctx.places.get((o_span.start_char, o_span.end_char))
        if place is None:
            return None
        obj, attrs = o_span.text, {**f.attributes, "place": place.to_dict()}
    else:
        if s_id == o_id:
            return None
        obj, attrs = o_id, dict(f.attributes)
        if ctx.type_of(o_id, o_span) == "person":
            return None
    s_type = ctx.type_of(s_id, s_span)
    if f.predicate in ("rival_of", "allied_with") and f.confidence <= 0.65 and s_type == "person":
        return None  # a loose pattern's person is mostly a speaker, not a belligerent
    if f.predicate == "leader_of" and s_type != "person":
        return None
    if f.predicate in ("left", "split_from", "merged_into", "renamed_to", "affiliated_with") and \
            s_type == "person" and f.predicate not in ("left", "affiliated_with"):
        return None
    if f.predicate == "affiliated_with" and ctx.type_of(o_id, o_span) == "state":
        return None  # "Syria's al-Qaeda affiliate", "the PKK's Syrian wing": a state is where, not whose
    if f.predicate == "renamed_to" and ctx.type_of(o_id, o_span) == "person":
        return None
    if f.predicate in CHANGE and f.predicate != "renamed_to" and ctx.type_of(o_id, o_span) == "state":
        return None  # "Ghani left the country", "troops withdrew from Mali": travel, not an organisational change
    if f.predicate == "leader_of" and ctx.type_of(o_id, o_span) == "state" and (
            f.attributes.get("role") == "founder" or not names_government(ctx, f)):
        return None  # a founder makes a group, not a state; a state is led only where the text says so
    if f.predicate == "controls" and f.trigger.lemma_ in CONQUEST and attrs["place"].get("feature") == "country":
        return None  # a town is seized or entered, a country is not
    confidence = f.confidence
    if (s_span.start, s_span.end) in ctx.coref or o_id and (o_span.start, o_span.end) in ctx.coref:
        confidence -= 0.1
    start = end = None
    if f.predicate in CHANGE:
        if f.timed:
            start = ctx.date_near(f.trigger)
            if start is None and completed(f.trigger):
                start = anchors.recent_window(doc, f.trigger.text)
    else:
        if f.founding_tok is not None:
            start = ctx.date_near(f.founding_tok)
        if f.former:
            end = former_end(doc)
            attrs.setdefault("former", True)
    return Relation(subject=s_id, predicate=f.predicate, object=obj, start=start, end=end, attributes=attrs,
                    confidence=round(max(0.05, min(1.0, confidence)), 2),
                    evidence=[anchors.evidence(doc, evidence_span(doc, f))])


def introduced_actors(ctx: Context, relations: list[Relation]) -> dict[str, Actor]:
    """The governments the relations cite that the document names only through an office ("President X"): an
    actor of their own, built from the state the document does name."""
    out: dict[str, Actor] = {}
    for r in relations:
        for aid in (r.subject, r.object if r.predicate != "controls" else ""):
            state = ctx.actors.get(aid.removeprefix("government-of-"))
            if aid.startswith("government-of-") and aid not in ctx.actors and aid not in out and state is not None:
                out[aid] = Actor(id=aid, name=f"Government of {state.name}", type="state", country=state.country)
    return out
