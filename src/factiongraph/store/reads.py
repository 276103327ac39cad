"""Reads the workbench needs beside the graph questions: the store's change counter, documents and what was
found in each, the review queue, the span of dates the store covers. Mixed into `Store`; the SQL is the
portable subset both backends run."""
from __future__ import annotations

import json
from typing import Iterable, Iterator

from ..models import Actor, Document, Event, Relation
from .records import FACT_COLUMNS, _fact_from_row, norm_name


def _contains(text: str) -> str:
    """A LIKE pattern (ESCAPE '\\') matching values that contain `text` literally: its % and _ are not wildcards."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

from ..timeutil import parse_partial_iso


def _last_day(published: str | None) -> str | None:
    try:
        return parse_partial_iso(published)[1].isoformat() if published else None
    except ValueError:
        return None


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
            where, params = (" WHERE LOWER(COALESCE(title, '')) LIKE ? ESCAPE '\\' OR LOWER(id) LIKE ? ESCAPE '\\'",
                             [_contains(text.lower())] * 2)
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
        return self._facts_from_rows(self._query(
            "SELECT * FROM facts WHERE status IS NULL AND (contradictions <> '[]' OR confidence < ?) "
            "ORDER BY CASE WHEN contradictions <> '[]' THEN 0 ELSE 1 END, confidence, fact_id "
            f"LIMIT {int(limit)} OFFSET {int(offset)}", [max_confidence]))

    def departures_from(self, subjects, coalitions) -> list:
        """Facts that may end these subjects' memberships of these coalitions: left or split_from one of them,
        or merged_into anything (not rejected). Read by subject, and filtered on the coalition before any fact
        is built: a member's departures from other coalitions are most of what the subject index finds."""
        columns = ", ".join(c for c in FACT_COLUMNS if c != "evidence")
        subjects, coalitions = sorted(set(subjects)), set(coalitions)
        out = []
        for chunk in (subjects[i:i + 500] for i in range(0, len(subjects), 500)):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(f"SELECT {columns} FROM facts WHERE subject IN ({marks}) AND predicate IN "
                               f"('left', 'split_from', 'merged_into') AND (status IS NULL OR status <> 'rejected')",
                               chunk)
            out += self._facts_from_rows([r for r in rows
                                          if r["predicate"] == "merged_into" or r["object"] in coalitions])
        return sorted(out, key=lambda f: f.fact_id)

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

    def person_exit_events(self, persons=None, event_types=(), roles=()) -> list[tuple[str, object, str | None]]:
        """(person, event, last day of the event's document's publication) for every event of these types in
        which a person takes part in one of these roles (deaths and arrests are among them); `persons`: only
        those ones."""
        types, roles = sorted(set(event_types)), sorted(set(roles))
        where = [f"e.type IN ({', '.join('?' * len(types))})", f"p.role IN ({', '.join('?' * len(roles))})",
                 "a.type = 'person'"]
        params: list = [*types, *roles]
        chunks: list = [None]
        if persons is not None:
            persons = sorted(set(persons))
            if not persons:
                return []
            chunks = [persons[i:i + 500] for i in range(0, len(persons), 500)]
        out = []
        for chunk in chunks:
            extra = f" AND p.actor_id IN ({', '.join('?' * len(chunk))})" if chunk else ""
            rows = self._query("SELECT DISTINCT p.actor_id, p.event_key, d.published FROM event_participants p "
                               "JOIN events e ON e.event_key = p.event_key JOIN actors a ON a.id = p.actor_id "
                               f"LEFT JOIN documents d ON d.id = e.doc_id WHERE {' AND '.join(where)}{extra} "
                               "ORDER BY p.actor_id, p.event_key", params + (chunk or []))
            keys = sorted({r["event_key"] for r in rows})
            events = {}
            for part in (keys[i:i + 500] for i in range(0, len(keys), 500)):
                marks = ", ".join("?" * len(part))
                events.update({e.event_key: e for e in self._events_from_rows(
                    self._query(f"SELECT * FROM events e WHERE event_key IN ({marks})", part), False)})
            out += [(r["actor_id"], events[r["event_key"]], _last_day(r["published"]))
                    for r in rows if r["event_key"] in events]
        return out

    # -- search, export, summary --------------------------------------------------------------------
    def search(self, text: str, limit: int = 50) -> dict[str, list]:
        """Actors whose name or alias contains the text, facts naming them, events whose summary contains it."""
        n = norm_name(text)  # letters, digits and spaces only: nothing LIKE reads as a wildcard
        ids = [] if not n else [r["actor_id"] for r in self._query(
            "SELECT DISTINCT actor_id FROM aliases WHERE norm LIKE ? ORDER BY actor_id LIMIT ?", [f"%{n}%", limit])]
        ids += [] if not n else [r["id"] for r in self._query(
            "SELECT id FROM actors WHERE id LIKE ? ORDER BY id LIMIT ?", [f"%{n.replace(' ', '-')}%", limit])]
        resolve = self._resolver()
        actor_ids = sorted({resolve(i) for i in ids})
        events = self._events_from_rows(self._query(
            "SELECT * FROM events e WHERE LOWER(e.summary) LIKE ? ESCAPE '\\' ORDER BY e.d_earliest, e.event_key "
            "LIMIT ?", [_contains(text.lower()), limit]), False) if text.strip() else []
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


    search_text = search
