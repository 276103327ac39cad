"""Extraction speed as a ratio to the bare spaCy parse of the same documents, measured in the same run.

    python bench/extract.py [--repeat 3] [--corpus FILE.jsonl ...]

Absolute figures depend on the machine; the ratio (our whole pipeline over the bare parse) is what to compare.
Peak memory is the process's maximum resident set size.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import spacy

from factiongraph.ingest import read_inputs
from factiongraph.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / "examples/sample/docs.jsonl", ROOT / "tests/corpus/docs.jsonl",
           ROOT.parent / "shared/eval/re3d-dev/docs.jsonl", ROOT.parent / "shared/eval/dev/docs.jsonl"]


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="*", default=[str(p) for p in DEFAULT if p.exists()])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    docs = read_inputs(a.corpus)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)

    t0 = time.perf_counter()
    extractor = Extractor()
    load_s = time.perf_counter() - t0
    bare = spacy.load(extractor.model_name)
    bare_times, full_times = [], []
    for _ in range(a.repeat):  # interleaved, so that a busy machine slows both alike
        bare_times.append(best_of(1, lambda: list(bare.pipe(texts, batch_size=extractor.batch_size))))
        full_times.append(best_of(1, lambda: list(extractor.extract(docs))))
    bare_s, full_s = min(bare_times), min(full_times)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "documents": len(docs), "words": words, "pipeline_load_s": round(load_s, 2),
        "bare_spacy_s": round(bare_s, 3), "factiongraph_s": round(full_s, 3),
        "docs_per_s": round(len(docs) / full_s, 1), "words_per_s": round(words / full_s),
        "bare_words_per_s": round(words / bare_s), "ratio_to_bare_parse": round(full_s / bare_s, 3),
        "peak_rss_mb": round(peak_mb),
    }
    if a.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>22}: {v}")
    sys.exit(0)


if __name__ == "__main__":
    main()
