"""The REST API through an in-process client (httpx over ASGITransport) on the fixture store, on SQLite and
PostgreSQL: answers, paging, ETags, errors and their statuses, tokens, review and ingest."""
from __future__ import annotations

import json

import httpx
import pytest

from factiongraph.fixtures import fixture_db
from factiongraph.store import fact_id_of
from factiongraph.web import Settings, create_app

TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LEFT = fact_id_of(("kataib-al-nasr", "left", "nfa"))


@pytest.fixture
def anyio_backend():
    return "asyncio"


def _client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


@pytest.fixture
async def api(store_target):
    app = create_app(Settings(db=fixture_db(store_target), token=TOKEN))
    async with _client(app) as client:
        yield client
    app.state.bench.close()


pytestmark = pytest.mark.anyio


async def test_members_as_of_a_date_lose_the_departed(api):
    before = (await api.get("/api/actors/NFA/members", params={"as_of": "2019-08-01"})).json()
    after = (await api.get("/api/actors/NFA/members", params={"as_of": "2019-08-31", "include": "groups"})).json()
    assert "kataib-al-nasr" in {m["id"] for m in before["items"]}
    assert {m["id"] for m in after["items"]} == {"liwa-al-fajr", "jaish-al-wadi", "harakat-al-sahil"}
    assert all(m["membership"]["evidence"] for m in after["items"])
    changes = (await api.get("/api/actors/nfa/changes", params={"since": "2019-04", "as_of": "2020-02"})).json()
    assert {m["id"] for m in changes["left"]} == {"kataib-al-nasr", "jaish-al-wadi"}


async def test_pages_and_limits(api):
    first = (await api.get("/api/events", params={"limit": 2})).json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    rest = (await api.get("/api/events", params={"limit": 10, "offset": 2})).json()
    assert len(rest["items"]) == 3 and rest["next_offset"] is None
    keys = [e["event_key"] for e in first["items"] + rest["items"]]
    assert len(set(keys)) == 5
    assert (await api.get("/api/events", params={"limit": 0})).status_code == 422
    assert (await api.get("/api/events", params={"limit": 100000})).status_code == 422
    timeline = (await api.get("/api/actors/NFA/timeline", params={"limit": 3})).json()
    assert len(timeline["items"]) == 3 and timeline["total"] > 3


async def test_events_filters(api):
    idlib = (await api.get("/api/events", params={"place": "Idlib"})).json()["items"]
    assert {e["place"]["name"] for e in idlib} == {"Saraqib", "Ariha", "Idlib"}
    typed = (await api.get("/api/events", params=[("type", "battle"), ("type", "protest")])).json()["items"]
    assert {e["type"] for e in typed} == {"battle", "protest"}
    dated = (await api.get("/api/events", params={"from": "2019-09", "to": "2019-09"})).json()["items"]
    assert {e["type"] for e in dated} == {"remote_violence", "assassination"}
    by_actor = (await api.get("/api/events", params={"actor": "Ansar al-Jabal"})).json()["items"]
    assert [e["type"] for e in by_actor] == ["battle"]


async def test_graph_on_a_date_and_ego_network(api):
    g = (await api.get("/api/graph", params={"as_of": "2019-07-01"})).json()
    members = {e["source"] for e in g["edges"] if e["predicate"] == "member_of"}
    assert "kataib-al-nasr" in members and not g["truncated"]
    g = (await api.get("/api/graph", params={"as_of": "2019-09-01", "predicate": "member_of"})).json()
    assert {e["source"] for e in g["edges"]} == {"liwa-al-fajr", "jaish-al-wadi", "harakat-al-sahil"}
    cut = (await api.get("/api/graph", params={"as_of": "2019-07-01", "limit": 2})).json()
    assert cut["truncated"] and len(cut["edges"]) <= 2
    ego = (await api.get("/api/graph", params={"as_of": "2019-07-01", "focus": "Ansar al-Jabal", "depth": 1})).json()
    assert {n["id"] for n in ego["nodes"]} == {"ansar-al-jabal", "nfa"}
    ego2 = (await api.get("/api/graph", params={"as_of": "2019-07-01", "focus": "Ansar al-Jabal", "depth": 2})).json()
    assert "liwa-al-fajr" in {n["id"] for n in ego2["nodes"]}


