"""What relation and event records carry from their Doc: exact evidence spans and the honest "shortly before
publication" window of an undated happening (the date nearest a trigger is the Context's, context.py)."""
from __future__ import annotations

from datetime import timedelta

from spacy.tokens import Doc, Span

from ..models import Evidence, TimeSpan


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
