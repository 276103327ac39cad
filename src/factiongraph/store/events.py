"""Reading events: by participant, place, date and type, with their participants and reviews applied.
Mixed into `Store`."""
from __future__ import annotations

import json
from typing import Iterable

from ..models import Event, Place
from ..results import StoredEvent
from .records import _span, norm_name


class EventReads:
    """Needs the backend's `_query` and `_reviews_for`."""

    def events(self, *, actor: str | None = None, place: str | None = None, date_from: str | None = None,
               date_to: str | None = None, types: Iterable[str] | None = None, doc_id: str | None = None,
               limit: int | None = None, offset: int = 0, include_rejected: bool = False) -> list[Event]:
        """Events by participant, place (name, admin1 or country code), date overlap and type."""
        where, params = [], []
        if actor is not None:
            where.append("e.event_key IN (SELECT p.event_key FROM event_participants p WHERE p.actor_id = ?"
                         + (" AND p.d_latest >= ?" if date_from else "") + ")")
            params += [actor] + ([date_from] if date_from else [])
        if date_from is not None:
            where.append("e.d_latest >= ?"), params.append(date_from)
        if date_to is not None:
            where.append("e.d_earliest <= ?"), params.append(date_to)
        if types is not None:
            types = sorted(set(types))
            where.append(f"e.type IN ({', '.join('?' * len(types))})"), params.extend(types)
        if doc_id is not None:
            where.append("e.doc_id = ?"), params.append(doc_id)
        if place is None:
            sql = f"SELECT e.* FROM events e WHERE {' AND '.join(where) or '1 = 1'}"
        else:
            # one branch per place column, each able to use its (column, type, dates) index; an OR of the three
            # columns makes the planners fall back to the type index or a scan
            branches = [(col, value) for col, value in (("place_key", norm_name(place)),
                                                        ("admin1_key", norm_name(place)), ("country", place.upper()))]
            sql = " UNION ".join(f"SELECT e.* FROM events e WHERE {' AND '.join([f'e.{col} = ?', *where])}"
                                 for col, _ in branches)
            params = [x for _, value in branches for x in (value, *params)]
        sql += " ORDER BY d_earliest, event_key" + (f" LIMIT {int(limit)}" if limit else "")
        if offset:
            sql += ("" if limit else f" LIMIT {self.NO_LIMIT}") + f" OFFSET {int(offset)}"
        return self._events_from_rows(self._query(sql, params), include_rejected)

    def _events_from_rows(self, rows: list[dict], include_rejected: bool) -> list[Event]:
        if not rows:
            return []
        keys = [r["event_key"] for r in rows]
        parts: dict[str, list[dict]] = {}
        for chunk in (keys[i:i + 500] for i in range(0, len(keys), 500)):
            marks = ", ".join("?" * len(chunk))
            for p in self._query(f"SELECT event_key, actor_id, role FROM event_participants "
                                 f"WHERE event_key IN ({marks}) ORDER BY event_key, position", chunk):
                parts.setdefault(p["event_key"], []).append({"actor": p["actor_id"], "role": p["role"]})
        reviews = self._reviews_for("event", keys)
        out = []
        for r in rows:
            status, extra = None, json.loads(r["extra"]) if r["extra"] else {}
            data = dict(extra, id=r["id"], type=r["type"], date=_span("d", r),
                        place=Place.model_validate(json.loads(r["place"])) if r["place"] else None,
                        participants=parts.get(r["event_key"], []), fatalities=r["fatalities"],
                        acled=json.loads(r["acled"]) if r["acled"] else None, summary=r["summary"],
                        confidence=float(r["confidence"]), evidence=json.loads(r["evidence"]),
                        event_key=r["event_key"], doc=r["doc_id"], recorded_at=r["recorded_at"])
            for rv in reviews.get(r["event_key"], []):
                if rv["action"] in ("accept", "reject"):
                    status = rv["action"] + "ed"
                elif rv["action"] == "edit":
                    data.update(json.loads(rv["payload"] or "{}"))
                    data["edited"] = True
            if status == "rejected" and not include_rejected:
                continue
            data["status"] = status
            out.append(StoredEvent.model_validate(data))
        return out

    def event(self, event_key: str) -> Event | None:
        found = self._events_from_rows(self._query("SELECT * FROM events e WHERE event_key = ?", [event_key]), True)
        return found[0] if found else None
