"""Keeping the facts table equal to a fusion of the claims, in the transaction that changes them.

A new document's claims are absorbed into the stored summary of each fact they touch (fusion.absorb), in time
proportional to them: the fact's row is rewritten from the summary except its documents and evidence, which
gain a part (fact_parts, read with the row) instead of being rewritten. When a fact's parts reach the number of
documents in its row it is fused again from all its claims, which writes its row in full: a fact's cost stays
proportional to its claims over the whole ingest. Anything else (a replaced document, a review, an actor
merge, a fact without a summary) fuses the fact from all its claims. Mixed into `Store`."""
from __future__ import annotations

import json
from typing import Iterable

from .fusion import absorb, absorbable, finish, merged_evidence, sources_of, summarize
from .records import _SORTED, FACT_COLUMNS, SPAN_COLUMNS, Claim, _fact_row, key_string

_ORDERED = json.JSONEncoder(ensure_ascii=False).encode  # summaries keep their dicts' order (first attribute wins)
_KEPT = ("fact_id", "documents", "grown", "evidence")  # what absorbing leaves in the row
_SET = [c for c in FACT_COLUMNS if c not in _KEPT]
_GROW = f"UPDATE facts SET {', '.join(f'{c} = ?' for c in _SET)}, grown = grown + 1 WHERE fact_id = ?"
_SAVE = ("INSERT INTO fact_fusion (fact_id, summary) VALUES (?, ?) "
         "ON CONFLICT (fact_id) DO UPDATE SET summary = excluded.summary")
_SOURCE = ("INSERT INTO fact_sources (fact_id, negated, source, confidence) VALUES (?, ?, ?, ?) "
           "ON CONFLICT (fact_id, negated, source) DO UPDATE SET confidence = excluded.confidence")
COMPACT_MIN = 16  # parts a fact may gain before its row can be written in full again


def _chunks(items: list, n: int = 500):
    return (items[i:i + n] for i in range(0, len(items), n))


def _source_rows(fact_id: str, claims: list[Claim]) -> list[list]:
    return [[fact_id, neg, src, conf] for neg in (0, 1)
            for src, conf in sources_of([c for c in claims if int(c.negated) == neg]).items()]


