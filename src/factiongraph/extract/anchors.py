"""Shared lookups for relation and event extractors: which date or place expression belongs to a trigger word,
and exact evidence spans. Pure functions over a Doc the earlier stages have annotated."""
from __future__ import annotations

from datetime import timedelta

from spacy.tokens import Doc, Span, Token

from ..models import Evidence, Place, TimeSpan


def _distance(span: Span, token: Token) -> int:
    return 0 if span.start <= token.i < span.end else min(abs(span.start - token.i), abs(span.end - 1 - token.i))


def _nearest(doc: Doc, group: str, token: Token, window: Span | None = None) -> Span | None:
    window = window if window is not None else token.sent
    inside = [s for s in doc.spans.get(group, []) if s.start >= window.start and s.end <= window.end]
    return min(inside, key=lambda s: _distance(s, token)) if inside else None


def date_near(doc: Doc, token: Token, window: Span | None = None) -> TimeSpan | None:
    """The resolved date expression nearest the trigger inside its sentence (or the given window)."""
    span = _nearest(doc, "fg_dates", token, window)
    return None if span is None else (doc._.fg_timespans or {}).get((span.start_char, span.end_char))


def place_near(doc: Doc, token: Token, window: Span | None = None) -> tuple[Place | None, Span | None]:
    span = _nearest(doc, "fg_places", token, window)
    if span is None:
        return None, None
    return (doc._.fg_places or {}).get((span.start_char, span.end_char)), span


def places_in(doc: Doc, window: Span) -> list[tuple[Place, Span]]:
    out = []
    for s in doc.spans.get("fg_places", []):
        if s.start >= window.start and s.end <= window.end:
            p = (doc._.fg_places or {}).get((s.start_char, s.end_char))
            if p is not None:
                out.append((p, s))
    return out


def recent_window(doc: Doc, text: str, back_days: int = 31) -> TimeSpan | None:
    """An honest 'shortly before publication' span for a reported, undated happening; None when the
    publication date is unknown."""
    ref = doc._.fg_reference
    if ref is None or getattr(ref, "earliest", None) is None:
        return None
    earliest = ref.earliest - timedelta(days=back_days)
    return TimeSpan(earliest=earliest.isoformat(), latest=ref.latest.isoformat(), precision="approximate", text=text)


def evidence(doc: Doc, span: Span) -> Evidence:
    """An exact span of the document's text (chunks of long documents carry their offset)."""
    off = doc._.fg_offset or 0
    document = doc._.fg_document
    return Evidence(doc=document.id if document is not None else "doc", char_start=span.start_char + off,
                    char_end=span.end_char + off, text=span.text)
