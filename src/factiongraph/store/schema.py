"""Schema and migrations: the numbered SQL files in migrations/, applied once each, in order; and nested
transactions (savepoints inside the outermost one)."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from .records import utcnow

MIGRATIONS = Path(__file__).parent / "migrations"
# migrations after which the facts table is (re)filled from the claims already stored: 3 creates it, 4 adds the
# evidence column
REFILL_FACTS_AFTER = frozenset({3, 4})


class Schema:
    """Mixed into `Store`; needs the backend's primitives and `_rebuild_facts`."""

    def _migrate(self) -> None:
        """Apply every migration file not yet recorded in schema_version. An up-to-date store is only read (no
        write lock); otherwise the pending ones are applied under the write lock, checked again once it is held,
        so that processes opening a fresh store at once apply each migration once. Each migration is a
        savepoint of that transaction."""
        files = sorted(MIGRATIONS.glob("[0-9][0-9][0-9]_*.sql"))
        if self._applied() >= {int(p.name[:3]) for p in files}:
            return
        with self._tx():
            if not self._table_exists("schema_version"):
                self._exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                           "applied_at TEXT NOT NULL)")
            applied = self._applied()
            pending = [p for p in files if int(p.name[:3]) not in applied]
            # facts are refilled once, in the savepoint of the last migration, when any pending one needs it
            refill = any(int(p.name[:3]) in REFILL_FACTS_AFTER for p in pending)
            for path in pending:
                self._apply(path, refill and path == pending[-1])

    def _applied(self) -> set[int]:
        if not self._table_exists("schema_version"):
            return set()
        return {int(r["version"]) for r in self._query("SELECT version FROM schema_version")}

    def _apply(self, path: Path, refill: bool) -> None:
        sql = path.read_text(encoding="utf-8").replace("{{AUTO_ID}}", self.AUTO_ID)
        sql = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
        with self._tx():
            for statement in filter(str.strip, sql.split(";")):
                self._exec(statement)
            if refill:
                self._rebuild_facts()
            self._exec("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                       [int(path.name[:3]), path.stem, utcnow()])

    def schema_version(self) -> int:
        return max((r["version"] for r in self._query("SELECT version FROM schema_version")), default=0)


@contextmanager
def nested(depth: list[int], begin, commit, rollback, execute):
    """Transactions that nest: the outermost begins and commits; an inner one is a savepoint, so an exception
    inside it undoes its own work only (and still propagates)."""
    if depth[0]:
        name = f"fg_sp{depth[0]}"
        execute(f"SAVEPOINT {name}")
        depth[0] += 1
        try:
            yield
        except BaseException:
            execute(f"ROLLBACK TO SAVEPOINT {name}")
            execute(f"RELEASE SAVEPOINT {name}")
            raise
        finally:
            depth[0] -= 1
        execute(f"RELEASE SAVEPOINT {name}")
        return
    begin()  # may fail (a writer that gave up waiting): nothing began, so the depth stays 0
    depth[0] = 1
    try:
        yield
    except BaseException:
        depth[0] = 0
        rollback()
        raise
    depth[0] = 0
    commit()
