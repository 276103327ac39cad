"""Ingest documents/s with extraction in 1 process, N forked workers and a local Ray cluster, on the same
documents in the same run, each into a fresh SQLite store.

    python bench/workers.py [--notes 1000] [--news 200] [--workers 2] [--no-ray]

Notes are acled-dev's ACLED notes; news are the eval sets' articles (fakes-dev, re3d-dev), repeated with
distinct ids when more are asked for than there are. Times include starting the workers (forking them; for
Ray, starting the cluster and loading one pipeline per actor), not loading the calling process's pipeline.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from factiongraph.app import FactionGraph
from factiongraph.models import Document

SHARED = Path(__file__).resolve().parents[2] / "shared/eval"


def load(names: list[str], n: int) -> list[Document]:
    rows = [json.loads(line) for name in names
            for line in (SHARED / name / "docs.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Document(id=f"{r['id']}~{i // len(rows)}", published=r.get("published"),
                     text=r["text"] + ("" if i < len(rows) else f" ({i // len(rows)})"))
            for i, r in ((i, rows[i % len(rows)]) for i in range(n))]


def run(docs: list[Document], tmp: str, name: str, pipeline, **kw) -> float:
    fg = FactionGraph(Path(tmp) / f"{name}.db", user_registry=False, **kw)
    fg.__dict__["extractor"] = pipeline
    t = time.perf_counter()
    counts = fg.ingest(docs)
    s = time.perf_counter() - t
    fg.close()
    assert counts["documents_added"] + counts["documents_unchanged"] == len(docs), counts
    return s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--news", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-ray", action="store_true")
    args = ap.parse_args()
    pipeline = FactionGraph(":memory:", user_registry=False).extractor
    for label, docs in (("ACLED notes", load(["acled-dev"], args.notes)),
                        ("news articles", load(["fakes-dev", "re3d-dev"], args.news))):
        words = sum(len(d.text.split()) for d in docs)
        with tempfile.TemporaryDirectory() as tmp:
            runs = [("1 process", {}), (f"{args.workers} workers", {"workers": args.workers})]
            if not args.no_ray:
                runs.append((f"Ray local, {args.workers} actors", {"engine": "ray", "workers": args.workers}))
            for name, kw in runs:
                s = run(docs, tmp, name.split()[0] + kw.get("engine", ""), pipeline, **kw)
                print(f"{label} ({len(docs)}, {words / len(docs):.0f} words each): {name}: {s:.1f} s, "
                      f"{len(docs) / s:.1f} documents/s", flush=True)
                if kw.get("engine") == "ray":
                    import ray
                    ray.shutdown()


if __name__ == "__main__":
    main()
