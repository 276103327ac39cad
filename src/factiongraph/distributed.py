"""Extraction as Ray tasks (`ingest --engine ray [--address ray://HOST:10001]`), for corpora beyond one machine.

One Ray actor per worker CPU builds the pipeline once and extracts chunks of documents; the calling process
sends a bounded window of chunks at a time, takes the results back in input order and is the only one that
writes the store (a shared PostgreSQL for a cluster: `--db postgresql://...`). Without `--address` a local Ray
cluster is started on this machine. The output equals one process's (tests/test_parallel.py)."""
from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator

from .errors import FactionGraphError
from .models import Actor, Document

CHUNK = 8


class _Worker:
    def __init__(self, config, model, user_actors: list[dict]):
        from .pipeline import Extractor
        self.extractor = Extractor(config, model, user_actors=[Actor.model_validate(a) for a in user_actors])

    def extract(self, chunk: list[Document]) -> list[tuple[Document, list]]:
        return list(self.extractor.extract(chunk))


def extract_ray(documents: Iterable[Document], *, config=None, model=None, user_actors: Iterable[Actor] = (),
                address: str | None = None, workers: int | None = None) -> Iterator[tuple[Document, list]]:
    """(document, records) for each document, in order, extracted by Ray actors."""
    try:
        import ray
    except ImportError:
        raise FactionGraphError("--engine ray needs Ray: pip install 'factiongraph[ray]'") from None
    if not ray.is_initialized():
        ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                 log_to_driver=False, configure_logging=False)
    n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    worker = ray.remote(num_cpus=1)(_Worker)
    actors = [worker.remote(config, model, [a.to_dict() for a in user_actors]) for _ in range(n)]
    it = iter(documents)
    try:
        while window := [c for c in (list(islice(it, CHUNK)) for _ in range(n * 2)) if c]:
            pending = [actors[i % n].extract.remote(chunk) for i, chunk in enumerate(window)]
            for ref in pending:
                yield from ray.get(ref)
    finally:
        for a in actors:
            ray.kill(a)
