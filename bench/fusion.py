"""Ingest cost of a popular fact: N copies of one report (distinct ids and texts, the same 15 relations between
the same actors), stored through `Store.ingest` in batches of 50, no extraction. Reports milliseconds per
document over each tenth of the run: flat when fusion is incremental, growing when each copy re-fuses every
claim of the facts it touches.

    python bench/fusion.py [--copies 1000 5000] [--db sqlite|postgres]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from factiongraph.models import Actor, Document, Relation
from factiongraph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ["alpha-front", "beta-brigade", "gamma-army", "delta-movement", "epsilon-force", "zeta-battalion"]
TEXT = ("Alpha Front and Beta Brigade joined the Gamma Army coalition, which Delta Movement left in March. "
        "Epsilon Force rivals Zeta Battalion. ")


def report(i: int) -> tuple[Document, list]:
    doc = Document(id=f"copy-{i:06d}", published="2021-03-02", text=TEXT + f"Edition {i}.")
    span = lambda a, b: [{"doc": doc.id, "char_start": a, "char_end": b, "text": doc.text[a:b]}]  # noqa: E731
    actors = [Actor(id=g, name=g.replace("-", " ").title(), type="armed_group") for g in GROUPS]
    pairs = [(s, p, o) for s in GROUPS[:3] for o in GROUPS[3:] for p in ("member_of", "allied_with")][:15]
    rels = [Relation(subject=s, predicate=p, object=o, confidence=0.4 + 0.01 * (k % 5), evidence=span(k, k + 5))
            for k, (s, p, o) in enumerate(pairs)]
    return doc, actors + rels


def run(target: str, copies: int) -> list[float]:
    """Milliseconds per document in each tenth of the run."""
    tenth, out = max(1, copies // 10), []
    with open_store(target) as store:
        t = time.perf_counter()
        for start in range(0, copies, 50):
            with store.bulk():
                for i in range(start, min(copies, start + 50)):
                    store.ingest(*report(i), extractor_version="bench")
            done = min(copies, start + 50)
            if done % tenth == 0 or done == copies:
                now = time.perf_counter()
                out.append(1000 * (now - t) / tenth)
                t = now
        fact = store.facts(subject=GROUPS[0], claims=False)[0]
        assert fact.sources >= 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, nargs="*", default=[1000, 5000])
    ap.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = ap.parse_args()
    cluster = None
    if args.db == "postgres":
        sys.path.insert(0, str(ROOT / "tests"))
        from pg_server import Cluster
        cluster = Cluster()
    try:
        for n in args.copies:
            with tempfile.TemporaryDirectory() as tmp:
                target = cluster.new_database() if cluster else str(Path(tmp) / "fusion.db")
                per = run(target, n)
                print(f"{args.db} {n} copies: ms/document by tenth: " + " ".join(f"{x:.1f}" for x in per)
                      + f"; first tenth {per[0]:.1f}, last {per[-1]:.1f}, total {sum(per) * n / 10 / 1000:.1f} s",
                      flush=True)
    finally:
        if cluster:
            cluster.stop()


if __name__ == "__main__":
    main()
