"""Fuzz the readers (and optionally the full extraction) with hostile inputs, and report the counts.

    python bench/fuzz.py [--inputs 100000] [--extract 200] [--seed 1]

Readers: corpus rows (JSON with wrong types, bad JSON, random bytes, zero-width/bidi characters, odd dates),
CSV rows, whole files (random bytes, broken HTML, feeds), in files of 1,000 inputs. Every input must end as a
Document or as one problem line naming where it is; anything else (an exception escaping the readers) is a
crash, reported with its input. `--extract N` runs N of the documents read through the whole pipeline and
checks every record against the exchange format and every evidence span against the text.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from factiongraph.ingest import ReadOptions, iter_items

ODD = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202e\u2066\u2069\u00ad\ud800\udfff\x00\x1b"
WORDS = ("fighters of Hayat Tahrir al-Sham attacked Saraqib on Monday the group joined Jaish al-Fatah in "
         "January 0001 9999 2017 March killed 5 HTS said . , Houthi forces shelled Marib On 2 March 2021 , 3 "
         "coalition airstrikes reportedly hit Harib district ( Marib ) . No casualties reported . les combattants "
         "ont attaqué la ville قتل خمسة جنود Боевики атаковали <p> </div> <b &amp; &#0;").split()
VALUES = (None, True, 0, -1, 2 ** 70, 1.5, float("nan"), [], [1], {}, {"a": 1}, "", " ", " 2017 ", "２０１７",
          "٢٠١٧", "0001-01-01", "9999-12-31", "2017-02-30", "2019-04-07T10:00:00Z", "\ud800")


def text(rng: random.Random, n: int = 40) -> str:
    parts = []
    for _ in range(rng.randint(0, n)):
        r = rng.random()
        parts.append(rng.choice(WORDS) if r < 0.8 else rng.choice(ODD) if r < 0.95 else
                     "".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(1, 5))))
    return " ".join(parts)


def json_row(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.1:
        return rng.choice(["{oops", "[1, 2]", "null", '"text"', '{"text": "a"', "{" * 3000 + "}" * 3000])
    if kind < 0.15:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 60))).decode("latin-1")
    row = {"text": text(rng) if rng.random() < 0.9 else rng.choice(VALUES)}
    for key in ("id", "title", "published", "source", "url"):
        if rng.random() < 0.4:
            row[key] = rng.choice(VALUES) if rng.random() < 0.5 else text(rng, 5)
    return json.dumps(row, ensure_ascii=rng.random() < 0.5)


def csv_rows(rng: random.Random, n: int) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["id", "event_date", "notes"])
    for i in range(n):
        w.writerow([rng.choice([str(i), "", "a"]), rng.choice(VALUES[11:] + ("02 March 2021", "")), text(rng)])
    return out.getvalue().encode("utf-8", "surrogatepass")


def whole_file(rng: random.Random) -> tuple[str, bytes]:
    kind = rng.random()
    if kind < 0.3:
        return ".txt", bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 200)))
    tags = ["<html>", "<head>", "<title>", "</title>", "<body>", "<p>", "</p>", "<div", "<script>", "</script>",
            "<time datetime='0001'>", "<meta charset='x-bogus'>", "<!--", "<![CDATA["]
    if kind < 0.8:
        body = "".join(rng.choice(tags) if rng.random() < 0.3 else text(rng, 8) for _ in range(rng.randint(0, 30)))
        return rng.choice([".html", ".htm", ""]), body.encode(rng.choice(["utf-8", "utf-16"]), "surrogatepass")
    items = "".join(f"<item><title>{text(rng, 3)}</title><link>{rng.choice(['', 'ftp://x', 'http://[::1'])}</link>"
                    f"</item>" for _ in range(rng.randint(0, 3)))
    return ".rss", f"<?xml version='1.0'?><rss><channel>{items}</channel></rss>".encode("utf-8", "surrogatepass")


def batches(rng: random.Random, total: int, folder: Path):
    """(path, number of inputs in it) until `total` inputs were written."""
    done, n = 0, 0
    while done < total:
        n += 1
        size = min(1000, total - done)
        kind = rng.random()
        if kind < 0.6:
            path = folder / f"rows{n}.jsonl"
            path.write_bytes("\n".join(json_row(rng) for _ in range(size)).encode("utf-8", "surrogatepass"))
        elif kind < 0.8:
            path = folder / f"rows{n}.csv"
            path.write_bytes(csv_rows(rng, size))
        else:
            size = 1
            suffix, data = whole_file(rng)
            path = folder / f"file{n}{suffix}"
            path.write_bytes(data)
        done += size
        yield path, size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--extract", type=int, default=0, help="documents to run through the whole pipeline")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    counts: Counter = Counter()
    problems: Counter = Counter()
    kept = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fg-fuzz-") as tmp:
        for path, size in batches(rng, a.inputs, Path(tmp)):
            counts["inputs written"] += size
            seen = []
            try:
                for item in iter_items([path], ReadOptions(), on_skip=seen.append):
                    counts["documents"] += 1
                    item.document.text.encode("utf-8")
                    if len(kept) < a.extract:
                        kept.append(item)
            except Exception:  # noqa: BLE001 - what the fuzzer is looking for
                counts["crashes"] += 1
                print(f"CRASH on {path.name}:\n{traceback.format_exc()}", file=sys.stderr)
            for p in seen:
                counts["problems"] += 1
                why = str(p).split(": ", 1)[-1].split(" (")[0]
                problems[why[:60]] += 1
                if "\n" in str(p) or not str(p).startswith(str(path)):
                    counts["malformed problem lines"] += 1
                    print(f"MALFORMED problem line: {str(p)!r}", file=sys.stderr)
    read_s = time.perf_counter() - started
    if kept:
        extract(kept, counts)
    print(json.dumps({"counts": counts, "seconds_reading": round(read_s, 1),
                      "inputs_per_s": round(counts["inputs written"] / read_s), "problems": dict(problems.most_common(15))},
                     indent=2))
    sys.exit(1 if counts["crashes"] or counts["malformed problem lines"] or counts["bad records"] else 0)


def extract(items, counts: Counter) -> None:
    from factiongraph.app import FactionGraph
    from factiongraph.models import parse_fact
    fg = FactionGraph(":memory:", user_registry=False)
    skipped = []
    for item, document, records in fg.extract_items(items, on_skip=skipped.append):
        counts["extracted"] += 1
        for r in [document, *records]:
            try:
                parse_fact(json.loads(r.to_json()))
                for ev in getattr(r, "evidence", None) or []:
                    assert item.document.text[ev.char_start:ev.char_end] == ev.text
                counts["records"] += 1
            except Exception:  # noqa: BLE001
                counts["bad records"] += 1
    counts["extraction skipped"] = len(skipped)


if __name__ == "__main__":
    main()
