"""Lineage follows renames and mergers from reports and the registry, forwards and backwards, not sideways."""
from factiongraph.graph.lineage import lineage_actors, lineage_links, lineage_timeline
from factiongraph.models import Actor, Document, Evidence, Relation, TimeSpan
from factiongraph.store import open_store

TEXT = "Jabhat Fateh al-Sham (formerly known as Jabhat al-Nusra) joined HTS in January 2017."


def _store(tmp_path):
    store = open_store(tmp_path / "l.db")
    ev = [Evidence(doc="d1", char_start=0, char_end=20, text=TEXT[:20])]
    jan = TimeSpan(earliest="2017-01-01", latest="2017-01-31", precision="month", text="January 2017")
    records = [Actor(id="jabhat-al-nusra", name="Jabhat al-Nusra", type="armed_group"),
               Actor(id="jabhat-fateh-al-sham", name="Jabhat Fateh al-Sham", type="armed_group"),
               Actor(id="hts", name="Hay'at Tahrir al-Sham", type="coalition"),
               Relation(subject="jabhat-al-nusra", predicate="renamed_to", object="jabhat-fateh-al-sham",
                        confidence=0.9, evidence=ev),
               Relation(subject="jabhat-fateh-al-sham", predicate="member_of", object="hts", start=jan,
                        confidence=0.8, evidence=ev)]
    store.ingest(Document(id="d1", text=TEXT, published="2017-10"), records, extractor_version="t")
    return store


def test_a_question_about_nusra_reaches_jfs_and_hts(tmp_path):
    store = _store(tmp_path)
    links = lineage_links(store, "jabhat-al-nusra")
    assert links[0]["source"].startswith("f-") and links[0]["object"] == "jabhat-fateh-al-sham"
    assert ("jabhat-fateh-al-sham", "merged_into", "hts") in {(x["subject"], x["predicate"], x["object"]) for x in links}
    assert lineage_actors(store, "jabhat-al-nusra")[:3] == ["jabhat-al-nusra", "jabhat-fateh-al-sham", "hts"]
    assert any(e["actor"] == "hts" and e.get("predicate") == "member_of" for e in lineage_timeline(store, "jabhat-al-nusra"))


def test_siblings_are_not_lineage(tmp_path):
    store = _store(tmp_path)
    actors = lineage_actors(store, "jabhat-fateh-al-sham")
    assert "jabhat-al-nusra" in actors and "hts" in actors
    assert "jaish-al-sunna" not in actors  # merged into HTS as well, but no ancestor of JFS
