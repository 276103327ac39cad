"""The Store interface: the backend primitives, and the parts every backend shares, mixed in from their modules
(schema, ingest, upkeep of the fused facts, identity, reviews, reads).

What a document says is stored as claims, one per relation and document, and never edited; they are the
source of truth. Facts are fused from them and kept in the `facts` table, rebuilt (in the same transaction)
whenever one of a fact's claims or reviews changes, so that reads filter fused facts in SQL instead of fusing
every claim of an actor on each question. Keeping claims and facts apart is what makes re-ingest safe:
replacing a document's claims cannot lose an analyst's work, because reviews and actor merges are keyed by
stable ids (fact keys, event keys, actor ids), never by rows.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Sequence

from .copies import Stories
from .edges import Edges
from .events import EventReads
from .facts import FactReads
from .identity import Identity
from .ingest import Ingest
from .reads import Reads
from .reviews import Reviews
from .schema import Schema
from .skip import Known
from .upkeep import Upkeep


class Store(Schema, Ingest, Upkeep, Stories, Known, Identity, FactReads, EventReads, Edges, Reviews, Reads, ABC):
    """A factiongraph store. Backends supply the connection, transactions and SQL dialect; the logic lives here."""

    AUTO_ID = ""  # the dialect's auto-increment primary key column type
    NO_LIMIT = "ALL"  # LIMIT without a bound, so that OFFSET can follow
    target: str = ""

    # -- backend primitives -------------------------------------------------------------------------
    @abstractmethod
    def _tx(self): """A context manager: one transaction, rolled back on any exception."""

    @abstractmethod
    def _exec(self, sql: str, params: Sequence = ()) -> None: ...

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence]) -> None: ...

    @abstractmethod
    def _query(self, sql: str, params: Sequence = ()) -> list[dict]: ...

    @abstractmethod
    def _table_exists(self, name: str) -> bool: ...

    def _bulk_insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
        """Insert many new rows (no conflicts expected); backends may use a faster path than executemany."""
        if rows:
            self._executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                              rows)

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
