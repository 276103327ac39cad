"""Every Doc extension factiongraph uses, declared in one place and set by a call, not by import.

Stages pass data only through the Doc: mentions in `doc.spans["fg_mentions"]` (label = actor type,
kb_id = actor id once linked), anaphors in `doc.spans["fg_coref"]` (kb_id = antecedent actor id), date
expressions in `doc.spans["fg_dates"]`, place names in `doc.spans["fg_places"]`; everything else below.
"""
from spacy.tokens import Doc

DOC_EXTENSIONS = {
    "fg_document": None,     # models.Document being read
    "fg_offset": 0,          # where this Doc starts in the document's text (chunks of long documents)
    "fg_text": None,         # the text the Doc was made from (= doc.text, which is rebuilt on every access)
    "fg_actors": None,       # dict actor id -> models.Actor (linker)
    "fg_relations": None,    # list[models.Relation] (relations)
    "fg_relation_actors": None,  # dict actor id -> models.Actor the relations introduce (relations)
    "fg_events": None,       # list[models.Event] (events)
    "fg_timespans": None,    # dict (start_char, end_char) -> models.TimeSpan (time)
    "fg_reference": None,    # extract.dates.Reference: the publication date window (time)
    "fg_published": None,    # (partial ISO date, evidence) inferred from the text of an undated document (time)
    "fg_places": None,       # dict (start_char, end_char) -> models.Place (place)
    "fg_countries": None,    # ISO2 codes the document is about, most mentioned first (place)
    "fg_withdrawn": None,    # set of (start_char, end_char): mentions that are places, not actors (place)
    "fg_context": None,      # extract.context.Context: what relations and events read, built once (context)
    "fg_facts": None,        # list of records ready to write (facts)
}


def set_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def doc_text(doc: Doc) -> str:
    """The Doc's text: the one it was made from when the Extractor made it (doc.text joins every token anew)."""
    text = doc._.fg_text
    return text if text is not None else doc.text
