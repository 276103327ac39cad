"""The registry build (factiongraph.linking.build): name filters, ACLED and UCDP readers, the merge into the
curated registry, and the whole build on small inputs written here (never the real training data)."""
import csv
import json

import pytest
import yaml

from factiongraph.linking.build import acled, ucdp
from factiongraph.linking.build.candidate import Candidate
from factiongraph.linking.build.filters import NameFilter, is_acronym
from factiongraph.linking.build.merge import merge
from factiongraph.linking.registry import load_registry

ENGLISH = set("""unity youth patriot union army front people new lord resistance elite security group freedom
fighter forest brother god supporter sentinel fact gap united national liberation islamic state the movement
biff eta militia police military russia""".split())
PLACES = {"Moro": {"PK"}, "Kenya": {"KE"}, "Hyderabad": {"IN"}, "Mali": {"ML"}}
NATIONS = {"Kenyan": "KE", "Kenya": "KE", "Malian": "ML", "Mali": "ML", "Russia": "RU"}
FREQUENT = {"fact", "gap"}


@pytest.fixture(scope="module")
def name_filter():
    return NameFilter(ENGLISH.__contains__, lambda n: PLACES.get(n, set()), NATIONS.get, FREQUENT.__contains__)


@pytest.mark.parametrize("name, keep, cased", [
    ("Unity", False, False),             # an English word
    ("Patriots", False, False),          # ... in the plural
    ("Youth", False, False),
    ("Al-Shabaab", True, False),         # a name, matched in any case
    ("Seleka", True, True),              # one word: as written
    ("Moro", False, False),              # a town's name
    ("Kenyan", False, False),            # a demonym
    ("AL", False, False),                # two letters
    ("FACT", False, False),              # an acronym that reports write as a word
    ("BIFF", True, True),                # a dictionary word no report writes: a good acronym
    ("NPA", True, True),
    ("Freedom fighters group", False, False),  # a description
    ("Elite Army", False, False),        # two ordinary words with a generic head
    ("Security Group", False, False),
    ("United Russia", True, True),       # ... but a country makes it a name
    ("New People's Army", True, True),   # English words only: as written
    ("Lord's Resistance Army", True, True),
    ("The Sentinel", False, False),      # the ruler drops "the": one English word is left
    ("Pokot militia", True, False),      # a proper name and a lower-case militia
    ("Malian army", True, False),
    ("Alliance des patriotes pour un Congo libre", True, False),  # not English
])
def test_name_filter(name_filter, name, keep, cased):
    v = name_filter.verdict(name)
    assert (v.keep, v.cased) == (keep, cased), v.reason


def test_a_state_keeps_its_own_country_name(name_filter):
    assert not name_filter.verdict("Kenya").keep
    assert name_filter.verdict("Kenya", own_country="KE").keep
    assert not name_filter.verdict("Mali", own_country="KE").keep


def test_acronym_shapes():
    assert all(is_acronym(a) for a in ("NPA", "NSCN-IM", "JeI", "KIO/KIA", "21KPG"))
    assert not any(is_acronym(a) for a in ("Seleka", "Al-Shabaab", "N"))


def is_country(name):
    return name in NATIONS


@pytest.mark.parametrize("label, kind, name, short, extra", [
    ("NPA: New People's Army", "named", "New People's Army", "NPA", {}),
    ("Police Forces of the Philippines (2016-)", "force", "Police Forces of the Philippines", "",
     {"force": "police", "tenure": "2016-", "country_name": "Philippines"}),
    ("Police Forces of Mali (2013-) Gendarmerie", "force", "Police Forces of Mali", "",
     {"unit": "Gendarmerie", "tenure": "2013-"}),
    ("Government of Mali (2012-2013)", "state", "Government of Mali", "", {"tenure": "2012-2013"}),
    ("Fulani Ethnic Militia (Mali)", "identity", "Fulani Ethnic Militia", "", {"country_name": "Mali"}),
    ("Civilians (Mali)", "category", "", "", {}),
    ("Fulani Ethnic Group (Mali)", "category", "", "", {}),
    ("Islamist Militia (Mali)", "category", "", "", {}),
    ("Unidentified Armed Group (Kenya)", "skip", "", "", {}),
    ("Former Military Forces of Mali (2013-)", "skip", "", "", {}),
    ("NA", "skip", "", "", {}),
    ("Islamic State (Greater Sahara)", "named", "Islamic State (Greater Sahara)", "", {}),
    ("Mutiny of MINUSMA: United Nations Mission", "named", "Mutiny of MINUSMA: United Nations Mission", "", {}),
])
def test_acled_labels(label, kind, name, short, extra):
    got = acled.parse(label, is_country)
    assert (got.kind, got.name, got.short) == (kind, name, short)
    for k, v in extra.items():
        assert getattr(got, k) == v


