"""Keeping the facts table equal to a fusion of the claims, in the transaction that changes them. A new
document's claims are absorbed into the stored summary of each fact they touch (fusion.absorb), in time
proportional to them: the fact row is rewritten from the summary, and its evidence list appended to in SQL
without being read. Anything else (a replaced document, a review, an actor merge, a fact without a summary)
re-fuses the fact from all its claims. Mixed into `Store`."""
from __future__ import annotations

import json
from typing import Iterable

from .fusion import absorb, absorbable, finish, merged_evidence, summarize
from .records import FACT_COLUMNS, SPAN_COLUMNS, Claim, _fact_row, _SORTED, key_string

_ORDERED = json.JSONEncoder(ensure_ascii=False).encode  # summaries keep their dicts' order (first attribute wins)
_GROW = (f"UPDATE facts SET {', '.join(f'{c} = ?' for c in FACT_COLUMNS[1:-1])}, evidence = CASE WHEN "
         f"evidence = '[]' THEN ? ELSE substr(evidence, 1, length(evidence) - 1) || ? END WHERE fact_id = ?")
_SAVE = ("INSERT INTO fact_fusion (fact_id, summary) VALUES (?, ?) "
         "ON CONFLICT (fact_id) DO UPDATE SET summary = excluded.summary")
assert FACT_COLUMNS[0] == "fact_id" and FACT_COLUMNS[-1] == "evidence"


def _chunks(items: list, n: int = 500):
    return (items[i:i + n] for i in range(0, len(items), n))


class Upkeep:
    """Needs the backend's primitives, `_claim`, `_reviews_for` and `_fused_rows` (facts)."""

    def _refresh_facts(self, fact_ids: Iterable[str], added: dict[str, list[Claim]] | None = None) -> None:
        """Bring these facts up to date with their claims and reviews (a fact left without claims is dropped).
        `added`: one document's claims just inserted, by fact id: absorbed into the facts they extend, fused
        alone into the facts they create."""
        full = set(fact_ids)
        added = {fid: claims for fid, claims in (added or {}).items() if fid not in full}
        summaries = self._summaries(sorted(added))
        full |= self._stored_facts(sorted(set(added) - set(summaries)))
        grown = {}
        for fid, summary in summaries.items():
            claims = added[fid]
            merged = absorb(summary, claims) if absorbable(summary, claims[0].doc_id, claims) else None
            if merged is None:
                full.add(fid)
            else:
                grown[fid] = merged
        self._create_facts({fid: c for fid, c in added.items() if fid not in full and fid not in grown})
        self._grow_facts(grown, added)
        self._refuse(sorted(full))

    def _summaries(self, fact_ids: list[str]) -> dict[str, dict]:
        out = {}
        for chunk in _chunks(fact_ids):
            out.update((r["fact_id"], json.loads(r["summary"])) for r in self._query(
                f"SELECT s.fact_id, s.summary FROM fact_fusion s JOIN facts f ON f.fact_id = s.fact_id "
                f"WHERE s.fact_id IN ({', '.join('?' * len(chunk))})", chunk))
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
        self._bulk_insert("facts", FACT_COLUMNS, [_fact_row(finish(keys[fid], summaries[fid], merged_evidence(claims),
                                                                    reviews[fid])) for fid, claims in new.items()])
        self._executemany(_SAVE, [[fid, _ORDERED(s)] for fid, s in summaries.items()])

    def _grow_facts(self, grown: dict[str, dict], added: dict[str, list[Claim]]) -> None:
        """Stored facts extended by one new document: rewritten from their absorbed summaries."""
        if not grown:
            return
        keys, reviews = self._key_reviews({fid: added[fid] for fid in grown})
        rows = []
        for fid, summary in grown.items():
            tail = _SORTED(merged_evidence(added[fid]))[1:]  # "a, b]", or "]" when the claims cite nothing
            row = _fact_row(finish(keys[fid], summary, [], reviews[fid]))
            rows.append([*row[1:-1], "[" + tail, (", " + tail) if tail != "]" else "]", fid])
        self._executemany(_GROW, rows)
        self._executemany(_SAVE, [[fid, _ORDERED(s)] for fid, s in grown.items()])

    def _refuse(self, ids: list[str]) -> None:
        """Re-fuse facts from all their claims and reviews."""
        for chunk in _chunks(ids):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(
                f"SELECT c.fact_id, c.doc_id, c.subject, c.predicate, c.object, {SPAN_COLUMNS}, c.attributes, "
                f"c.negated, c.confidence, c.evidence, c.recorded_at, d.published FROM claims c JOIN documents d "
                f"ON d.id = c.doc_id WHERE c.fact_id IN ({marks}) ORDER BY c.fact_id, c.id", chunk)
            self._exec(f"DELETE FROM facts WHERE fact_id IN ({marks})", chunk)
            self._exec(f"DELETE FROM fact_fusion WHERE fact_id IN ({marks})", chunk)
            fused = self._fused_rows(rows)
            self._bulk_insert("facts", FACT_COLUMNS, [_fact_row(f) for f, _ in fused])
            self._executemany(_SAVE, [[f.fact_id, _ORDERED(s)] for f, s in fused])

    def _rebuild_facts(self) -> None:
        """Fill the facts table from every claim (a store created before it existed)."""
        self._exec("DELETE FROM fact_fusion")
        last = ""
        while ids := [r["fact_id"] for r in self._query(
                "SELECT DISTINCT fact_id FROM claims WHERE fact_id > ? ORDER BY fact_id LIMIT 5000", [last])]:
            self._refresh_facts(ids)
            last = ids[-1]
