"""Store fixtures: every store test runs on SQLite and on a throwaway PostgreSQL cluster."""
from __future__ import annotations

import os

import pytest

from pg_server import Cluster


@pytest.fixture(scope="session")
def pg_cluster():
    try:
        cluster = Cluster()
    except Exception as e:  # noqa: BLE001 - any failure to start means no PostgreSQL here
        detail = getattr(e, "stderr", b"") or b""
        message = f"PostgreSQL could not start: {e} {detail.decode(errors='replace')[-500:]}"
        if os.environ.get("FACTIONGRAPH_REQUIRE_PG") == "1":
            pytest.fail(message)
        pytest.skip(message)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """A fresh, empty database on the session's cluster."""
    return pg_cluster.new_database()


@pytest.fixture(params=["sqlite", "postgres"])
def store_target(request, tmp_path):
    """Where to open a fresh store: a SQLite file or a PostgreSQL database URL."""
    if request.param == "sqlite":
        return str(tmp_path / "fg.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_target):
    from factiongraph.store import open_store
    s = open_store(store_target)
    yield s
    s.close()


# -- a store filled with hand-made records modelled on the dev gold (seed-hts-2017) --------------------

HTS_TEXT = ("Formed in January 2017, HTS joined Jabhat Fateh al-Sham, Jaish al-Ahrar, Jaish al-Sunna, "
            "Nour al-Din al-Zinki, Ansar al-Din and Liwa al-Haq. In recent weeks Nour al-Din al-Zinki and "
            "Jaish al-Ahrar have defected, as have the clerics Abdullah al-Muhaysini and Musleh al-Olayani. "
            "The HTS leader Hashem al-Sheikh was formerly the head of Jaish al-Ahrar. HTS defeated its rival "
            "Ahrar al-Sham at the end of July. On Monday HTS commander Abu Yasser al-Shami was killed by "
            "unknown gunmen in Idlib. Residents of Saraqib protest against HTS rule.")
SECOND_TEXT = ("Jaish al-Ahrar announced on 2017-09-13 that it had left Hay'at Tahrir al-Sham. "
               "Liwa al-Haq denied that it had joined the coalition.")


def span(doc_id: str, text: str, phrase: str) -> dict:
    i = text.index(phrase)
    return {"doc": doc_id, "char_start": i, "char_end": i + len(phrase), "text": phrase}


def hts_records():
    """(document, records) pairs: the gold-like report and a second report that confirms and contradicts."""
    from factiongraph.models import Document, parse_fact
    d1, d2 = "seed-hts-2017", "report-2017-09"
    jan = {"earliest": "2017-01-01", "latest": "2017-01-31", "precision": "month", "text": "January 2017"}
    recent = {"earliest": "2017-08-01", "latest": "2017-10-31", "precision": "approximate",
              "text": "in recent weeks"}
    actors = [("hts", "Hay'at Tahrir al-Sham", "coalition", ["HTS", "Hayy'at Tahrir al-Sham"]),
              ("jfs", "Jabhat Fateh al-Sham", "armed_group", ["JFS"]),
              ("jaish-al-ahrar", "Jaish al-Ahrar", "armed_group", ["Jaysh al-Ahrar"]),
              ("jaish-al-sunna", "Jaish al-Sunna", "armed_group", []),
              ("zinki", "Nour al-Din al-Zinki Movement", "armed_group", ["Nour al-Din al-Zinki"]),
              ("ansar-al-din", "Ansar al-Din", "armed_group", []),
              ("liwa-al-haq", "Liwa al-Haq", "armed_group", []),
              ("ahrar-al-sham", "Ahrar al-Sham", "armed_group", []),
              ("muhaysini", "Abdullah al-Muhaysini", "person", []),
              ("olayani", "Musleh al-Olayani", "person", []),
              ("hashem-al-sheikh", "Hashem al-Sheikh", "person", ["Abu Jaber"]),
              ("abu-yasser", "Abu Yasser al-Shami", "person", []),
              ("unknown-gunmen", "unknown gunmen", "other", [])]
    recs = [{"kind": "actor", "id": i, "name": n, "type": t, "aliases": a} for i, n, t, a in actors]
    for comp, phrase in [("jfs", "Jabhat Fateh al-Sham"), ("jaish-al-ahrar", "Jaish al-Ahrar"),
                         ("jaish-al-sunna", "Jaish al-Sunna"), ("zinki", "Nour al-Din al-Zinki"),
                         ("ansar-al-din", "Ansar al-Din"), ("liwa-al-haq", "Liwa al-Haq")]:
        recs.append({"kind": "relation", "subject": comp, "predicate": "member_of", "object": "hts", "start": jan,
                     "attributes": {"founding": True}, "confidence": 0.8, "evidence": [span(d1, HTS_TEXT, phrase)]})
    for who in ("zinki", "jaish-al-ahrar", "muhaysini", "olayani"):
        recs.append({"kind": "relation", "subject": who, "predicate": "left", "object": "hts", "start": recent,
                     "attributes": {"mode": "defected"}, "confidence": 0.7,
                     "evidence": [span(d1, HTS_TEXT, "have defected")]})
    for who in ("muhaysini", "olayani"):
        recs.append({"kind": "relation", "subject": who, "predicate": "member_of", "object": "hts",
                     "attributes": {"role": "cleric"}, "confidence": 0.6,
                     "evidence": [span(d1, HTS_TEXT, "the clerics")]})
    recs += [
        {"kind": "relation", "subject": "hashem-al-sheikh", "predicate": "leader_of", "object": "hts",
         "confidence": 0.8, "evidence": [span(d1, HTS_TEXT, "The HTS leader Hashem al-Sheikh")]},
        {"kind": "relation", "subject": "hashem-al-sheikh", "predicate": "leader_of", "object": "jaish-al-ahrar",
         "end": {"earliest": "2017-01-01", "latest": "2017-10-31", "precision": "approximate", "text": "formerly"},
         "confidence": 0.7, "evidence": [span(d1, HTS_TEXT, "formerly the head of Jaish al-Ahrar")]},
        {"kind": "relation", "subject": "hts", "predicate": "rival_of", "object": "ahrar-al-sham",
         "confidence": 0.7, "evidence": [span(d1, HTS_TEXT, "its rival")]},
        {"kind": "event", "id": "e1", "type": "battle",
         "date": {"earliest": "2017-07-15", "latest": "2017-07-31", "precision": "approximate",
                  "text": "at the end of July"},
         "participants": [{"actor": "hts", "role": "participant"}, {"actor": "ahrar-al-sham", "role": "participant"}],
         "summary": "HTS defeats its rival Ahrar al-Sham", "confidence": 0.7,
         "evidence": [span(d1, HTS_TEXT, "HTS defeated its rival Ahrar al-Sham at the end of July")]},
        {"kind": "event", "id": "e2", "type": "assassination",
         "date": {"earliest": "2017-10-09", "latest": "2017-10-09", "precision": "day", "text": "On Monday"},
         "place": {"name": "Idlib", "admin1": "Idlib", "country": "SY", "lat": 35.93, "lon": 36.63,
                   "feature": "admin1", "text": "Idlib"},
         "participants": [{"actor": "unknown-gunmen", "role": "perpetrator"}, {"actor": "abu-yasser", "role": "victim"}],
         "fatalities": 1, "summary": "HTS commander Abu Yasser al-Shami killed by unknown gunmen", "confidence": 0.8,
         "evidence": [span(d1, HTS_TEXT, "Abu Yasser al-Shami was killed")]},
        {"kind": "event", "id": "e3", "type": "protest",
         "date": {"earliest": "2017-07-01", "latest": "2017-10-31", "precision": "approximate", "text": "protest"},
         "place": {"name": "Saraqib", "admin1": "Idlib", "country": "SY", "lat": 35.8646, "lon": 36.8006,
                   "feature": "city", "text": "Saraqib"},
         "participants": [{"actor": "hts", "role": "target"}], "summary": "Protest against HTS rule in Saraqib",
         "confidence": 0.6, "evidence": [span(d1, HTS_TEXT, "Saraqib protest against HTS rule")]},
    ]
    second = [
        {"kind": "actor", "id": "hts", "name": "Hay'at Tahrir al-Sham", "type": "coalition",
         "aliases": ["Tahrir al-Sham"]},
        {"kind": "actor", "id": "jaish-al-ahrar", "name": "Jaish al-Ahrar", "type": "armed_group",
         "aliases": ["Army of the Free"]},
        {"kind": "relation", "subject": "jaish-al-ahrar", "predicate": "left", "object": "hts",
         "start": {"earliest": "2017-09-13", "latest": "2017-09-13", "precision": "day", "text": "2017-09-13"},
         "attributes": {"mode": "withdrew"}, "confidence": 0.9,
         "evidence": [span(d2, SECOND_TEXT, "it had left Hay'at Tahrir al-Sham")]},
        {"kind": "relation", "subject": "liwa-al-haq", "predicate": "member_of", "object": "hts",
         "attributes": {"negated": True}, "confidence": 0.5,
         "evidence": [span(d2, SECOND_TEXT, "Liwa al-Haq denied that it had joined the coalition")]},
    ]
    return [(Document(id=d1, title="HTS unravels", published="2017-10", text=HTS_TEXT),
             [parse_fact(r) for r in recs]),
            (Document(id=d2, title="Jaish al-Ahrar leaves", published="2017-09-14", text=SECOND_TEXT),
             [parse_fact(r) for r in second])]


@pytest.fixture
def hts_store(store):
    for doc, records in hts_records():
        store.ingest(doc, records, extractor_version="test-1")
    return store
