"""Store benchmark: ingest rate and latency of the as-of membership, timeline and event queries.

Generates a synthetic store (default 1,000,000 relations and 200,000 events over 50,000 actors), ingested
through the ordinary `Store.ingest` path in documents of 1,000 relations, then times 200 random queries of
each kind. Usage:

    python bench/queries.py [--scale 0.01] [--pg postgresql://...|auto] [--db PATH] [--queries 200] [--batch 1]
                            [--queries-only]

`--pg auto` starts a throwaway PostgreSQL server (tests/pg_server.py) for the run and removes it after.
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from factiongraph.graph import queries  # noqa: E402
from factiongraph.models import Actor, Document, Event, Relation  # noqa: E402
from factiongraph.store import open_store  # noqa: E402

PER_DOC = 1000
DAY0 = date(2000, 1, 1)
DAYS = 365 * 25
PLACES = ["Idlib", "Aleppo", "Hama", "Homs", "Deir ez-Zor", "Raqqa", "Mosul", "Kirkuk", "Gao", "Mopti", "Maiduguri",
          "Mogadishu", "Sanaa", "Aden", "Tripoli", "Benghazi"]
TYPES = ["battle", "attack", "remote_violence", "protest", "violence_against_civilians", "arrest"]


def _span(rng: random.Random, width: int = 0) -> dict:
    d = DAY0 + timedelta(days=rng.randrange(DAYS))
    return {"earliest": d.isoformat(), "latest": (d + timedelta(days=width)).isoformat(),
            "precision": "day" if width == 0 else "month"}


def generate(scale: float, seed: int = 1):
    """(document, records) batches: actors first, then relations and events spread over documents."""
    rng = random.Random(seed)
    n_rel, n_ev = int(1_000_000 * scale), int(200_000 * scale)
    n_actors, n_coal = max(100, int(50_000 * scale)), max(10, int(2_000 * scale))
    coalitions = [f"coalition-{i}" for i in range(n_coal)]
    groups = [f"group-{i}" for i in range(n_actors - n_coal)]
    people = groups[: len(groups) // 5]
    actors = [Actor(id=c, name=f"Coalition {c[10:]}", type="coalition", aliases=[f"C{c[10:]}"]) for c in coalitions]
    actors += [Actor(id=g, name=f"Group {g[6:]}", type="armed_group") for g in groups]
    n_docs = max(1, n_rel // PER_DOC)
    ev_per_doc = n_ev // n_docs
    for d in range(n_docs):
        doc_id = f"synthetic-{d}"
        text = f"synthetic report {d}"
        evidence = [{"doc": doc_id, "char_start": 0, "char_end": 9, "text": "synthetic"}]
        records: list = actors if d == 0 else []
        for _ in range(PER_DOC):
            roll = rng.random()
            g = rng.choice(groups)
            if roll < 0.5:
                r = dict(subject=g, predicate="member_of", object=rng.choice(coalitions), start=_span(rng, 30))
            elif roll < 0.65:
                r = dict(subject=g, predicate="left", object=rng.choice(coalitions), start=_span(rng))
            elif roll < 0.75:
                r = dict(subject=rng.choice(people), predicate="leader_of", object=rng.choice(groups),
                         start=_span(rng))
            else:
                r = dict(subject=g, predicate=rng.choice(["allied_with", "rival_of"]), object=rng.choice(groups),
                         start=_span(rng, 30))
            records.append(Relation(**r, confidence=round(rng.uniform(0.3, 0.95), 2), evidence=evidence))
        for i in range(ev_per_doc):
            place = rng.choice(PLACES)
            records.append(Event(
                id=f"e{i}", type=rng.choice(TYPES), date=_span(rng), place={"name": place, "admin1": place,
                                                                             "country": "SY"},
                participants=[{"actor": rng.choice(groups), "role": "perpetrator"},
                              {"actor": rng.choice(groups), "role": "target"}],
                fatalities=rng.randrange(10), confidence=0.6, evidence=evidence))
        yield Document(id=doc_id, published="2024", text=text), records


def _percentiles(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    return statistics.median(s) * 1000, s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))] * 1000


def run(target: str, scale: float, n_queries: int, seed: int, ingest: bool = True, batch: int = 1) -> dict:
    store = open_store(target)
    rows, t0, cpu0 = 0, time.perf_counter(), time.process_time()
    docs = iter(generate(scale, seed) if ingest else ())
    while chunk := list(itertools.islice(docs, batch)):
        with store.bulk():
            for doc, records in chunk:
                counts = store.ingest(doc, records, extractor_version="bench")
                rows += counts["relations"] + counts["events"]
    ingest_s, ingest_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    rng = random.Random(seed + 1)
    n_coal = max(10, int(2_000 * scale))
    n_groups = max(100, int(50_000 * scale)) - n_coal
    results = {"backend": target.split(":")[0] if "://" in target else "sqlite", "rows": rows,
               "ingest_rows_per_s": rows / ingest_s if ingest else float("nan"), "ingest_s": ingest_s,
               "ingest_cpu_s": ingest_cpu}

    def day() -> str:
        return (DAY0 + timedelta(days=rng.randrange(DAYS))).isoformat()

    def timed(fn) -> tuple[float, float]:
        samples = []
        for _ in range(n_queries):
            t = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t)
        return _percentiles(samples)

    results["members_as_of"] = timed(lambda: queries.members(store, f"coalition-{rng.randrange(n_coal)}", day()))
    results["timeline"] = timed(lambda: queries.timeline(store, f"group-{rng.randrange(n_groups)}"))

    def events_query():
        lo = day()
        hi = (date.fromisoformat(lo) + timedelta(days=365)).isoformat()
        if rng.random() < 0.5:
            queries.events(store, actor=f"group-{rng.randrange(n_groups)}", date_from=lo, date_to=hi)
        else:
            queries.events(store, place=rng.choice(PLACES), types=[rng.choice(TYPES)], date_from=lo,
                           date_to=(date.fromisoformat(lo) + timedelta(days=7)).isoformat())
    results["events"] = timed(events_query)
    results["counts"] = store.counts()
    store.close()
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="1.0 = 1M relations, 200k events")
    ap.add_argument("--db", default=None, help="SQLite file to build (default: a temporary file)")
    ap.add_argument("--pg", default=None,
                    help="also run on this PostgreSQL URL (an empty database), or 'auto': a throwaway server")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=1,
                    help="documents per transaction (Store.bulk); 1 = one transaction per document, as a plain ingest")
    ap.add_argument("--queries-only", action="store_true",
                    help="time the queries again on stores an earlier run (same --scale and --seed) filled")
    args = ap.parse_args()
    if args.queries_only and not args.db:
        ap.error("--queries-only needs --db (and --pg) of the earlier run")
    if args.queries_only and args.pg == "auto":
        ap.error("--queries-only needs the URL of the earlier run's database, not --pg auto")
    load_before = os.getloadavg()
    server = None
    if args.pg == "auto":
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from pg_server import Cluster
        server = Cluster()
        args.pg = server.new_database()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            targets = [args.db or os.path.join(tmp, "bench.db")] + ([args.pg] if args.pg else [])
            table = [run(t, args.scale, args.queries, args.seed, ingest=not args.queries_only, batch=args.batch)
                     for t in targets]
    finally:
        if server is not None:
            server.stop()
    print(f"scale {args.scale}: {table[0]['counts']['claims']:,} relations, "
          f"{sum(table[0]['counts']['events'].values()):,} events, {PER_DOC} relations a document, {args.batch} "
          f"document(s) a transaction, {args.queries} queries per kind")
    # timings are wall-clock, so they depend on what else the machine runs
    print(f"{os.cpu_count()} CPUs; load average (1/5/15 min) before {' '.join(f'{x:.2f}' for x in load_before)}, "
          f"after {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    # ingest cpu s: this process only (generating the records and the client side; not a PostgreSQL server)
    print(f"{'backend':<10}{'ingest rows/s':>15}{'ingest s':>10}{'ingest cpu s':>14}  " + "".join(
        f"{q + ' p50/p95 ms':>28}" for q in ("members_as_of", "timeline", "events")))
    for r in table:
        print(f"{r['backend']:<10}{r['ingest_rows_per_s']:>15,.0f}{r['ingest_s']:>10.1f}{r['ingest_cpu_s']:>14.1f}  "
              + "".join(
            f"{r[q][0]:>19.2f} / {r[q][1]:>6.2f}" for q in ("members_as_of", "timeline", "events")))


if __name__ == "__main__":
    main()
