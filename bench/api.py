"""Web API benchmark: p50 / p95 latency of the workbench's questions over HTTP, and the network view's first
paint in headless Chromium.

The store is bench/queries.py's synthetic one (default 1,000,000 relations and 200,000 events), built through
the same generator, or reused with --db. The server is the real app under uvicorn on 127.0.0.1, in a process
of its own, asked over HTTP/1.1 with keep-alive and no If-None-Match (so no answer comes from an ETag); 200 random questions of each
kind, interleaved (the graph questions as the network view asks them: `detail=compact`, at most 1,000
edges, the default). First paint: the time from navigation to the first frame that shows the graph (a first
cut of it, while the rest of the --paint-edges edges is on its way), and to the frame that shows all of it
(fetched, laid out and drawn: on a canvas above 3,000 edges), medians of --paint-runs page loads.

    python bench/api.py [--scale 0.05] [--db PATH] [--queries 200] [--paint-edges 10000] [--no-browser]
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402

from queries import DAY0, DAYS, PLACES, TYPES, generate  # noqa: E402

KINDS = ("members_as_of", "timeline", "events_page", "ego_depth_2", "graph_limited")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def build(db: str, scale: float, seed: int) -> float:
    from factiongraph.store import open_store
    t0 = time.perf_counter()
    with open_store(db) as store:
        if store.counts()["claims"]:
            return 0.0
        batch = []
        for doc, records in generate(scale, seed):
            batch.append((doc, records))
            if len(batch) == 50:
                with store.bulk():
                    for d, r in batch:
                        store.ingest(d, r, extractor_version="bench")
                batch = []
        with store.bulk():
            for d, r in batch:
                store.ingest(d, r, extractor_version="bench")
    return time.perf_counter() - t0


SERVER = """import sys; sys.path.insert(0, sys.argv[1])
import uvicorn
from factiongraph.web import Settings, create_app
uvicorn.run(create_app(Settings(db=sys.argv[2], token="bench")), host="127.0.0.1", port=int(sys.argv[3]),
            log_level="warning")
"""


def serve(db: str):
    """The app under uvicorn in a process of its own (as a browser or script would ask it: the benchmark's
    client does not compete with the server for one interpreter)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = str(Path(__file__).resolve().parents[1] / "src")
    server = subprocess.Popen([sys.executable, "-c", SERVER, src, db, str(port)])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(f"{base}/api/meta", timeout=5)
            return server, base
        except httpx.TransportError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise SystemExit("the server did not start")
            time.sleep(0.2)


def questions(rng: random.Random, scale: float):
    n_coal = max(10, int(2_000 * scale))
    n_groups = max(100, int(50_000 * scale)) - n_coal

    def day() -> str:
        return (DAY0 + timedelta(days=rng.randrange(DAYS))).isoformat()

    def events_page() -> tuple[str, dict]:
        lo = day()
        if rng.random() < 0.5:
            hi = (date.fromisoformat(lo) + timedelta(days=365)).isoformat()
            return "/api/events", {"actor": f"group-{rng.randrange(n_groups)}", "from": lo, "to": hi, "limit": 100}
        hi = (date.fromisoformat(lo) + timedelta(days=30)).isoformat()
        return "/api/events", {"place": rng.choice(PLACES), "type": rng.choice(TYPES), "from": lo, "to": hi,
                               "limit": 100}
    return {
        "members_as_of": lambda: (f"/api/actors/coalition-{rng.randrange(n_coal)}/members", {"as_of": day()}),
        "timeline": lambda: (f"/api/actors/group-{rng.randrange(n_groups)}/timeline", {}),
        "events_page": events_page,
        "ego_depth_2": lambda: ("/api/graph", {"as_of": day(), "focus": f"group-{rng.randrange(n_groups)}",
                                               "depth": 2, "detail": "compact"}),
        "graph_limited": lambda: ("/api/graph", {"as_of": day(), "limit": 1000, "detail": "compact"}),
    }


def percentiles(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    return statistics.median(s) * 1000, s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))] * 1000


