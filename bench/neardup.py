"""The near-duplicate threshold, measured: MinHash similarity (store/copies.py) of copies of one story with
boilerplate added (a dateline, a byline, share buttons, a newsletter box, reader comments, a cut last
paragraph) against that of distinct documents of the eval corpora (every pair).

    python bench/neardup.py
"""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np

from factiongraph.store.copies import MIN_WORDS, THRESHOLD, signature, similarity

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared/eval" / n / "docs.jsonl" for n in ("acled-dev", "re3d-dev", "fakes-dev")] + [
    ROOT / "tests/corpus/docs.jsonl", ROOT / "examples/sample/docs.jsonl"]
BOILERPLATE = [
    lambda t: "BEIRUT (Wire) - " + t + "\n\nReporting by a correspondent; editing by the desk.",
    lambda t: "Advertisement\nHome > World > Middle East\nShare on Facebook Share on Twitter Email\n" + t,
    lambda t: t + "\n\nSign up for our newsletter to get the latest news delivered to your inbox every morning. "
                  "Read more: related stories. Comments (14) Log in to comment.",
    lambda t: t.replace(". ", ".\n\n").replace("'", "\u2019"),
    lambda t: t.rsplit("\n", 1)[0] if "\n" in t.strip() else t[: int(len(t) * 0.85)],
    lambda t: "Most read\n1. Markets slip\n2. Weather warning\n" + t + "\nThis article was syndicated from "
              "a partner agency. All rights reserved. Copyright 2021.",
]


def texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    docs = [t for p in CORPORA if p.exists() for t in texts(p)]
    sigs = [(t, s) for t in docs if (s := signature(t)) is not None]
    distinct = np.array([similarity(a[1], b[1]) for a, b in itertools.combinations(sigs, 2)
                         if a[0].strip() != b[0].strip()])
    copies = np.array([similarity(s, cs) for t, s in sigs for f in BOILERPLATE
                       if (cs := signature(f(t))) is not None])
    print(f"{len(docs)} documents, {len(sigs)} of at least {MIN_WORDS} words; threshold {THRESHOLD}")
    for name, xs in (("distinct pairs", distinct), ("copies with boilerplate", copies)):
        q = np.quantile(xs, [0, 0.01, 0.5, 0.99, 1])
        print(f"  {name}: {len(xs)}; similarity min {q[0]:.2f}, 1% {q[1]:.2f}, median {q[2]:.2f}, "
              f"99% {q[3]:.2f}, max {q[4]:.2f}; at or above threshold {np.mean(xs >= THRESHOLD):.2%}")


if __name__ == "__main__":
    main()
