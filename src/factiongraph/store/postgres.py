"""The server backend: PostgreSQL through psycopg 3, the same SQL as SQLite with %s placeholders."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from .base import Store
from .schema import nested

_QMARK = re.compile(r"\?")


@lru_cache(maxsize=512)
def _pg(sql: str) -> str:
    """The portable SQL uses ? placeholders and never a literal ? or %, so the rewrite is exact."""
    return _QMARK.sub("%s", sql)


class PostgresStore(Store):
    AUTO_ID = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"

    def __init__(self, url: str):
        import psycopg
        from psycopg.rows import dict_row
        self.target = url
        self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        self._depth = [0]
        self._migrate()

    def _tx(self):
        c = self.conn
        return nested(self._depth, lambda: c.execute("BEGIN"), lambda: c.execute("COMMIT"),
                      lambda: c.execute("ROLLBACK"), c.execute)

    def _exec(self, sql: str, params: Sequence = ()) -> None:
        self.conn.execute(_pg(sql), list(params))

    def _executemany(self, sql: str, rows: Sequence[Sequence]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(_pg(sql), rows)

    def _bulk_insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
        """COPY: several times faster than executemany for the thousands of claims one document brings."""
        if not rows:
            return
        with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _query(self, sql: str, params: Sequence = ()) -> list[dict]:
        return list(self.conn.execute(_pg(sql), list(params)).fetchall())

    def _table_exists(self, name: str) -> bool:
        return bool(self._query("SELECT 1 AS x FROM information_schema.tables WHERE table_name = ? "
                                "AND table_schema = current_schema()", [name]))

    def close(self) -> None:
        self.conn.close()
