"""Fast re-ingest and resume, through the app's ingest loop with a stand-in extractor: documents already stored
are not extracted again, and an ingest killed (SIGKILL) at several points then resumed ends with the same store
as one uninterrupted run."""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from types import SimpleNamespace

from factiongraph.app import FactionGraph
from factiongraph.models import Actor, Document, Event, Relation

CTX = mp.get_context("fork")


class StandIn:
    """Deterministic records from the text, a little slowly, and a log of what it was asked to extract."""
    nlp = SimpleNamespace(meta={"name": "stand-in", "version": "1"})

    def __init__(self, delay: float = 0.0):
        self.delay, self.seen = delay, []

    def extract(self, documents):
        for d in documents:
            self.seen.append(d.id)
            time.sleep(self.delay)
            n = int(d.id[1:])
            ev = [{"doc": d.id, "char_start": 0, "char_end": 6, "text": d.text[:6]}]
            yield d, [Actor(id=f"g{n % 4}", name=f"Group {n % 4}", type="armed_group"),
                      Actor(id="coal", name="Coalition", type="coalition"),
                      Relation(subject=f"g{n % 4}", predicate="member_of", object="coal", confidence=0.5, evidence=ev),
                      Relation(subject="g0", predicate="rival_of", object=f"g{1 + n % 3}", confidence=0.4,
                               evidence=ev),
                      Event(id="e1", type="battle", participants=[{"actor": f"g{n % 4}"}], evidence=ev)]


def corpus(n: int = 120) -> list[Document]:
    return [Document(id=f"d{i:03d}", published="2021-03-02", text=f"Report {i}: groups fought. " * 3)
            for i in range(n)]


def app(db, delay: float = 0.0) -> FactionGraph:
    fg = FactionGraph(db, user_registry=False)
    fg.__dict__["extractor"] = StandIn(delay)
    return fg


def snapshot(db) -> tuple:
    fg = app(db)
    s = fg.store
    facts = [(f.fact_id, f.sources, round(f.confidence, 9), tuple(f.documents), tuple(e["doc"] for e in f.evidence))
             for f in s.iter_facts(include_rejected=True)]
    events = [(e.event_key, tuple(p.actor for p in e.participants)) for e in s.events()]
    out = (s.counts(), [d.id for d in s.documents()], facts, events,
           s._query("SELECT COUNT(*) AS n FROM fact_fusion")[0]["n"])
    fg.close()
    return out


def test_reingest_of_an_unchanged_corpus_extracts_nothing(tmp_path):
    docs = corpus(30)
    fg = app(tmp_path / "fg.db")
    assert fg.ingest(docs, batch=7)["documents_added"] == 30
    fg.close()
    fg = app(tmp_path / "fg.db")
    again = fg.ingest(docs + [Document(id="copy", text=docs[0].text)], batch=7)
    assert fg.extractor.seen == [] and again["documents_unchanged"] == 31 and again["documents_added"] == 0
    changed = Document(id="d003", published="2021-03-02", text="Report 3 revised: groups fought.")
    assert fg.ingest([*docs[:3], changed])["documents_replaced"] == 1 and fg.extractor.seen == ["d003"]
    fg.close()


def _ingest(db, delay):
    fg = app(db, delay)
    fg.ingest(corpus(), batch=5)
    fg.close()


def test_killed_ingests_resume_to_the_same_store(tmp_path):
    whole = tmp_path / "whole.db"
    _ingest(whole, 0.0)
    cut = tmp_path / "cut.db"
    killed_with = []
    for wait in (0.05, 0.6, 1.2, 0.3):  # during the first open, then mid-batch at a few points
        proc = CTX.Process(target=_ingest, args=(cut, 0.01))
        proc.start()
        time.sleep(wait)
        if proc.is_alive():
            os.kill(proc.pid, signal.SIGKILL)
        proc.join(30)
        killed_with.append(snapshot(cut)[0]["documents"] if cut.exists() else 0)
    assert any(0 < n < 120 for n in killed_with)  # at least one kill left a part-done store
    _ingest(cut, 0.0)
    assert snapshot(cut) == snapshot(whole)
