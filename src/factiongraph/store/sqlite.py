"""The embedded backend: one SQLite file, WAL journal (synchronous=NORMAL: a crash may lose the last
commits, never consistency), explicit transactions."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Sequence

from .base import Store
from .schema import nested


class SQLiteStore(Store):
    AUTO_ID = "INTEGER PRIMARY KEY AUTOINCREMENT"
    NO_LIMIT = "-1"

    def __init__(self, path: str | Path):
        self.target = str(path)
        # isolation_level=None: no implicit transactions, so _tx is the only place one begins and ends
        self.conn = sqlite3.connect(self.target, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        if self.target != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        # a 256 MiB page cache (allocated as used) keeps the indexes that bulk ingest inserts into at random
        # places in memory; the default 2 MiB makes a million-claim store re-read its pages from disk
        self.conn.execute("PRAGMA cache_size = -262144")
        self.conn.execute("PRAGMA temp_store = MEMORY")
        self._depth = [0]
        self._migrate()

    def _tx(self):
        c = self.conn
        return nested(self._depth, lambda: c.execute("BEGIN IMMEDIATE"), lambda: c.execute("COMMIT"),
                      lambda: c.execute("ROLLBACK"), c.execute)

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