def test_acled_split_and_read(tmp_path):
    assert acled.split_label("JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)") == \
        ["JNIM: Group for Support of Islam and Muslims", "Islamic State (Sahel)"]
    path = tmp_path / "notes.jsonl"
    rows = [{"actor1": "NPA: New People's Army", "actor2": "Military Forces of the Philippines (2016-)",
             "event_type": "Battles", "country": "Philippines", "notes": "the rebels fought a gap"},
            {"actor1": "Protesters (Philippines)", "assoc_actor_1": "KMP: Kilusang Magbubukid ng Pilipinas; "
             "Anakbayan", "event_type": "Protests", "country": "Philippines", "notes": "a gap"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    seen = acled.read_names(path)
    assert seen["NPA: New People's Army"].violent == 1 and seen["Anakbayan"].main == 0
    assert acled.actor_type(acled.parse("NPA: New People's Army", is_country), seen["NPA: New People's Army"]) \
        == "armed_group"
    assert acled.lowercase_words(path)["gap"] == 2


def test_ucdp_names_and_identity_groups():
    row = {"NameData": "IS", "NameOrig": "IS", "NameOrigFull": "al-Dawla al-Islamiyya", "NameOrigFullEng":
           "Islamic State", "NameChange": "1", "NewName": "ISI, ISIS, IS",
           "NewNameFullMotherTongue": "", "NewNameFullEng": "Islamic State of Iraq, Islamic State in Iraq and "
           "al-Sham, Islamic State"}
    current, former = ucdp._names(row)
    assert current[:3] == ["IS", "al-Dawla al-Islamiyya", "Islamic State"]
    assert former == ["ISI", "ISIS", "Islamic State of Iraq", "Islamic State in Iraq and al-Sham"]
    assert ucdp.identity_names("Abgal clan (Hawiye)") == ("Abgal", "Clan")
    assert ucdp.identity_names("Pokot") == ("Pokot", "Ethnic")
    assert ucdp.identity_names("Muslims (India)") is None
    assert ucdp.identity_names("El Dorado long-term inmates") is None


def cand(key, name, type_="armed_group", country="ML", names=(), **kw):
    return Candidate(key.split(":")[0], key, name, type_, country, [name, *names], **kw)


def test_merge_into_curated_and_new_entries(name_filter, tmp_path):
    path = tmp_path / "cur.yaml"  # made-up actors beside the packaged curated registry
    path.write_text(yaml.safe_dump([
        {"id": "ansar-zorgan", "name": "Ansar Zorgan", "type": "armed_group", "country": "ML",
         "aliases": ["Ansar al-Zorgan"]},
        {"id": "zorg-guard", "name": "Border Guard Zorgs", "type": "state_force", "country": "ML",
         "aliases": ["BGZ"]},
    ]), encoding="utf-8")
    curated = load_registry([path], include_generated=False)
    entries, merger = merge(curated, name_filter, [
        cand("ucdp:1", "Ansar Zorgan", names=["Ansar uz-Zorgan", "Defenders of Zorgan"], ucdp_id=1),
        cand("acled:named:BGZ: Bamako Guerrilla Zorgs", "Bamako Guerrilla Zorgs", names=["BGZ"]),
        cand("acled:state:ML", "Mali", "state", state=True, acled_names=["Government of Mali (2013-)"]),
        cand("ucdp:3", "Government of Zorgland", "state", ucdp_id=3),
        cand("ucdp:2", "Katiba Zorgoun", ucdp_id=2, links=[("split_from", "ucdp:1", None)]),
        cand("acled:named:Katiba Zorgoun", "Katiba Zorgoun", acled_names=["Katiba Zorgoun"]),
        cand("ucdp:4", "Unity", ucdp_id=4),
    ], {"ML": "Mali"})
    by_id = {e.id: e for e in entries}
    assert by_id["ansar-zorgan"].curated and by_id["ansar-zorgan"].ucdp_id == 1
    assert "Ansar uz-Zorgan" in by_id["ansar-zorgan"].names
    assert "bamako-guerrilla-zorgs" in by_id  # a shared acronym alone does not merge
    assert "BGZ" not in by_id["bamako-guerrilla-zorgs"].names  # ... and the curated entry keeps it
    assert by_id["mali"].curated and by_id["mali"].acled_names == ["Government of Mali (2013-)"]
    assert not any("Zorgland" in e.name for e in entries)  # states come from the curated registry only
    zorgoun = by_id["katiba-zorgoun"]
    assert zorgoun.ucdp_id == 2 and zorgoun.acled_names == ["Katiba Zorgoun"]  # ACLED merged into UCDP's
    assert zorgoun.links == [("split_from", "ansar-zorgan", None)]
    assert not any(e.name == "Unity" for e in entries)  # no name survives the filters: no entry
    assert any(n == "Unity" and "English" in r for _, n, r in merger.rejected)


def write_inputs(shared):
    (shared / "training" / "ucdp").mkdir(parents=True)
    (shared / "training" / "acled").mkdir(parents=True)
    fields = ["ActorId", "NameData", "NameOrig", "NameOrigFull", "NameOrigFullEng", "NameChange", "NewName",
              "NewNameFullMotherTongue", "NewNameFullEng", "Org", "Splinter", "NamePrev", "ActorIdPrev",
              "SplitTemp", "ActorIdSplitTemp", "Alliance", "NameAlliance", "ActorIdAlliance", "JoinGroup",
              "ActorIdGroup", "Location"]
    rows = [{"ActorId": "9001", "NameData": "Zorgan Liberation Front", "NameOrigFull": "Jabhat Tahrir Zorgan",
             "Org": "1", "Location": "Mali"},
            {"ActorId": "9002", "NameData": "ZLF-Renewal", "NameOrigFullEng": "Zorgan Liberation Front - Renewal",
             "Org": "1", "Splinter": "1", "ActorIdPrev": "9001", "Location": "Mali"},
            {"ActorId": "9003", "NameData": "Government of Mali", "Org": "4", "Location": "Mali"},
            {"ActorId": "9004", "NameData": "Supporters of ZLF", "Org": "2", "Location": "Mali"}]
    with open(shared / "training" / "ucdp" / "ucdp-actor-221.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows({k: r.get(k, "0" if k in ("NameChange", "Splinter", "SplitTemp", "Alliance", "JoinGroup")
                                else "") for k in fields} for r in rows)
    notes = [{"actor1": "ZLF: Zorgan Liberation Front", "actor2": "Military Forces of Mali (2013-)",
              "event_type": "Battles", "country": "Mali", "inter1": "2", "inter2": "1", "notes": "clashes"},
             {"actor1": "Civilians (Mali)", "event_type": "Protests", "country": "Mali", "notes": "march"}]
    (shared / "training" / "acled" / "notes.jsonl").write_text("".join(json.dumps(n) + "\n" for n in notes),
                                                               encoding="utf-8")


