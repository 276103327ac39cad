"""What one document gives every rule: its actors and their mentions, anaphors, places, dates and the country
it is about, gathered once per Doc from what the earlier stages set and shared by relations and events.

A Context is read-only for the rules. The pipeline builds it once (fg_context, see pipeline/context.py) and
stores it on the Doc; `of(doc)` returns that one, or builds one for a Doc annotated by hand (the tests).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

from ..extensions import doc_text
from ..models import Actor, Place, TimeSpan


def leading(counts: dict[str, int], floor: int = 1) -> str | None:
    """The key that clearly leads a count (at least `floor`, and twice the next), or None."""
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    clear = ranked and ranked[0][1] >= floor and (len(ranked) == 1 or ranked[1][1] * 2 <= ranked[0][1])
    return ranked[0][0] if clear else None


def actor_at(mentions: list[Span], corefs: list[Span]) -> dict[int, tuple[str, Span]]:
    """token index -> (actor id, span) for every linked mention and resolved anaphor."""
    out: dict[int, tuple[str, Span]] = {}
    for group in (corefs, mentions):  # named mentions override anaphors
        for span in group:
            kb = span.kb_id_
            if kb:
                hit = (kb, span)
                for i in range(span.start, span.end):
                    out[i] = hit
    return out


def outermost(places: list[tuple[Span, Place]]) -> list[tuple[Span, Place]]:
    """"Mazar" inside "Mazar-i-Sharif": the whole name is the place (one sweep over the spans by start)."""
    keep, reach = [], -1
    for s, p in sorted(places, key=lambda sp: (sp[0].start, -sp[0].end)):
        if s.end > reach:
            keep.append((s, p))
        reach = max(reach, s.end)
    return sorted(keep, key=lambda sp: sp[0].start)


def governed_place(span: Span) -> bool:
    """A name that is also an actor ("France", "Sudan") is a place only where a preposition governs it."""
    t = span.root
    while t.dep_ in ("conj", "appos") and t.head.i != t.i:
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ not in ("of", "by", "with", "against", "between", "from", "to")


def _actor_mentions(doc: Doc, corefs: list[Span]) -> tuple[list[Span], dict[str, Actor]]:
    """The linker's mentions less those the place stage read as places, and the actors still named."""
    mentions = list(doc.spans.get("fg_mentions", []))
    actors = doc._.fg_actors or {}
    withdrawn = doc._.fg_withdrawn
    if not withdrawn:
        return mentions, actors
    kept = [s for s in mentions if (s.start_char, s.end_char) not in withdrawn]
    used = {s.kb_id_ for s in kept} | {s.kb_id_ for s in corefs}
    return kept, {k: v for k, v in actors.items() if k in used}


