"""Persistence: `open_store(target)` gives SQLite for a path and PostgreSQL for a postgresql:// URL."""
from __future__ import annotations

from pathlib import Path

from .base import Store
from .records import Claim, Fact, content_hash, fact_id_of, norm_name

__all__ = ["Claim", "Fact", "Store", "content_hash", "fact_id_of", "norm_name", "open_store", "is_url"]


def is_url(target: str | Path) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def open_store(target: str | Path) -> Store:
    if is_url(target):
        from .postgres import PostgresStore
        return PostgresStore(str(target))
    from .sqlite import SQLiteStore
    return SQLiteStore(target)
