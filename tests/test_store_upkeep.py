"""Upkeep of the fused facts: a new document's claims are absorbed into the facts they extend (no claim read
back), and the stored facts stay equal to fusing every claim again, through reviews, replacements and merges."""
from __future__ import annotations

import random

from factiongraph.models import Document, Relation
from factiongraph.store import fact_id_of


def _doc(i: int, rng: random.Random):
    doc = Document(id=f"d{i:03d}", published=rng.choice([None, "2017-04", "2017-05-12"]), text=f"report {i} " * 5)
    rels = []
    for k in range(rng.randint(1, 4)):
        day = f"2017-0{rng.randint(1, 3)}-1{rng.randint(0, 2)}"
        rel = {"subject": rng.choice(["a", "b"]), "predicate": rng.choice(["member_of", "rival_of"]), "object": "c",
               "confidence": rng.choice([0.3, 0.6, 0.9]),
               "attributes": {"negated": True} if rng.random() < 0.15 else {rng.choice("xy"): i},
               "evidence": [{"doc": doc.id, "char_start": k, "char_end": k + 6, "text": doc.text[k:k + 6]}]}
        if rng.random() < 0.6:
            rel["start"] = {"earliest": day, "latest": day, "precision": "day"}
        rels.append(Relation.model_validate(rel))
    return doc, rels


def _matches_full_fusion(store) -> bool:
    stored = [f.to_dict() for f in store.iter_facts(include_rejected=True)]
    rows = store._query("SELECT c.*, d.published, s.story FROM claims c JOIN documents d ON d.id = c.doc_id "
                        "LEFT JOIN stories s ON s.doc_id = c.doc_id ORDER BY c.fact_id, c.id")
    return stored == [f.to_dict() for f in store._fuse_rows(rows)] and len(stored) > 0


def test_new_documents_are_absorbed_and_equal_full_fusion(store, monkeypatch):
    rng = random.Random(3)
    docs = [_doc(i, rng) for i in range(40)]
    store.ingest(*docs[0], extractor_version="v1")
    refused: list[str] = []
    real = store._refuse
    monkeypatch.setattr(store, "_refuse", lambda ids: (refused.extend(ids), real(ids)))
    with store.bulk():
        for doc, rels in docs[1:20]:
            store.ingest(doc, rels, extractor_version="v1")
    assert refused == [] and _matches_full_fusion(store)  # every stored fact grew by absorption
    store.review_fact(fact_id_of(("a", "member_of", "c")), "edit", author="ana", changes={"confidence": 0.5})
    store.review_fact(fact_id_of(("b", "member_of", "c")), "reject", author="ana")
    for doc, rels in docs[20:]:
        store.ingest(doc, rels, extractor_version="v1")
    assert _matches_full_fusion(store)
    assert store.fact(fact_id_of(("a", "member_of", "c"))).confidence == 0.5
    store.ingest(docs[5][0], docs[7][1], extractor_version="v2")  # a replacement re-fuses what it touched
    assert refused and _matches_full_fusion(store)
    assert store.fact(fact_id_of(("a", "member_of", "c"))).sources > 10


def test_a_fact_without_a_summary_is_fused_in_full_once(store):
    rng = random.Random(5)
    docs = [_doc(i, rng) for i in range(6)]
    for doc, rels in docs[:3]:
        store.ingest(doc, rels, extractor_version="v1")
    with store._tx():  # a store filled before summaries were kept
        store._exec("DELETE FROM fact_fusion")
    for doc, rels in docs[3:]:
        store.ingest(doc, rels, extractor_version="v1")
    assert _matches_full_fusion(store)
    n = store._query("SELECT COUNT(*) AS n FROM fact_fusion")[0]["n"]
    assert n == len(list(store.iter_facts(include_rejected=True)))