async def test_actor_page_document_sentences_queue(api):
    page = (await api.get("/api/actors/kataib-al-nasr")).json()
    bar = next(b for b in page["bars"] if b["predicate"] == "member_of")
    assert bar["end"]["earliest"] == "2019-08-14" and bar["ended_by"] == LEFT
    cohesion = (await api.get("/api/actors/NFA/cohesion")).json()
    assert cohesion["months"][0]["month"] == "2019-03" and cohesion["months"][-1]["cohesion"] == 0.5
    doc = (await api.get("/api/documents/nfa-split-2019")).json()
    assert all(doc["text"][a["char_start"]:a["char_end"]] == a["text"] for a in doc["annotations"])
    assert {a["kind"] for a in doc["annotations"]} == {"fact", "event"}
    sentences = (await api.get("/api/sentences", params={"target": LEFT})).json()
    assert {s["doc"] for s in sentences} == {"nfa-split-2019", "nfa-late-2020"}
    assert all(s["sentence"][s["start"]:s["end"]] == s["text"] for s in sentences)
    queue = (await api.get("/api/review/queue")).json()["items"]
    assert queue[0]["reasons"] == ["contradicted"] and LEFT in {q["fact_id"] for q in queue}
    docs = (await api.get("/api/documents", params={"q": "frays"})).json()["items"]
    assert [d["id"] for d in docs] == ["nfa-late-2020"]


