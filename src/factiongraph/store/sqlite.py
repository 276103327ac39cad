"""The embedded backend: one SQLite file, WAL journal (synchronous=NORMAL: a crash may lose the last
commits, never consistency), explicit transactions. Readers never block on the writer (WAL); a write
transaction begins IMMEDIATE, so a second writer waits for the first (locks.acquire) rather than failing."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Sequence

from .base import Store
from .locks import StoreUnavailable, acquire
from .schema import nested

BUSY_S = 0.5  # SQLite's own busy wait for one try; locks.acquire retries, reports and bounds the whole wait


def _locked(e: sqlite3.OperationalError) -> bool:
    return "locked" in str(e) or "busy" in str(e)


class SQLiteStore(Store):
    AUTO_ID = "INTEGER PRIMARY KEY AUTOINCREMENT"
    NO_LIMIT = "-1"

    def __init__(self, path: str | Path):
        self.target = str(path)
        try:
            # isolation_level=None: no implicit transactions, so _tx is the only place one begins and ends
            self.conn = sqlite3.connect(self.target, isolation_level=None, check_same_thread=False, timeout=BUSY_S)
            self.conn.row_factory = sqlite3.Row
            if self.target != ":memory:":
                acquire(lambda: self._try("PRAGMA journal_mode = WAL"), self.target)
            self.conn.execute("PRAGMA synchronous = NORMAL")
            # a 256 MiB page cache (allocated as used) keeps the indexes that bulk ingest inserts into at random
            # places in memory; the default 2 MiB makes a million-claim store re-read its pages from disk
            self.conn.execute("PRAGMA cache_size = -262144")
            self.conn.execute("PRAGMA temp_store = MEMORY")
            self._depth = [0]
            acquire(self._try_migrate, self.target)
        except sqlite3.OperationalError as e:
            if _locked(e):
                raise
            raise StoreUnavailable(f"{self.target}: cannot open the store ({e})") from None
        except sqlite3.DatabaseError as e:
            raise StoreUnavailable(f"{self.target}: not a factiongraph store ({e})") from None

    def _try(self, sql: str) -> bool:
        """Run a statement that needs the database lock; False when another connection holds it."""
        try:
            self.conn.execute(sql)
            return True
        except sqlite3.OperationalError as e:
            if _locked(e):
                return False
            raise

    def _try_migrate(self) -> bool:
        """Migrate; False when even reading the schema met a lock (a fresh file another process is creating)."""
        try:
            self._migrate()
            return True
        except sqlite3.OperationalError as e:
            if _locked(e):
                return False
            raise

    def _tx(self):
        c = self.conn
        return nested(self._depth, lambda: acquire(lambda: self._try("BEGIN IMMEDIATE"), self.target),
                      lambda: c.execute("COMMIT"), lambda: c.execute("ROLLBACK"), c.execute)

    def _exec(self, sql: str, params: Sequence = ()) -> None:
        self.conn.execute(sql, list(params))

    def _executemany(self, sql: str, rows: Sequence[Sequence]) -> None:
        self.conn.executemany(sql, rows)

    def _query(self, sql: str, params: Sequence = ()) -> list[dict]:
        return [dict(r) for r in self.conn.execute(sql, list(params))]

    def _table_exists(self, name: str) -> bool:
        return bool(self._query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [name]))

    def close(self) -> None:
        self.conn.close()
