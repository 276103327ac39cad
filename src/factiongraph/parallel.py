"""Extraction in N local processes (`ingest --workers N`), the store written by the one calling process.

The workers are forked from a process whose pipeline is already loaded, so they share it instead of loading
their own; documents go out in small chunks and come back in input order, a bounded window of chunks at a
time, so memory stays bounded by the window and not by the corpus. The output equals one process's
(tests/test_parallel.py): extraction is deterministic and depends on nothing but the document."""
from __future__ import annotations

import multiprocessing as mp
from itertools import islice
from typing import Iterable, Iterator

from .models import Document

CHUNK = 4  # documents a worker extracts per task: few enough to keep workers busy, enough to batch the parse
_extractor = None  # the pipeline, set in the parent before the fork


def _extract(chunk: list[Document]) -> list[tuple[Document, list]]:
    return list(_extractor.extract(chunk))


def extract_parallel(extractor, documents: Iterable[Document], workers: int) -> Iterator[tuple[Document, list]]:
    """(document, records) for each document, in order, extracted by `workers` forked processes."""
    global _extractor
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        yield from extractor.extract(documents)
        return
    _extractor = extractor
    it = iter(documents)
    with mp.get_context("fork").Pool(workers) as pool:
        while window := [c for c in (list(islice(it, CHUNK)) for _ in range(workers * 4)) if c]:
            for results in pool.imap(_extract, window):
                yield from results
        pool.close()  # let the workers exit on their own: the pool's exit would SIGTERM them
        pool.join()
