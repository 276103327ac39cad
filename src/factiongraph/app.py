"""FactionGraph: the one core object. It owns the extraction pipeline and the store; the CLI and any web
layer are thin front-ends over it and never touch SQL or spaCy themselves."""
from __future__ import annotations

import os
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from . import __version__
from .ingest import read_inputs
from .models import Document

DEFAULT_DB = "factiongraph.db"


def default_db() -> str:
    return os.environ.get("FACTIONGRAPH_DB", DEFAULT_DB)


class FactionGraph:
    def __init__(self, db: str | Path | None = None, config: str | Path | None = None, model: str | None = None,
                 *, user_registry: bool = True):
        self.db = str(db or default_db())
        self.config, self.model = config, model
        self.user_registry = user_registry

    @cached_property
    def extractor(self):
        """The pipeline, linking against the shipped registry overlaid with the user's entries in the store."""
        from .pipeline import Extractor  # spaCy loads only when extraction is asked for
        from .store import is_url
        user = self.store.user_actors() if self.user_registry and (is_url(self.db) or Path(self.db).exists()) else ()
        return Extractor(self.config, self.model, user_actors=user)

    @cached_property
    def store(self):
        from .store import open_store
        return open_store(self.db)

    @property
    def extractor_version(self) -> str:
        return f"factiongraph-{__version__}/{self.extractor.nlp.meta.get('name', '?')}-{self.extractor.nlp.meta.get('version', '?')}"

    def read(self, inputs: Iterable[str | Path], published: str | None = None) -> list[Document]:
        """Every input read and checked before anything is extracted or stored."""
        return read_inputs(inputs, published)

    def extract(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list]]:
        return self.extractor.extract(documents)

    def ingest(self, documents: Iterable[Document], batch: int = 50) -> dict[str, int]:
        """Extract and store; returns summed counts. Up to `batch` documents are extracted, then stored in one
        transaction (each document still all or nothing), so that a large corpus commits once per batch and
        no write lock is held while spaCy parses."""
        totals: dict[str, int] = {}
        version = self.extractor_version
        results = self.extract(documents)
        while chunk := list(islice(results, max(1, batch))):
            with self.store.bulk():
                for document, records in chunk:
                    for k, v in self.store.ingest(document, records, extractor_version=version).items():
                        totals[k] = totals.get(k, 0) + v
        return totals

    def suggestions(self) -> dict[str, str]:
        """Names worth asking about in this store: the coalition with most members, the busiest actor."""
        from collections import Counter
        facts = self.store.facts(predicates=["member_of"], claims=False)
        coalitions = Counter(f.object for f in facts)
        busiest = Counter(p.actor for e in self.store.events() for p in e.participants
                          if not p.actor.startswith("generic-"))
        ids = [x for x in (coalitions.most_common(1) + busiest.most_common(1))]
        actors = self.store.actors([i for i, _ in ids])
        out = {}
        if coalitions:
            cid = coalitions.most_common(1)[0][0]
            dated = sorted(f.start.latest for f in facts if f.object == cid and f.start)
            out["coalition"] = actors[cid].name if cid in actors else cid
            out["as_of"] = dated[0] if dated else ""
        if busiest:
            aid = busiest.most_common(1)[0][0]
            out["actor"] = actors[aid].name if aid in actors else aid
        return out

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
