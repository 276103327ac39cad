"""The one-writer rule: a write transaction first takes the store's write lock (SQLite: BEGIN IMMEDIATE;
PostgreSQL: an advisory lock), waiting for another writer with a bounded, reported retry. Readers never take it."""
from __future__ import annotations

import os
import sys
import time
from typing import Callable

from ..errors import FactionGraphError

WAIT_ENV = "FACTIONGRAPH_LOCK_WAIT"  # seconds a writer waits for another one before giving up
DEFAULT_WAIT_S = 120.0


class StoreBusy(FactionGraphError):
    """Another process held the store's write lock for longer than the wait allowed (exit code 1, HTTP 503)."""

    http_status = 503


class StoreUnavailable(FactionGraphError):
    """The store cannot be opened: an unwritable path, an unreachable or refusing PostgreSQL (exit code 1)."""


def wait_limit() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT_S)))
    except ValueError:
        return DEFAULT_WAIT_S


def report(line: str) -> None:
    print(f"factiongraph: {line}", file=sys.stderr, flush=True)


def acquire(try_once: Callable[[], bool], target: str, limit_s: float | None = None,
            say: Callable[[str], None] = report) -> None:
    """Call `try_once` (True: the lock is taken) until it succeeds, sleeping a little longer each time; the
    first wait is reported on stderr, and after `limit_s` seconds StoreBusy is raised."""
    limit = wait_limit() if limit_s is None else limit_s
    start, pause, told = time.monotonic(), 0.02, False
    while not try_once():
        waited = time.monotonic() - start
        if waited >= limit:
            raise StoreBusy(f"{target}: another process is writing to this store; gave up after {waited:.0f} s "
                            f"(set {WAIT_ENV} to wait longer)")
        if not told:
            say(f"{target}: another process is writing to this store; waiting (up to {limit:.0f} s)")
            told = True
        time.sleep(min(pause, max(0.0, limit - waited)))
        pause = min(pause * 2, 0.5)