def test_build_end_to_end_is_deterministic_and_loads(tmp_path):
    from factiongraph.linking.build.__main__ import main
    write_inputs(tmp_path / "shared")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"gen{n}"
        main(["--shared", str(tmp_path / "shared"), "--out", str(out)])
        outs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outs[0] == outs[1] and set(outs[0]) == {"ucdp.yaml", "acled.yaml"}
    records = yaml.safe_load(outs[0]["ucdp.yaml"]) + yaml.safe_load(outs[0]["acled.yaml"])
    zlf = next(r for r in records if r.get("ucdp_id") == 9001)
    assert zlf["name"] == "Zorgan Liberation Front" and zlf["source"] == "ucdp"
    assert "ZLF: Zorgan Liberation Front" in zlf["acled_names"] and "ZLF" in zlf["aliases"]
    renewal = next(r for r in records if r.get("ucdp_id") == 9002)
    assert renewal["lineage"] == [{"predicate": "split_from", "object": zlf["id"]}]
    assert not any("Supporters" in json.dumps(r) or "Civilians" in json.dumps(r) for r in records)
    assert any(r.get("extends") == "fama" for r in records)  # Mali's army is the curated FAMa
    paths = [tmp_path / "gen1" / "ucdp.yaml", tmp_path / "gen1" / "acled.yaml"]
    assert len(load_registry(paths, include_generated=False)) == \
        len(load_registry(include_generated=False)) + sum("id" in r for r in records)