def time_api(base: str, scale: float, n: int, seed: int) -> dict:
    rng = random.Random(seed)
    ask = questions(rng, scale)
    samples: dict[str, list[float]] = {k: [] for k in KINDS}
    sizes: dict[str, list[int]] = {k: [] for k in KINDS}
    with httpx.Client(base_url=base, timeout=60) as client:
        for kind in KINDS:  # warm-up: one of each
            path, params = ask[kind]()
            client.get(path, params=params)
        for _ in range(n):
            for kind in KINDS:
                path, params = ask[kind]()
                t = time.perf_counter()
                r = client.get(path, params=params)
                samples[kind].append(time.perf_counter() - t)
                if r.status_code != 200:
                    raise SystemExit(f"{path} {params}: {r.status_code} {r.text[:200]}")
                sizes[kind].append(len(r.content))
    return {k: (*percentiles(samples[k]), statistics.median(sizes[k])) for k in KINDS}


def paint(base: str, edges: int, runs: int) -> dict:
    """Median first paint of the network view on the day whose graph has the most edges (cut at `edges`)."""
    from playwright.sync_api import sync_playwright
    day = (DAY0 + timedelta(days=DAYS - 30)).isoformat()
    g = httpx.get(f"{base}/api/graph", params={"as_of": day, "limit": edges, "predicate": ["member_of", "leader_of",
                  "allied_with", "rival_of"]}, timeout=120).json()
    first, full = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.goto(f"{base}/#/network?as_of={day}&limit={edges}")
            deadline = time.monotonic() + 120
            while page.evaluate("window.__fg && window.__fg.fullPaint") is None:
                if time.monotonic() > deadline:
                    raise SystemExit("no paint of the whole graph within 120 s")
                page.wait_for_timeout(20)
            first.append(page.evaluate("window.__fg.firstPaint"))
            full.append(page.evaluate("window.__fg.fullPaint"))
            drawn = page.evaluate("[document.getElementById('graph').dataset.renderer, "
                                  "Number(document.getElementById('graph').dataset.edges)]")
            context.close()
        browser.close()
    return {"edges": len(g["edges"]), "nodes": len(g["nodes"]), "first_paint_ms": statistics.median(first),
            "full_paint_ms": statistics.median(full), "runs": first, "full_runs": full, "drawn": drawn}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--db", default=None, help="SQLite store to build or reuse (default: a temporary file)")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--paint-edges", type=int, default=10000)
    ap.add_argument("--paint-runs", type=int, default=3)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or os.path.join(tmp, "bench.db")
        built = build(db, args.scale, args.seed)
        server, base = serve(db)
        try:
            api = time_api(base, args.scale, args.queries, args.seed + 1)
            painted = None if args.no_browser else paint(base, args.paint_edges, args.paint_runs)
        finally:
            server.terminate()
            server.wait(30)
    print(f"scale {args.scale}; store built in {built:.0f} s" if built else f"scale {args.scale}; store reused")
    print(f"{os.cpu_count()} CPUs; load average before {' '.join(f'{x:.2f}' for x in load)}, "
          f"after {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'question':<16}{'p50 ms':>9}{'p95 ms':>9}{'median bytes':>14}   ({args.queries} each, over HTTP)")
    for k in KINDS:
        p50, p95, size = api[k]
        print(f"{k:<16}{p50:>9.1f}{p95:>9.1f}{size:>14,.0f}")
    if painted:
        print(f"network first paint: {painted['first_paint_ms']:.0f} ms median, the whole graph of "
              f"{painted['edges']:,} edges and {painted['nodes']:,} nodes drawn at {painted['full_paint_ms']:.0f} ms "
              f"(first: {', '.join(f'{t:.0f}' for t in painted['runs'])}; whole: "
              f"{', '.join(f'{t:.0f}' for t in painted['full_runs'])} ms; drawn by {painted['drawn'][0]}, "
              f"{painted['drawn'][1]:,} edges)")


if __name__ == "__main__":
    main()
