"""Re-ingest of an unchanged corpus against its first ingest, and documents/s of each, through the app's
ingest loop (the same one `factiongraph ingest` runs), in one process with the pipeline loaded once.

    python bench/reingest.py [--corpus FILE.jsonl] [--copies K]

`--copies K` repeats the corpus K times with distinct ids and texts (a note, "(copy k)"), for a larger store.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from factiongraph.app import FactionGraph
from factiongraph.models import Document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared/eval/acled-dev/docs.jsonl"


def load(path: Path, copies: int) -> list[Document]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for k in range(copies):
        for r in rows:
            text = r["text"] if k == 0 else f"{r['text']} (copy {k})"
            out.append(Document(id=r["id"] if k == 0 else f"{r['id']}-c{k}", title=r.get("title") or None,
                                published=r.get("published"), text=text))
    return out


def timed(fg: FactionGraph, docs: list[Document]) -> tuple[float, dict]:
    t = time.perf_counter()
    counts = fg.ingest(docs)
    return time.perf_counter() - t, counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--copies", type=int, default=1)
    args = ap.parse_args()
    docs = load(args.corpus, args.copies)
    with tempfile.TemporaryDirectory() as tmp:
        fg = FactionGraph(Path(tmp) / "bench.db", user_registry=False)
        t = time.perf_counter()
        fg.extractor  # noqa: B018 - the pipeline loads once, outside both timings
        load_s = time.perf_counter() - t
        first, c1 = timed(fg, docs)
        again, c2 = timed(fg, docs)
        fg.close()
    assert c2["documents_unchanged"] == len(docs) and c2["documents_added"] == 0, c2
    print(f"{len(docs)} documents ({args.corpus.name} x{args.copies}): first ingest {first:.1f} s "
          f"({len(docs) / first:.1f} docs/s, {c1['documents_added']} added), re-ingest {again:.2f} s "
          f"({len(docs) / again:.0f} docs/s): {first / again:.0f}x faster; pipeline load {load_s:.1f} s")


if __name__ == "__main__":
    main()