async def test_etags_answer_304_until_the_store_changes(api):
    r = await api.get("/api/actors/NFA/members", params={"as_of": "2019-09-01"})
    etag = r.headers["etag"]
    again = await api.get("/api/actors/NFA/members", params={"as_of": "2019-09-01"}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content
    other = await api.get("/api/actors/NFA/members", params={"as_of": "2019-04-01"})
    assert other.headers["etag"] != etag
    assert (await api.post(f"/api/review/accept/{LEFT}", json={"author": "ana"}, headers=AUTH)).status_code == 200
    changed = await api.get("/api/actors/NFA/members", params={"as_of": "2019-09-01"},
                            headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


async def test_errors_have_statuses_and_one_line(api):
    cases = [("/api/actors/Nobody/members", 404), ("/api/actors/NFA/members?as_of=2019-13-01", 400),
             ("/api/actors/NFA/changes?since=2020-01-01&as_of=2019-01-01", 400), ("/api/facts/f-0000", 404),
             ("/api/events/nodoc:e9", 404), ("/api/documents/missing", 404), ("/api/graph?depth=9", 422),
             ("/api/events?type=picnic", 422), ("/api/stats/events-by?by=colour", 422),
             ("/api/actors/NFA/members?as_of=%00", 400), ("/api/actors/%00/members", 400)]
    for url, status in cases:
        r = await api.get(url)
        assert r.status_code == status, (url, r.text)
        body = r.json()
        assert body["status"] == status and "\n" not in body["error"], url


async def test_writes_need_the_token_and_reviews_persist(api):
    r = await api.post(f"/api/review/reject/{LEFT}", json={"author": "ana"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = await api.post(f"/api/review/reject/{LEFT}", json={"author": "ana"}, headers={"Authorization": "Bearer no"})
    assert r.status_code == 401
    r = await api.post(f"/api/review/edit/{LEFT}", json={"author": "ana", "start": "2019-08-13", "note": "checked"},
                       headers=AUTH)
    assert r.status_code == 200 and r.json()["start"]["earliest"] == "2019-08-13"
    fact = (await api.get(f"/api/facts/{LEFT}")).json()
    assert fact["start"]["earliest"] == "2019-08-13"
    assert [(x["action"], x["author"]) for x in fact["reviews"]] == [("edit", "ana")]
    assert fact["reviews"][0]["created_at"] and fact["reviews"][0]["payload"]["note"] == "checked"
    r = await api.post("/api/review/accept/nfa-formed-2019:e1", json={"author": "ben"}, headers=AUTH)
    assert r.json()["status"] == "accepted"
    assert (await api.post("/api/review/accept/f-0000", json={"author": "ana"}, headers=AUTH)).status_code == 404
    assert (await api.post(f"/api/review/accept/{LEFT}", json={"author": ""}, headers=AUTH)).status_code == 422


async def test_merge_split_and_registry(api):
    r = await api.post("/api/review/merge", json={"source": "FVA", "target": "NFA", "author": "ana"}, headers=AUTH)
    assert r.status_code == 200 and r.json() == {"action": "merge", "source": "free-valley-army", "target": "nfa"}
    assert "Free Valley Army" in (await api.get("/api/actors/nfa")).json()["actor"]["aliases"]
    r = await api.post("/api/review/split", json={"actor": "nfa", "new_id": "free-valley-army", "author": "ana"},
                       headers=AUTH)
    assert r.status_code == 200
    assert (await api.get("/api/actors/free-valley-army")).status_code == 200
    r = await api.post("/api/registry", json={"name": "Saraya al-Test", "type": "armed_group", "country": "SY",
                                              "aliases": ["SaT"], "author": "ana"}, headers=AUTH)
    assert r.status_code == 201 and r.json()["id"] == "saraya-al-test"
    r = await api.post("/api/registry/aliases/saraya-al-test", json={"aliases": ["Sarayat al-Test"], "author": "ana"},
                       headers=AUTH)
    assert r.json()["aliases"] == ["SaT", "Sarayat al-Test"]
    listed = (await api.get("/api/registry")).json()["items"]
    assert [a["id"] for a in listed] == ["saraya-al-test"]
    bad = await api.post("/api/registry", json={"name": "X", "type": "band", "author": "a"}, headers=AUTH)
    assert bad.status_code == 422


async def test_reads_can_require_the_token(store_target):
    app = create_app(Settings(db=fixture_db(store_target), token=TOKEN, read_requires_token=True))
    async with _client(app) as client:
        assert (await client.get("/api/summary")).status_code == 401
        assert (await client.get("/api/summary", headers=AUTH)).status_code == 200
        assert (await client.get("/api/summary", headers={"X-FactionGraph-Token": TOKEN})).status_code == 200
    app.state.bench.close()


async def test_foreign_host_header_is_refused(api):
    r = await api.get("/api/summary", headers={"Host": "attacker.example"})
    assert r.status_code == 400


async def test_ingest_text_and_upload(api, tmp_path):
    text = ("ALEPPO (Reuters) - Fighters of Liwa al-Fajr attacked positions of Ansar al-Jabal near Saraqib on "
            "Monday, a monitoring group said, in the heaviest fighting between the two groups this year.")
    r = await api.post("/api/ingest/text", json={"text": text, "published": "2019-07-02", "title": "Clashes"},
                       headers=AUTH)
    assert r.status_code == 201, r.text
    doc_id = r.json()["documents"][0]
    assert r.json()["counts"]["documents_added"] == 1
    doc = (await api.get(f"/api/documents/{doc_id}")).json()
    assert doc["title"] == "Clashes" and doc["text"] == text and doc["published"] == "2019-07-02"
    again = await api.post("/api/ingest/text", json={"text": text, "published": "2019-07-02"}, headers=AUTH)
    assert again.json()["counts"]["documents_unchanged"] == 1
    files = {"file": ("report.txt", text.replace("Monday", "Tuesday").encode(), "text/plain")}
    r = await api.post("/api/ingest/file", files=files, data={"published": "2019-07-03"}, headers=AUTH)
    assert r.status_code == 201 and r.json()["documents"] == ["report"]
    binary = {"file": ("blob.txt", b"\x7fELF\x02\x01\x00\x00" * 10, "text/plain")}
    r = await api.post("/api/ingest/file", files=binary, headers=AUTH)
    assert r.status_code == 400 and "binary" in r.json()["error"]
    r = await api.post("/api/ingest/text", json={"text": text}, headers={})
    assert r.status_code == 401


async def test_upload_over_the_limit_is_413(store_target):
    app = create_app(Settings(db=fixture_db(store_target), token=TOKEN, max_upload=100))
    async with _client(app) as client:
        r = await client.post("/api/ingest/file", files={"file": ("big.txt", b"word " * 100, "text/plain")},
                              headers=AUTH)
        assert r.status_code == 413
    app.state.bench.close()


async def test_docs_page_and_schema_use_no_cdn(api):
    docs = (await api.get("/docs")).text
    assert "/ui/swagger/swagger-ui-bundle.js" in docs and "http" not in docs.replace("/openapi.json", "")
    schema = (await api.get("/openapi.json")).json()
    for path in ("/api/actors/{actor}/members", "/api/graph", "/api/events", "/api/ingest/url",
                 "/api/review/accept/{target}", "/api/registry", "/api/sentences", "/api/documents/{doc_id}"):
        assert path in schema["paths"], path
    assert json.dumps(schema).count("cdn.") == 0
