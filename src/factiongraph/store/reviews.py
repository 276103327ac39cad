"""Analyst reviews of facts and events: accept, reject, edit. A review names a fact's key or an event's key,
so it outlives re-ingest. Mixed into `Store`."""
from __future__ import annotations

import json

from ..models import Event, TimeSpan
from .records import Fact, _json, key_string, utcnow

REVIEW_ACTIONS = ("accept", "reject", "edit")
EDITABLE = ("start", "end", "attributes", "confidence")


class Reviews:
    """Needs the backend's primitives, `fact`, `event`, `_touch` and `_refresh_facts`."""

    @staticmethod
    def _reviewed(kind: str, target: str, action: str, found):
        """What a review names, once the action is known and the target exists."""
        if action not in REVIEW_ACTIONS:
            raise ValueError(f"unknown review action {action!r} (accept, reject, edit)")
        if found is None:
            raise KeyError(f"no {kind} {target}")
        return found

    def _add_review(self, kind: str, target: str, action: str, author: str, payload: dict,
                    note: str | None = None) -> None:
        if not author or not author.strip():
            raise ValueError("a review needs an author")
        payload = {**payload, "note": note} if note else payload
        self._exec("INSERT INTO reviews (target_kind, target, action, payload, author, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)", [kind, target, action, _json(payload or None), author, utcnow()])

    def review_fact(self, fact_id: str, action: str, *, author: str, changes: dict | None = None,
                    note: str | None = None) -> Fact:
        """Accept, reject or edit a fact; the review outlives re-ingest because it names the fact's key."""
        fact = self._reviewed("fact", fact_id, action, self.fact(fact_id))
        payload = dict(changes or {})
        if action == "edit":
            bad = set(payload) - set(EDITABLE)
            if not payload or bad:
                raise ValueError(f"edit changes one of {', '.join(EDITABLE)}" + (f"; not {sorted(bad)}" if bad else ""))
            for k in ("start", "end"):
                if payload.get(k) is not None:
                    payload[k] = TimeSpan.model_validate(payload[k]).to_dict()
            if "confidence" in payload and not 0 <= float(payload["confidence"]) <= 1:
                raise ValueError("confidence must be in [0, 1]")
        with self._tx():
            self._touch()
            self._add_review("fact", key_string(fact.key), action, author, payload, note)
            self._refresh_facts([fact_id])
        return self.fact(fact_id)  # type: ignore[return-value]

    def review_event(self, event_key: str, action: str, *, author: str, changes: dict | None = None,
                     note: str | None = None) -> Event:
        event = self._reviewed("event", event_key, action, self.event(event_key))
        payload = dict(changes or {})
        if action == "edit":
            Event.model_validate({**event.to_dict(), **payload})  # refuse an edit that breaks the format
        with self._tx():
            self._touch()
            self._add_review("event", event_key, action, author, payload, note)
        return self.event(event_key)  # type: ignore[return-value]

    def reviews(self, kind: str | None = None, target: str | None = None) -> list[dict]:
        where, params = [], []
        if kind:
            where.append("target_kind = ?"), params.append(kind)
        if target:
            where.append("target = ?"), params.append(target)
        rows = self._query(f"SELECT * FROM reviews WHERE {' AND '.join(where) or '1 = 1'} ORDER BY id", params)
        for r in rows:
            r["payload"] = json.loads(r["payload"]) if r["payload"] else None
        return rows
