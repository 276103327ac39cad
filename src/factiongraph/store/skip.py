"""Fast re-ingest: documents the store already holds as they are are dropped before extraction, so that an
unchanged corpus is re-read at the speed of hashing and an interrupted ingest resumes where it stopped (every
committed batch is skipped, the batch that was cut short is extracted again)."""
from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator

from ..models import Document
from .records import content_hash


class Known:
    """Mixed into `Store`; needs the backend's `_query`."""

    def unchanged(self, documents: list[Document], extractor_version: str) -> list[bool]:
        """For each document, whether `ingest` would find it unchanged: the same id with the same text and
        extractor version, or a new id whose text is stored under another (a copy adds nothing)."""
        hashes = [content_hash(d.text) for d in documents]
        ids, stored, same = sorted({d.id for d in documents}), {}, set()
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            stored.update((r["id"], (r["content_hash"], r["extractor_version"])) for r in self._query(
                f"SELECT id, content_hash, extractor_version FROM documents WHERE id IN "
                f"({', '.join('?' * len(chunk))})", chunk))
        fresh = sorted({h for d, h in zip(documents, hashes) if d.id not in stored})
        for chunk in (fresh[i:i + 500] for i in range(0, len(fresh), 500)):
            same |= {r["content_hash"] for r in self._query(
                f"SELECT DISTINCT content_hash FROM documents WHERE extractor_version = ? AND content_hash IN "
                f"({', '.join('?' * len(chunk))})", [extractor_version, *chunk])}
        return [stored[d.id] == (h, extractor_version) if d.id in stored else h in same
                for d, h in zip(documents, hashes)]


def unstored(store, documents: Iterable[Document], extractor_version: str, counts: dict[str, int],
             batch: int = 200) -> Iterator[Document]:
    """The documents `store` does not hold as they are, in order; each one skipped is counted in
    counts["documents_unchanged"]."""
    it = iter(documents)
    while chunk := list(islice(it, batch)):
        known = store.unchanged(chunk, extractor_version)
        counts["documents_unchanged"] = counts.get("documents_unchanged", 0) + sum(known)
        yield from (d for d, k in zip(chunk, known) if not k)
