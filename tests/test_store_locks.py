"""The one-writer rule with real processes: readers never wait for a writer; a second writer waits, reports
that it waits, and gives up after the bound; concurrent first opens of a fresh store all succeed."""
from __future__ import annotations

import multiprocessing as mp
import time

import pytest

from conftest import hts_records
from factiongraph.models import Document
from factiongraph.store import open_store
from factiongraph.store.locks import StoreBusy, StoreUnavailable, acquire

CTX = mp.get_context("fork")


def _open_and_ingest(target, n, barrier, out):
    barrier.wait()
    try:
        with open_store(target) as s:
            s.ingest(Document(id=f"d{n}", text=f"document {n}"), [], extractor_version="v1")
            out.put((n, s.schema_version()))
    except BaseException as e:  # noqa: BLE001 - reported to the test
        out.put((n, f"{type(e).__name__}: {e}"))


def test_concurrent_first_opens_all_succeed(store_target):
    n = 12
    barrier, out = CTX.Barrier(n), CTX.Queue()
    procs = [CTX.Process(target=_open_and_ingest, args=(store_target, i, barrier, out)) for i in range(n)]
    for p in procs:
        p.start()
    results = dict(out.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(30)
    with open_store(store_target) as s:
        version = s.schema_version()
        assert s.counts()["documents"] == n  # no document lost
        assert [r["version"] for r in s._query("SELECT version FROM schema_version ORDER BY version")] == \
            list(range(1, version + 1))  # each migration applied once
    assert results == {i: version for i in range(n)}


def _hold_write_lock(target, held, release):
    with open_store(target) as s, s._tx():
        s._touch()
        held.set()
        release.wait(60)


def _holding(target):
    held, release = CTX.Event(), CTX.Event()
    proc = CTX.Process(target=_hold_write_lock, args=(target, held, release))
    proc.start()
    assert held.wait(60)
    return proc, release


def test_readers_do_not_wait_for_a_writer(store_target):
    with open_store(store_target) as s:
        s.ingest(*hts_records()[0], extractor_version="v1")
    proc, release = _holding(store_target)
    try:
        t = time.monotonic()
        with open_store(store_target) as reader:  # opening an up-to-date store takes no lock
            assert reader.counts()["documents"] == 1 and reader.facts(actor="hts", claims=False)
        assert time.monotonic() - t < 3
    finally:
        release.set()
        proc.join(30)


def test_a_writer_waits_reports_and_gives_up_after_the_bound(store_target, monkeypatch, capsys):
    open_store(store_target).close()
    proc, release = _holding(store_target)
    try:
        monkeypatch.setenv("FACTIONGRAPH_LOCK_WAIT", "1")
        with open_store(store_target) as s:
            t = time.monotonic()
            with pytest.raises(StoreBusy, match="another process is writing"):
                s.ingest(Document(id="late", text="late"), [], extractor_version="v1")
            assert 0.9 < time.monotonic() - t < 5
            assert "waiting (up to 1 s)" in capsys.readouterr().err
            monkeypatch.setenv("FACTIONGRAPH_LOCK_WAIT", "60")
            CTX.Process(target=_release_after, args=(release, 1.0)).start()
            t = time.monotonic()
            assert s.ingest(Document(id="late", text="late"), [], extractor_version="v1")["documents_added"] == 1
            assert time.monotonic() - t > 0.5  # it waited for the holder, then wrote
            assert s.counts()["documents"] == 1
    finally:
        release.set()
        proc.join(30)


def _release_after(release, seconds):
    time.sleep(seconds)
    release.set()


def test_acquire_retries_until_taken_and_reports_once():
    tries, said = iter([False, False, True]), []
    acquire(lambda: next(tries), "db", limit_s=10, say=said.append)
    assert len(said) == 1 and "db: another process" in said[0]
    with pytest.raises(StoreBusy):
        acquire(lambda: False, "db", limit_s=0.05, say=said.append)


def test_unopenable_stores_are_one_clear_error(tmp_path):
    with pytest.raises(StoreUnavailable, match="cannot open the store"):
        open_store(tmp_path / "no" / "such" / "dir" / "fg.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreUnavailable, match="not a factiongraph store"):
        open_store(junk)
    with pytest.raises(StoreUnavailable, match="cannot connect to PostgreSQL"):
        open_store("postgresql://fg:secret@127.0.0.1:1/none")