class Upkeep:
    """Needs the backend's primitives, `_claim`, `_reviews_for` and `_fused_rows` (facts)."""

    def _refresh_facts(self, fact_ids: Iterable[str], added: dict[str, list[Claim]] | None = None) -> None:
        """Bring these facts up to date with their claims and reviews (a fact left without claims is dropped).
        `added`: one new document's claims just inserted, by fact id (the document has no other claims in
        them): absorbed into the facts they extend, fused alone into the facts they create."""
        full = set(fact_ids)
        added = {fid: claims for fid, claims in (added or {}).items() if fid not in full}
        stored = self._summaries(sorted(added))
        full |= self._stored_facts(sorted(set(added) - set(stored)))
        counted = self._counted(sorted(stored), added)
        grown = {}
        for fid, (summary, parts) in stored.items():
            claims = added[fid]
            merged = absorb(summary, claims, counted.get(fid, {})) if absorbable(
                summary, claims[0].doc_id, claims) else None
            n = sum(side["n"] for side in (merged or {}).values() if isinstance(side, dict))
            if merged is None or (parts + 1 >= COMPACT_MIN and 2 * (parts + 1) >= n):
                full.add(fid)
            else:
                grown[fid] = merged
        self._create_facts({fid: c for fid, c in added.items() if fid not in full and fid not in grown})
        self._grow_facts(grown, added, counted)
        self._refuse(sorted(full))

    def _summaries(self, fact_ids: list[str]) -> dict[str, tuple[dict, int]]:
        """Stored facts that have a summary: (summary, parts gained since the row was written)."""
        out = {}
        for chunk in _chunks(fact_ids):
            out.update((r["fact_id"], (json.loads(r["summary"]), int(r["grown"]))) for r in self._query(
                f"SELECT s.fact_id, s.summary, f.grown FROM fact_fusion s JOIN facts f ON f.fact_id = s.fact_id "
                f"WHERE s.fact_id IN ({', '.join('?' * len(chunk))})", chunk))
        return out

    def _counted(self, fact_ids: list[str], added: dict[str, list[Claim]]) -> dict[str, dict[str, float]]:
        """By fact and polarity ("a", "d"), the confidence the stored claims give the new document's source."""
        if not fact_ids:
            return {}
        first = added[fact_ids[0]][0]
        source = first.story or first.doc_id
        out: dict[str, dict[str, float]] = {}
        for chunk in _chunks(fact_ids):
            # negated IN (0, 1): lets SQLite's planner look up the whole primary key, not scan a fact's sources
            for r in self._query(f"SELECT fact_id, negated, confidence FROM fact_sources WHERE source = ? AND "
                                 f"negated IN (0, 1) AND fact_id IN ({', '.join('?' * len(chunk))})", [source, *chunk]):
                out.setdefault(r["fact_id"], {})["d" if r["negated"] else "a"] = float(r["confidence"])
        return out

    def _stored_facts(self, fact_ids: list[str]) -> set[str]:
        found = set()
        for chunk in _chunks(fact_ids):
            found |= {r["fact_id"] for r in self._query(
                f"SELECT fact_id FROM facts WHERE fact_id IN ({', '.join('?' * len(chunk))})", chunk)}
        return found

    def _key_reviews(self, claims_by_fact: dict[str, list[Claim]]):
        keys = {fid: (c[0].subject, c[0].predicate, c[0].object) for fid, c in claims_by_fact.items()}
        reviews = self._reviews_for("fact", [key_string(k) for k in keys.values()])
        return keys, {fid: reviews.get(key_string(k), []) for fid, k in keys.items()}

    def _create_facts(self, new: dict[str, list[Claim]]) -> None:
        """Facts that only these claims state: fused from them, without reading anything back."""
        if not new:
            return
        keys, reviews = self._key_reviews(new)
        summaries = {fid: summarize(claims) for fid, claims in new.items()}
        self._bulk_insert("facts", FACT_COLUMNS, [_fact_row(finish(
            keys[fid], summaries[fid], merged_evidence(claims), reviews[fid], None,
            sorted({c.doc_id for c in claims}))) for fid, claims in new.items()])
        self._executemany(_SAVE, [[fid, _ORDERED(s)] for fid, s in summaries.items()])
        self._executemany(_SOURCE, [row for fid, claims in new.items() for row in _source_rows(fid, claims)])

    def _grow_facts(self, grown: dict[str, dict], added: dict[str, list[Claim]],
                    counted: dict[str, dict[str, float]]) -> None:
        """Stored facts extended by one new document: the row from the absorbed summary, plus a part."""
        if not grown:
            return
        keys, reviews = self._key_reviews({fid: added[fid] for fid in grown})
        rows, parts, sources = [], [], []
        for fid, summary in grown.items():
            claims = added[fid]
            values = dict(zip(FACT_COLUMNS, _fact_row(finish(keys[fid], summary, [], reviews[fid]))))
            rows.append([*(values[c] for c in _SET), fid])
            parts.append([_SORTED(sorted({c.doc_id for c in claims})), _SORTED(merged_evidence(claims)), fid])
            sources += [r for r in _source_rows(fid, claims)
                        if counted.get(fid, {}).get("d" if r[1] else "a") is None]
        self._executemany(_GROW, rows)
        self._executemany("INSERT INTO fact_parts (fact_id, seq, documents, evidence) SELECT ?, grown, ?, ? "
                          "FROM facts WHERE fact_id = ?", [[fid, *part, fid] for *part, fid in parts])
        self._executemany(_SAVE, [[fid, _ORDERED(s)] for fid, s in grown.items()])
        self._executemany(_SOURCE, sources)

    def _refuse(self, ids: list[str]) -> None:
        """Fuse facts again from all their claims and reviews, and write their rows in full."""
        for chunk in _chunks(ids):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(
                f"SELECT c.fact_id, c.doc_id, c.subject, c.predicate, c.object, {SPAN_COLUMNS}, c.attributes, "
                f"c.negated, c.confidence, c.evidence, c.recorded_at, d.published, s.story FROM claims c JOIN "
                f"documents d ON d.id = c.doc_id LEFT JOIN stories s ON s.doc_id = c.doc_id "
                f"WHERE c.fact_id IN ({marks}) ORDER BY c.fact_id, c.id", chunk)
            for table in ("facts", "fact_fusion", "fact_sources", "fact_parts"):
                self._exec(f"DELETE FROM {table} WHERE fact_id IN ({marks})", chunk)
            fused = self._fused_rows(rows)
            self._bulk_insert("facts", FACT_COLUMNS, [_fact_row(f) for f, _ in fused])
            self._executemany(_SAVE, [[f.fact_id, _ORDERED(s)] for f, s in fused])
            self._executemany(_SOURCE, [row for f, _ in fused for row in _source_rows(f.fact_id, f.claims)])

    def _rebuild_facts(self) -> None:
        """Fill the facts table from every claim (a store created before it existed)."""
        for table in ("fact_fusion", "fact_sources", "fact_parts"):
            self._exec(f"DELETE FROM {table}")
        last = ""
        while ids := [r["fact_id"] for r in self._query(
                "SELECT DISTINCT fact_id FROM claims WHERE fact_id > ? ORDER BY fact_id LIMIT 5000", [last])]:
            self._refresh_facts(ids)
            last = ids[-1]
