"""Reading fused facts: by actor, predicate, date and id, with or without their claims and evidence.
Mixed into `Store`."""
from __future__ import annotations

import json
from typing import Iterable, Iterator, Sequence

from .fusion import fuse
from .records import FACT_COLUMNS, Claim, Fact, _fact_from_row, _span, key_string


class FactReads:
    """Needs the backend's `_query`."""

    @staticmethod
    def _claim(row: dict) -> Claim:
        evidence = row.get("evidence")
        return Claim(doc_id=row["doc_id"], subject=row["subject"], predicate=row["predicate"],
                     object=row["object"], start=_span("s", row), end=_span("e", row),
                     attributes=json.loads(row["attributes"]), negated=bool(row["negated"]),
                     confidence=float(row["confidence"]), evidence=json.loads(evidence) if evidence else [],
                     recorded_at=row["recorded_at"], published=row.get("published"))

    def _reviews_for(self, kind: str, targets: Sequence[str]) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        targets = sorted(set(targets))
        for chunk in (targets[i:i + 500] for i in range(0, len(targets), 500)):
            marks = ", ".join("?" * len(chunk))
            for r in self._query(f"SELECT * FROM reviews WHERE target_kind = ? AND target IN ({marks}) ORDER BY id",
                                 [kind, *chunk]):
                out.setdefault(r["target"], []).append(r)
        return out

    def _fuse_rows(self, rows: list[dict]) -> list[Fact]:
        """Fuse claim rows (ordered by fact id) with the reviews of their facts."""
        grouped: dict[str, list[dict]] = {}
        for r in rows:
            grouped.setdefault(r["fact_id"], []).append(r)
        keys = {fid: (g[0]["subject"], g[0]["predicate"], g[0]["object"]) for fid, g in grouped.items()}
        reviews = self._reviews_for("fact", [key_string(k) for k in keys.values()])
        return [fuse(keys[fid], [self._claim(r) for r in g], reviews.get(key_string(keys[fid]), []))
                for fid, g in grouped.items()]

    def with_claims(self, facts: list[Fact]) -> list[Fact]:
        """Attach each fact's claims (with their evidence) where they were not read; returns the same list."""
        missing = sorted({f.fact_id for f in facts if f.claims is None})
        found: dict[str, list[Claim]] = {}
        for chunk in (missing[i:i + 500] for i in range(0, len(missing), 500)):
            marks = ", ".join("?" * len(chunk))
            for r in self._query(f"SELECT c.*, d.published FROM claims c JOIN documents d ON d.id = c.doc_id "
                                 f"WHERE c.fact_id IN ({marks}) ORDER BY c.fact_id, c.id", chunk):
                found.setdefault(r["fact_id"], []).append(self._claim(r))
        for f in facts:
            if f.claims is None:
                f.claims = found.get(f.fact_id, [])
        return facts

    def facts(self, *, subject: str | None = None, object: str | None = None, actor: str | None = None,
              predicates: Iterable[str] | None = None, subjects: Iterable[str] | None = None,
              fact_id: str | None = None, holding_on: str | None = None, include_rejected: bool = False,
              claims: bool = True, objects: Iterable[str] | None = None, actors: Iterable[str] | None = None,
              limit: int | None = None, ordered: bool = True, index_predicates: bool = True,
              evidence: bool = True, started_by: str | None = None, undated: bool = False,
              recent_first: bool = False) -> list[Fact]:
        """Fused facts matching every given filter, in fact-id order (`actor`: either end; `holding_on`: begun
        by that day and not ended before it, by their own dates). Without `claims` they come without evidence,
        which is what makes broad questions cheap."""
        where, params = [], []
        if fact_id is not None:
            where.append("f.fact_id = ?"), params.append(fact_id)
        if subject is not None:
            where.append("f.subject = ?"), params.append(subject)
        if object is not None:
            where.append("f.object = ?"), params.append(object)
        if actor is not None:
            where.append("(f.subject = ? OR f.object = ?)"), params.extend([actor, actor])
        if subjects is not None:
            subjects = sorted(set(subjects))
            if not subjects:
                return []
            where.append(f"f.subject IN ({', '.join('?' * len(subjects))})"), params.extend(subjects)
        if objects is not None:
            objects = sorted(set(objects))
            if not objects:
                return []
            where.append(f"f.object IN ({', '.join('?' * len(objects))})"), params.extend(objects)
        if actors is not None:  # either end in the set
            actors = sorted(set(actors))
            if not actors:
                return []
            marks = ", ".join("?" * len(actors))
            where.append(f"(f.subject IN ({marks}) OR f.object IN ({marks}))"), params.extend(actors + actors)
        if predicates is not None:
            predicates = sorted(set(predicates))
            # `index_predicates=False`: an expression no index serves, so that a limited question in fact-id
            # order walks the primary key and stops early instead of sorting every fact of the predicates
            column = "f.predicate" if index_predicates else "(f.predicate || '')"
            where.append(f"{column} IN ({', '.join('?' * len(predicates))})"), params.extend(predicates)
        if holding_on is not None:
            where.append("(f.s_earliest IS NULL OR f.s_earliest <= ?) AND (f.e_latest IS NULL OR f.e_latest >= ?)")
            params.extend([holding_on, holding_on])
        if started_by is not None:  # dated, and begun by that day
            where.append("f.s_earliest <= ?"), params.append(started_by)
        if undated:
            where.append("f.s_earliest IS NULL")
        if not include_rejected:
            where.append("(f.status IS NULL OR f.status <> 'rejected')")
        # unordered, a limited question stops at its first `limit` rows in whichever index serves its filters
        columns = "*" if evidence or claims else ", ".join(f"f.{c}" for c in FACT_COLUMNS if c != "evidence")
        order = " ORDER BY f.s_earliest DESC, f.fact_id DESC" if recent_first else " ORDER BY f.fact_id"
        sql = f"SELECT {columns} FROM facts f WHERE {' AND '.join(where) or '1 = 1'}" + (order if ordered else "")
        rows = self._query(sql + (f" LIMIT {int(limit)}" if limit is not None else ""), params)
        found = [_fact_from_row(r) for r in rows]
        return self.with_claims(found) if claims else found

    def fact(self, fact_id: str) -> Fact | None:
        found = self.facts(fact_id=fact_id, include_rejected=True)
        return found[0] if found else None

    def iter_facts(self, include_rejected: bool = False, batch: int = 5000, claims: bool = True) -> Iterator[Fact]:
        """Every fact, streamed in fact-id order so exports of large stores stay in bounded memory."""
        last = ""
        rejected = "" if include_rejected else " AND (status IS NULL OR status <> 'rejected')"
        while rows := self._query(f"SELECT * FROM facts WHERE fact_id > ?{rejected} ORDER BY fact_id LIMIT ?",
                                  [last, batch]):
            found = [_fact_from_row(r) for r in rows]
            yield from (self.with_claims(found) if claims else found)
            last = rows[-1]["fact_id"]
