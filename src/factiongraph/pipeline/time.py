"""fg_time: date expressions resolved against the publication date (doc.spans["fg_dates"], doc._.fg_timespans).

Runs before relations and events so that they can take the date nearest their trigger. When the document
carries no publication date, one is inferred from its own text (a dateline) into doc._.fg_published; the
Extractor marks it as inferred on the document it yields.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import doc_text
from ..extract import dates
from ..extract.published import infer_published

_LEAD_WORDS = {"in", "on", "at", "since", "until", "till", "by", "during", "from", "before", "after", "early",
               "earlier", "late", "later", "mid", "through", "throughout", "over", "between", "last", "this",
               "past", "around", "about", "over"}
_EXTRA = re.compile(r"\b(?:in|over|during) (?:the )?(?:recent|past|last|coming) (?:days|weeks|months|years)\b|"
                    r"\b(?:earlier|later) (?:this|that|last) (?:week|month|year)\b|\b(?:yesterday|today|overnight)\b",
                    re.IGNORECASE)


def _widen(doc: Doc, span: Span) -> Span:
    """Take in the preposition or modifier before a DATE entity: "On Monday", "at the end of July"."""
    start = span.start
    while start > 0 and doc[start - 1].lower_ in _LEAD_WORDS and start > span.sent.start:
        start -= 1
    return doc[start:span.end]


class TimeResolver:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.fg_document
        published = document.published if document is not None else None
        inferred = None
        if document is not None and published is None and document.text:
            inferred = infer_published(document.text, document.title)
            published = inferred[0] if inferred else None
        doc._.fg_published = inferred  # the Extractor's output document carries it; the input is left alone
        ref = dates.reference(published)
        doc._.fg_reference = ref
        spans, resolved = [], {}
        candidates = [_widen(doc, e) for e in doc.ents if e.label_ == "DATE"]
        for m in _EXTRA.finditer(doc_text(doc)):
            sp = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if sp is not None:
                candidates.append(sp)
        taken: set[int] = set()
        for span in sorted(candidates, key=lambda s: -(s.end - s.start)):
            if any(i in taken for i in range(span.start, span.end)):
                continue
            ts = dates.resolve(span.text, ref)
            if ts is None:
                continue
            taken.update(range(span.start, span.end))
            spans.append(Span(doc, span.start, span.end, label="DATE"))
            resolved[(span.start_char, span.end_char)] = ts
        doc.spans["fg_dates"] = sorted(spans, key=lambda s: s.start)
        doc._.fg_timespans = resolved
        return doc


@Language.factory("fg_time", requires=["doc.ents"],
                  assigns=["doc.spans", "doc._.fg_timespans", "doc._.fg_reference", "doc._.fg_published"])
def make_time(nlp: Language, name: str) -> TimeResolver:
    return TimeResolver(nlp, name)
