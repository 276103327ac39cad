"""The user's registry in the store (both backends) and through the CLI."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import hts_records
from factiongraph.models import Actor, parse_fact

SRC = str(Path(__file__).resolve().parents[1] / "src")


def test_add_and_list_in_id_order(store):
    assert store.user_actors() == []
    store.put_user_actor(Actor(id="zz-brigade", name="ZZ Brigade", type="armed_group"), author="ana")
    store.put_user_actor(Actor(id="katibat-al-furqan", name="Katibat al-Furqan", type="armed_group",
                               aliases=["Furqan Brigade"], country="SY"), author="ana")
    listed = store.user_actors()
    assert [a.id for a in listed] == ["katibat-al-furqan", "zz-brigade"]
    assert listed[0].aliases == ["Furqan Brigade"] and listed[0].country == "SY"
    # the entry is an actor of the store too, found by any of its names
    assert store.resolve_actor("furqan brigade") == "katibat-al-furqan"
    assert store.get_actor("katibat-al-furqan").aliases == ["Furqan Brigade"]


def test_alias_and_replace(store):
    store.put_user_actor(Actor(id="furqan", name="Katibat al-Furqan", type="armed_group"), author="ana")
    entry = store.user_actors()[0]
    entry.aliases = [*entry.aliases, "Furqan Battalion"]
    store.put_user_actor(entry, author="ben")
    assert store.resolve_actor("Furqan Battalion") == "furqan"
    store.put_user_actor(Actor(id="furqan", name="Liwa al-Furqan", type="coalition", aliases=["LF"]), author="ben")
    (only,) = store.user_actors()
    assert (only.name, only.type, only.aliases) == ("Liwa al-Furqan", "coalition", ["LF"])
    stored = store.get_actor("furqan")
    assert (stored.name, stored.type) == ("Liwa al-Furqan", "coalition")
    assert store.resolve_actor("LF") == "furqan"


def test_author_recorded_and_required(store):
    store.put_user_actor(Actor(id="furqan", name="Katibat al-Furqan", type="armed_group"), author="ana")
    store.put_user_actor(Actor(id="furqan", name="Katibat al-Furqan", type="armed_group"), author="ben")
    (row,) = store._query("SELECT author, recorded_at, updated_at FROM user_actors")
    assert row["author"] == "ben" and row["recorded_at"] <= row["updated_at"]
    with pytest.raises(ValueError):
        store.put_user_actor(Actor(id="x", name="X"), author=" ")
    assert [a.id for a in store.user_actors()] == ["furqan"]


def test_user_entry_wins_over_extraction_and_survives_reingest(store):
    (d1, r1), _ = hts_records()
    store.ingest(d1, r1, extractor_version="v1")
    mine = Actor(id="jaish-al-ahrar", name="Jaysh al-Ahrar", type="armed_group", aliases=["Free Army of Idlib"],
                 country="SY")
    store.put_user_actor(mine, author="ana")
    store.put_user_actor(Actor(id="katibat-al-furqan", name="Katibat al-Furqan", type="armed_group"), author="ana")
    before = store.user_actors()
    # the extractor changed: the document's claims are replaced and its actor records upserted again
    renamed = [parse_fact({**r.to_dict(), "type": "other"}) if isinstance(r, Actor) else r for r in r1]
    assert store.ingest(d1, renamed, extractor_version="v2")["documents_replaced"] == 1
    assert store.user_actors() == before
    stored = store.get_actor("jaish-al-ahrar")
    assert (stored.name, stored.type, stored.country) == ("Jaysh al-Ahrar", "armed_group", "SY")
    assert store.resolve_actor("Free Army of Idlib") == "jaish-al-ahrar"
    assert store.facts(subject="jaish-al-ahrar", predicates=["member_of"])


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "factiongraph", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def test_cli_add_then_list_jsonl(tmp_path):
    db = str(tmp_path / "fg.db")
    added = _cli("registry", "add", "Katibat al-Furqan", "--type", "armed_group", "--alias", "Furqan Brigade",
                 "--db", db)
    assert added.returncode == 0, added.stderr
    listed = _cli("registry", "list", "--format", "jsonl", "--db", db)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 1
    record = Actor.model_validate(json.loads(lines[0]))
    assert record.kind == "actor" and record.name == "Katibat al-Furqan" and record.type == "armed_group"
    assert record.aliases == ["Furqan Brigade"]
    bad = _cli("registry", "add", "Somebody", "--type", "militia", "--db", db)
    assert bad.returncode == 2 and bad.stdout == ""
    assert "--type" in bad.stderr and "militia" in bad.stderr and "Traceback" not in bad.stderr
    assert len(_cli("registry", "list", "--format", "jsonl", "--db", db).stdout.splitlines()) == 1
