"""Ingest: one document and what was extracted from it, stored all or nothing; claims inserted and the facts
they touch re-fused in the same transaction. Mixed into `Store`."""
from __future__ import annotations

import json
from typing import Iterable

from ..models import Actor, Document, Event, Relation
from .fusion import fuse
from .records import (CLAIM_COLUMNS, EVENT_COLUMNS, FACT_COLUMNS, PARTICIPANT_COLUMNS, SPAN_COLUMNS, Claim,
                      _fact_row, _json, _span_cols, canonical_key, content_hash, fact_id_of, key_string, norm_name,
                      utcnow)


class Ingest:
    """Needs the backend's primitives, `_resolver` (identity) and `_reviews_for`, `_fuse_rows` (facts)."""

    def ingest(self, document: Document, records: list[Actor | Relation | Event], *,
               extractor_version: str) -> dict:
        """Store one document and what was extracted from it, all or nothing."""
        counts = dict(documents_added=0, documents_unchanged=0, documents_replaced=0, actors=0, relations=0,
                      events=0)
        digest, now = content_hash(document.text), utcnow()
        with self._tx():
            existing = self._query("SELECT content_hash, extractor_version FROM documents WHERE id = ?",
                                   [document.id])
            if existing and (existing[0]["content_hash"], existing[0]["extractor_version"]) == (
                    digest, extractor_version):
                counts["documents_unchanged"] = 1
                return counts
            if not existing and self._query(
                    "SELECT id FROM documents WHERE content_hash = ? AND extractor_version = ? LIMIT 1",
                    [digest, extractor_version]):
                counts["documents_unchanged"] = 1  # the same text under another id is not a new source
                return counts
            self._touch()
            doc_row = [document.title, document.published, document.source, document.url, document.text,
                       _json(document.model_extra or None)]
            stale: set[str] = set()
            if existing:
                stale = {r["fact_id"] for r in self._query("SELECT DISTINCT fact_id FROM claims WHERE doc_id = ?",
                                                           [document.id])}
                self._delete_document_claims(document.id)
                self._exec("UPDATE documents SET content_hash = ?, extractor_version = ?, title = ?, "
                           "published = ?, source = ?, url = ?, text = ?, extra = ?, updated_at = ? WHERE id = ?",
                           [digest, extractor_version, *doc_row, now, document.id])
                counts["documents_replaced"] = 1
            else:
                self._exec("INSERT INTO documents (id, content_hash, extractor_version, title, published, source, "
                           "url, text, extra, recorded_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [document.id, digest, extractor_version, *doc_row, now, now])
                counts["documents_added"] = 1
            resolve = self._resolver(document.id)
            actors = [r for r in records if isinstance(r, Actor)]
            relations = [r for r in records if isinstance(r, Relation)]
            events = [r for r in records if isinstance(r, Event)]
            self._upsert_actors(actors, now)
            fresh = self._insert_claims(document, relations, resolve, now)
            self._refresh_facts(stale, fresh)
            self._insert_events(document.id, events, resolve, now)
            counts.update(actors=len(actors), relations=len(relations), events=len(events))
        return counts

    def bulk(self):
        """One transaction around many ingests, so that a bulk load commits (and SQLite rewrites the index pages
        it touched) once per batch rather than once per document. Each ingest inside stays all or nothing."""
        return self._tx()

    def _delete_document_claims(self, doc_id: str) -> None:
        for table in ("claims", "events", "event_participants"):
            self._exec(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])

    def _upsert_actors(self, actors: list[Actor], now: str) -> None:
        if not actors:
            return
        self._executemany(
            "INSERT INTO actors (id, name, type, country, merged_into, recorded_at, updated_at) "
            "VALUES (?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "type = CASE WHEN actors.type = 'other' THEN excluded.type ELSE actors.type END, "
            "country = COALESCE(actors.country, excluded.country), updated_at = excluded.updated_at",
            [[a.id, a.name, a.type, a.country, now, now] for a in actors])
        rows = {(a.id, name) for a in actors for name in [a.name, *a.aliases] if name and name.strip()}
        self._executemany("INSERT INTO aliases (actor_id, alias, norm) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                          [[i, n, norm_name(n)] for i, n in sorted(rows)])

    def _claim_row(self, doc_id: str, r: Relation, evidence: list[dict], resolve, now: str) -> list:
        key = canonical_key(resolve(r.subject), r.predicate, resolve(r.object))
        return [fact_id_of(key), doc_id, *key, r.subject, r.object, *_span_cols(r.start), *_span_cols(r.end),
                _json(r.attributes), int(bool(r.attributes.get("negated"))), r.confidence, _json(evidence),
                _json(r.model_extra or None), now]

    def _insert_claims(self, document: Document, relations: list[Relation], resolve,
                       now: str) -> dict[str, list[Claim]]:
        """Insert a document's claims; returns them by fact id, as fusion reads them."""
        evidence = [[e.to_dict() for e in r.evidence] for r in relations]
        rows = [self._claim_row(document.id, r, ev, resolve, now) for r, ev in zip(relations, evidence)]
        self._bulk_insert("claims", CLAIM_COLUMNS, rows)
        out: dict[str, list[Claim]] = {}
        for row, r, ev in zip(rows, relations, evidence):
            out.setdefault(row[0], []).append(Claim(
                doc_id=document.id, subject=row[2], predicate=row[3], object=row[4], start=r.start, end=r.end,
                attributes=json.loads(row[15]), negated=bool(row[16]), confidence=r.confidence, evidence=ev,
                recorded_at=now, published=document.published))
        return out

    def _insert_events(self, doc_id: str, events: list[Event], resolve, now: str) -> None:
        rows, participants, seen = [], [], set()
        for e in events:
            key = f"{doc_id}:{e.id}"
            n = 1
            while key in seen:
                n += 1
                key = f"{doc_id}:{e.id}#{n}"
            seen.add(key)
            p = e.place
            rows.append([key, doc_id, e.id, e.type, *_span_cols(e.date), _json(p.to_dict() if p else None),
                         norm_name(p.name) if p else None, norm_name(p.admin1) if p and p.admin1 else None,
                         p.country.upper() if p and p.country else None, e.fatalities, _json(e.acled), e.summary,
                         e.confidence, _json([x.to_dict() for x in e.evidence]), _json(e.model_extra or None),
                         now])
            participants += [[key, i, resolve(pt.actor), pt.actor, doc_id, pt.role,
                              e.date.latest if e.date else None] for i, pt in enumerate(e.participants)]
        self._bulk_insert("events", EVENT_COLUMNS, rows)
        self._bulk_insert("event_participants", PARTICIPANT_COLUMNS, participants)

    # -- fused facts --------------------------------------------------------------------------------
    def _refresh_facts(self, fact_ids: Iterable[str], added: dict[str, list[Claim]] | None = None) -> None:
        """Re-fuse these facts from their claims and reviews into the facts table (a fact left without claims
        is dropped). Callers run it inside the transaction that changed the claims or reviews. `added`: claims
        just inserted, by fact id; a fact with no other claims is fused from them without reading them back."""
        ids = set(fact_ids)
        if added:
            ids |= self._stored_facts(sorted(set(added) - ids))
            new = {fid: claims for fid, claims in added.items() if fid not in ids}
            keys = {fid: (c[0].subject, c[0].predicate, c[0].object) for fid, c in new.items()}
            reviews = self._reviews_for("fact", [key_string(k) for k in keys.values()])
            self._bulk_insert("facts", FACT_COLUMNS, [_fact_row(fuse(keys[fid], claims, reviews.get(
                key_string(keys[fid]), []))) for fid, claims in new.items()])
        ids = sorted(ids)
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(
                f"SELECT c.fact_id, c.doc_id, c.subject, c.predicate, c.object, {SPAN_COLUMNS}, c.attributes, "
                f"c.negated, c.confidence, c.evidence, c.recorded_at, d.published FROM claims c JOIN documents d "
                f"ON d.id = c.doc_id WHERE c.fact_id IN ({marks}) ORDER BY c.fact_id, c.id", chunk)
            self._exec(f"DELETE FROM facts WHERE fact_id IN ({marks})", chunk)
            facts = self._fuse_rows(rows)
            self._bulk_insert("facts", FACT_COLUMNS, [_fact_row(f) for f in facts])

    def _stored_facts(self, fact_ids: list[str]) -> set[str]:
        found = set()
        for chunk in (fact_ids[i:i + 500] for i in range(0, len(fact_ids), 500)):
            found |= {r["fact_id"] for r in self._query(
                f"SELECT fact_id FROM facts WHERE fact_id IN ({', '.join('?' * len(chunk))})", chunk)}
        return found

    def _rebuild_facts(self) -> None:
        """Fill the facts table from every claim (a store created before it existed)."""
        last = ""
        while ids := [r["fact_id"] for r in self._query(
                "SELECT DISTINCT fact_id FROM claims WHERE fact_id > ? ORDER BY fact_id LIMIT 5000", [last])]:
            self._refresh_facts(ids)
            last = ids[-1]
