"""Reads the workbench needs beside the graph questions: the store's change counter, documents and what was
found in each, the review queue, the span of dates the store covers. Mixed into `Store`; the SQL is the
portable subset both backends run."""
from __future__ import annotations

import json
from typing import Iterable, Iterator

from ..models import Actor, Document, Event, Relation
from .records import _fact_from_row, norm_name


class Reads:
    """Needs the backend's `_query` and `_exec`."""

    def _touch(self) -> None:
        """Bump the change counter; every write transaction calls it."""
        self._exec("UPDATE store_state SET version = version + 1 WHERE id = 1")

    def state_version(self) -> int:
        """A number that changes whenever anything in the store does (ingest, review, registry)."""
        rows = self._query("SELECT version FROM store_state WHERE id = 1")
        return int(rows[0]["version"]) if rows else 0

    def document_list(self, limit: int = 50, offset: int = 0, text: str | None = None) -> list[dict]:
        """Documents without their text, newest publication first; `text`: title or id contains it."""
        where, params = "", []
        if text:
            where, params = " WHERE LOWER(COALESCE(title, '')) LIKE ? OR LOWER(id) LIKE ?", [f"%{text.lower()}%"] * 2
        return self._query(f"SELECT id, title, published, source, url, recorded_at FROM documents{where} "
                           f"ORDER BY published DESC, id LIMIT {int(limit)} OFFSET {int(offset)}", params)

    def document_claims(self, doc_id: str) -> list[dict]:
        """What one document says: its claims with their fact ids, evidence and the fused fact's status."""
        rows = self._query("SELECT c.fact_id, c.subject, c.predicate, c.object, c.negated, c.confidence, c.evidence, "
                           "f.status FROM claims c LEFT JOIN facts f ON f.fact_id = c.fact_id WHERE c.doc_id = ? "
                           "ORDER BY c.id", [doc_id])
        for r in rows:
            r["evidence"] = json.loads(r["evidence"]) if r["evidence"] else []
        return rows

    def review_queue(self, max_confidence: float, limit: int, offset: int = 0) -> list:
        """Facts no one has reviewed that are contradicted or less confident than `max_confidence`:
        contradicted ones first, then the least confident."""
        return [_fact_from_row(r) for r in self._query(
            "SELECT * FROM facts WHERE status IS NULL AND (contradictions <> '[]' OR confidence < ?) "
            "ORDER BY CASE WHEN contradictions <> '[]' THEN 0 ELSE 1 END, confidence, fact_id "
            f"LIMIT {int(limit)} OFFSET {int(offset)}", [max_confidence])]

    def actor_labels(self, ids) -> dict[str, dict]:
        """Id, name and type of each actor (no aliases): what a drawing of many nodes needs."""
        ids = sorted(set(ids))
        out: dict[str, dict] = {}
        for chunk in (ids[i:i + 900] for i in range(0, len(ids), 900)):
            marks = ", ".join("?" * len(chunk))
            for r in self._query(f"SELECT id, name, type FROM actors WHERE id IN ({marks})", chunk):
                out[r["id"]] = r
        return out

    def date_extent(self) -> dict:
        """The span of days the store's facts and events cover, from indexes only (facts_start, events_date): from
        the first start of a fact or end of an event to the last of either."""
        # one aggregate a query: that is what lets the planners read the first or last index entry only
        one = lambda sql: self._query(sql)[0]["x"]  # noqa: E731
        lows = [x for x in (one("SELECT MIN(s_earliest) AS x FROM facts"), one("SELECT MIN(d_latest) AS x FROM events"))
                if x]
        highs = [x for x in (one("SELECT MAX(s_earliest) AS x FROM facts"), one("SELECT MAX(d_latest) AS x FROM events"))
                 if x]
        return {"first": min(lows) if lows else None, "last": max(highs) if highs else None}

    # -- search, export, summary --------------------------------------------------------------------
    def search(self, text: str, limit: int = 50) -> dict[str, list]:
        """Actors whose name or alias contains the text, facts naming them, events whose summary contains it."""
        n = norm_name(text)
        like = f"%{n}%"
        ids = [r["actor_id"] for r in self._query(
            "SELECT DISTINCT actor_id FROM aliases WHERE norm LIKE ? ORDER BY actor_id LIMIT ?", [like, limit])]
        ids += [r["id"] for r in self._query("SELECT id FROM actors WHERE id LIKE ? ORDER BY id LIMIT ?",
                                            [f"%{n.replace(' ', '-')}%", limit])]
        resolve = self._resolver()
        actor_ids = sorted({resolve(i) for i in ids})
        events = self._events_from_rows(self._query(
            "SELECT * FROM events e WHERE LOWER(e.summary) LIKE ? ORDER BY e.d_earliest, e.event_key LIMIT ?",
            [f"%{text.lower()}%", limit]), False)
        return {"actors": list(self.actors(actor_ids).values()), "events": events}

    def documents(self, ids: Iterable[str] | None = None) -> list[Document]:
        if ids is None:
            rows = self._query("SELECT * FROM documents ORDER BY id")
        else:
            ids = sorted(set(ids))
            rows = self._query(f"SELECT * FROM documents WHERE id IN ({', '.join('?' * len(ids))}) ORDER BY id",
                               ids) if ids else []
        return [Document.model_validate({**(json.loads(r["extra"]) if r["extra"] else {}), "id": r["id"],
                                         "title": r["title"], "published": r["published"], "source": r["source"],
                                         "url": r["url"], "text": r["text"]}) for r in rows]

    def export_records(self, include_rejected: bool = False) -> Iterator[Document | Actor | Relation | Event]:
        """The whole store in the exchange format: documents, actors, fused facts with all evidence, events."""
        yield from self.documents()
        ids = [r["id"] for r in self._query("SELECT id FROM actors WHERE merged_into IS NULL ORDER BY id")]
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            yield from self.actors(chunk).values()
        for fact in self.iter_facts(include_rejected):
            yield fact.to_relation()
        keys = [r["event_key"] for r in self._query("SELECT event_key FROM events ORDER BY event_key")]
        for chunk in (keys[i:i + 500] for i in range(0, len(keys), 500)):
            marks = ", ".join("?" * len(chunk))
            yield from self._events_from_rows(
                self._query(f"SELECT * FROM events e WHERE event_key IN ({marks}) ORDER BY event_key", chunk),
                include_rejected)

    def counts(self) -> dict:
        one = lambda sql: self._query(sql)[0]["n"]  # noqa: E731
        return {
            "documents": one("SELECT COUNT(*) AS n FROM documents"),
            "actors": one("SELECT COUNT(*) AS n FROM actors WHERE merged_into IS NULL"),
            "claims": one("SELECT COUNT(*) AS n FROM claims"),
            "relations": {r["predicate"]: r["n"] for r in self._query(
                "SELECT predicate, COUNT(*) AS n FROM facts GROUP BY predicate ORDER BY predicate")},
            "events": {r["type"]: r["n"] for r in self._query(
                "SELECT type, COUNT(*) AS n FROM events GROUP BY type ORDER BY type")},
            "reviews": one("SELECT COUNT(*) AS n FROM reviews"),
        }

