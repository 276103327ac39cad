"""The packaged actor registry loads, is internally consistent, and the loader rejects broken files."""
from datetime import date

import pytest

from factiongraph.linking.registry import (CONFLICTS, RegistryError, default_registry, load_registry)
from factiongraph.models import Actor


@pytest.fixture(scope="module")
def reg():
    return default_registry()


def test_size_and_coverage(reg):
    assert len(reg) >= 400
    covered = {c for e in reg.entries.values() for c in e.conflicts}
    assert len(covered & CONFLICTS) >= 10
    per_conflict = {c: sum(c in e.conflicts for e in reg.entries.values()) for c in CONFLICTS}
    assert min(per_conflict.values()) >= 15, per_conflict
    assert sum(e.type == "person" for e in reg.entries.values()) >= 100


def test_every_reference_resolves(reg):
    for e in reg.entries.values():
        for link in e.lineage:
            assert link.object in reg.entries, (e.id, link.object)
        for t in e.leaders:
            assert reg.get(t.person).type == "person", (e.id, t.person)


def test_nusra_jfs_hts_chain(reg):
    assert reg.successors("jabhat-al-nusra") == ["jabhat-fateh-al-sham", "hts"]
    before_hts = reg.predecessors("hts")
    assert {"jabhat-fateh-al-sham", "jabhat-al-nusra", "jaish-al-sunna", "liwa-al-haq", "jabhat-ansar-al-din"} <= set(before_hts)
    assert reg.successors("hts") == []
    # the Iraqi lineage of ISIS runs the same way
    assert reg.successors("jamaat-al-tawhid-wal-jihad")[-1] == "isis"


def test_lineage_both_directions(reg):
    links = reg.lineage("jabhat-fateh-al-sham")
    assert ("jabhat-fateh-al-sham", "merged_into", "hts") in {(s, l.predicate, l.object) for s, l in links}
    assert ("jabhat-al-nusra", "renamed_to", "jabhat-fateh-al-sham") in {(s, l.predicate, l.object)
                                                                         for s, l in links}


def test_leaders_at_follows_tenure(reg):
    early, late = date(2017, 3, 1), date(2019, 6, 1)
    assert "hashem-al-sheikh" in reg.leaders_at("hts", early)
    assert reg.leaders_at("hts", late) == ["abu-mohammad-al-jolani"]
    assert reg.leaders_at("isis", date(2015, 6, 1))[0] == "abu-bakr-al-baghdadi"
    assert "abu-ibrahim-al-hashimi-al-qurashi" in reg.leaders_at("isis", date(2021, 1, 1))
    assert "abu-bakr-al-baghdadi" not in reg.leaders_at("isis", date(2021, 1, 1))
    assert reg.leaders_at("ttp", date(2015, 1, 1)) == ["mullah-fazlullah"]
    assert reg.leaders_at("ttp", date(2020, 1, 1)) == ["noor-wali-mehsud"]


def test_open_and_unknown_tenure_bounds_are_inclusive(reg):
    # al-Shabaab's current emir has no end date; Sultan Murad's commander has no dates at all
    assert "ahmed-diriye" in reg.leaders_at("al-shabaab", date(2030, 1, 1))
    assert reg.leaders_at("sultan-murad-division", date(1990, 1, 1)) == ["fehim-isa"]


def test_actor_and_names(reg):
    actor = reg.to_actor("hts")
    assert isinstance(actor, Actor)
    assert actor.name == "Hay'at Tahrir al-Sham" and actor.type == "coalition" and actor.country == "SY"
    assert "HTS" in actor.aliases
    names = reg.all_names("abu-mohammad-al-jolani")
    assert names[0] == "Ahmed al-Sharaa" and "Abu Mohammad al-Jolani" in names
    assert len(names) == len(set(names))
    assert {"Turkish", "Türkiye", "Turkiye"} <= set(reg.all_names("turkey"))
    assert "Turkish military" in reg.all_names("turkish-armed-forces")
    assert reg.get("no-such-actor") is None


def test_dates_keep_iso_text(reg):
    hts = reg.get("hts")
    assert hts.founded == "2017-01-28" and hts.dissolved == "2025-01-29"
    assert reg.get("jaish-al-islam").founded == "2013-09"
    assert reg.get("taliban").founded == "1994"


def test_default_registry_is_cached():
    assert default_registry() is default_registry()


GOOD = """
- id: test-group
  name: Test Group
  type: armed_group
  country: SY
  conflicts: [syria]
  aliases: [TG]
"""


@pytest.mark.parametrize("body, problem", [
    ("  lineage:\n    - {predicate: merged_into, object: no-such-group}\n", "unknown id 'no-such-group'"),
    ("  founded: 2017-13\n", "bad date"),
    ("  leader: someone\n", "unknown key(s) in entry: leader"),
    ("  leaders:\n    - {person: hts}\n", "leader 'hts' is not a person"),
    ("  lineage:\n    - {predicate: controls, object: hts}\n", "bad lineage predicate 'controls'"),
    ("  lineage:\n    - {object: hts}\n", "bad lineage predicate None"),
    ("  leaders:\n    - {person: hashem-al-sheikh, start: 2020, end: 2019}\n", "starts (2020) after it ends (2019)"),
    ("  aliases: TG\n", "aliases must be a list"),
])
def test_bad_entry_names_file_and_id(tmp_path, body, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD + body, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_registry([path])
    message = str(err.value)
    assert str(path) in message and "'test-group'" in message and problem in message


@pytest.mark.parametrize("text, problem", [
    (GOOD.replace("armed_group", "militia"), "bad type 'militia'"),
    (GOOD.replace("test-group", "hts"), "duplicate id"),
    (GOOD.replace("[syria]", "[atlantis]"), "unknown conflict"),
    (GOOD.replace("country: SY", "country: Syria"), "ISO 3166-1"),
])
def test_bad_values_are_rejected(tmp_path, text, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match=problem) as err:
        load_registry([path])
    assert str(path) in str(err.value)


def test_extra_file_extends_registry_and_warns_on_shared_alias(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text(GOOD + "  lineage:\n    - {predicate: split_from, object: hts, start: 2020}\n"
                    + GOOD.replace("test-group", "other-group").replace("Test Group", "Other Group"),
                    encoding="utf-8")
    reg = load_registry([path])
    assert len(reg) == len(default_registry()) + 2
    assert any("'tg'" in w and "other-group" in w and "test-group" in w for w in reg.warnings)
    assert ("test-group", "split_from", "hts") in {(s, l.predicate, l.object) for s, l in reg.lineage("hts")}
    assert "test-group" not in reg.predecessors("hts")  # a split is not a succession