class Context:
    """Per-document lookups shared by every relation and event rule."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.reference = doc._.fg_reference
        self.corefs: list[Span] = list(doc.spans.get("fg_coref", []))
        self.mentions, self.actors = _actor_mentions(doc, self.corefs)
        # actors the linker marked as unnamed collectives (an extra attribute: slow to ask of each actor)
        self.collectives = {aid for aid, a in self.actors.items() if getattr(a, "generic", False)}
        self.actor_at = actor_at(self.mentions, self.corefs)
        self.coref = {(s.start, s.end) for s in self.corefs}
        self.persons = {i for s in self.mentions if s.label_ == "person" for i in range(s.start, s.end)}
        # every place name (relations), token -> its span
        self.place_spans: list[Span] = list(doc.spans.get("fg_places", []))
        self.place_at = {i: s for s in self.place_spans for i in range(s.start, s.end)}
        self.places: dict[tuple[int, int], Place] = doc._.fg_places or {}
        self.sites = self._sites()
        self.site_at = {i: n for n, (s, _) in enumerate(self.sites) for i in range(s.start, s.end)}
        self._site_starts = [s.start for s, _ in self.sites]
        # tokens with a line break in them or after them: where a headline run into the lead ends
        self._in_text: set[int] = set()
        self._after: set[int] = set()
        for t in doc:
            if "\n" in t.text:
                self._in_text.add(t.i)
            if "\n" in t.whitespace_:
                self._after.add(t.i)
        self._breaks = sorted(self._in_text | self._after)
        self.timespans: dict[tuple[int, int], TimeSpan] = doc._.fg_timespans or {}
        self.date_spans: list[Span] = list(doc.spans.get("fg_dates", []))
        self.dates: list[tuple[Span, TimeSpan]] = [
            (s, t) for s in self.date_spans for t in [self.timespans.get((s.start_char, s.end_char))] if t is not None]
        starts = [s.start for s in self.date_spans]
        self._date_starts = starts if starts == sorted(starts) else None  # hand-made Docs may list them unsorted
        self._main: str | None | bool = False
        self._starts: list[tuple[int, str, Span]] | None = None

    def _sites(self) -> list[tuple[Span, Place]]:
        """The places where an incident can happen: geocoded, no person's name, an actor's name only where a
        preposition governs it, the outermost of nested names."""
        seen: set[tuple[int, int]] = set()
        out = []
        for s in self.place_spans:
            p = self.places.get((s.start_char, s.end_char))
            if p is None or s.start in self.persons or (s.start, s.end) in seen:
                continue
            seen.add((s.start, s.end))
            if s.root.i not in self.actor_at or governed_place(s):
                out.append((s, p))
        return outermost(out)

    def window(self, tok: Token) -> Span:
        """The trigger's sentence, cut at line breaks: a headline the parser ran into the lead is a sentence
        apart."""
        sent = tok.sent
        lo, hi = sent.start, sent.end
        k = bisect_left(self._breaks, tok.i) - 1  # the last break before the trigger
        if k >= 0 and self._breaks[k] >= sent.start:
            lo = self._breaks[k] + 1
        if tok.i in self._after:
            end = tok.i
        else:  # the first break after the trigger
            k = bisect_right(self._breaks, tok.i)
            end = self._breaks[k] if k < len(self._breaks) and self._breaks[k] < sent.end else None
        if end is not None:
            hi = end if end in self._in_text else end + 1
        return self.doc[lo:hi]

    def named_starts(self) -> list[tuple[int, str, Span]]:
        """(first token, actor id, span) of every mention and anaphor, in text order."""
        if self._starts is None:
            self._starts = sorted((i, aid, span) for i, (aid, span) in self.actor_at.items() if span.start == i)
        return self._starts

    def date_near(self, token: Token) -> TimeSpan | None:
        """The resolved date of the date expression nearest the token inside its sentence (the first of equals)."""
        sent = token.sent
        if self._date_starts is None:
            inside = [s for s in self.date_spans if s.start >= sent.start and s.end <= sent.end]
        else:
            lo, hi = bisect_left(self._date_starts, sent.start), bisect_left(self._date_starts, sent.end)
            inside = [s for s in self.date_spans[lo:hi] if s.end <= sent.end]
        if not inside:
            return None
        span = min(inside, key=lambda s: 0 if s.start <= token.i < s.end else
                   min(abs(s.start - token.i), abs(s.end - 1 - token.i)))
        return self.timespans.get((span.start_char, span.end_char))

    def sites_in(self, window: Span) -> list[tuple[Span, Place]]:
        """The sites that lie inside a window of the text, in text order."""
        lo = bisect_left(self._site_starts, window.start)
        hi = bisect_left(self._site_starts, window.end)
        return [(s, p) for s, p in self.sites[lo:hi] if s.end <= window.end]

    # -- actors -------------------------------------------------------------------------------------------------
    def type_of(self, aid: str, span: Span | None = None) -> str:
        """The actor's type; for an id the document does not know, the span's label (else "other")."""
        a = self.actors.get(aid)
        return a.type if a is not None else span.label_ if span is not None else "other"

    def generic(self, aid: str) -> bool:
        """An unnamed collective or a population: never enough on its own to name who did something."""
        a = self.actors.get(aid)
        return aid.startswith("generic-") or a is not None and (a.type == "population" or aid in self.collectives)

    def main_country(self) -> str | None:
        """The country a report is plainly about: the one most of its named actors belong to, when it clearly
        leads (the linker reads "the army" the same way)."""
        if self._main is False:
            counts: dict[str, int] = {}
            for span in self.mentions:
                a = self.actors.get(span.kb_id_)
                if a is not None and a.country:
                    counts[a.country] = counts.get(a.country, 0) + 1
            self._main = leading(counts, floor=2)
        return self._main

    def office(self, country: str, kind: str, state: str | None = None) -> str | None:
        """The government of a country's state (an actor of its own, made by the relations stage when the text
        names it only through an office) or the country's forces the document names (the most mentioned)."""
        if kind == "government":
            if state is None:
                states = [a.id for a in self.actors.values() if a.type == "state" and a.country == country]
                state = next((s for s in states if not s.startswith("government-of-")), None) or \
                    next(iter(states), None)
            return None if state is None else state if state.startswith("government-of-") else \
                "government-of-" + state
        counts: dict[str, int] = {}
        for span in self.mentions:
            f = self.actors.get(span.kb_id_)
            if f is not None and f.type == "state_force" and f.country == country:
                counts[f.id] = counts.get(f.id, 0) + 1
        return max(counts, key=counts.get) if counts else None


def of(doc: Doc) -> Context:
    """The Doc's context: the one the pipeline stored (fg_context), else one built now from what the Doc holds
    (a Doc annotated by hand)."""
    ctx = doc._.fg_context
    return ctx if ctx is not None and ctx.doc is doc else Context(doc)
