"""Relations stated in passing in war reporting: rivalry through fighting and killing, control through
strongholds and place nouns, irregular past forms. Sentences of our own, read with the table of
tests/test_relations.py."""
from __future__ import annotations

import pytest

from test_relations import triples

FIGHTING = [
    # an irregular past form the small model leaves unlemmatised, a place name before a place noun
    ("The Tatmadaw retook the Laukkai town after a week of heavy fighting.",
     {("tatmadaw", "controls", "Laukkai")}),
    # killing an armed group's fighters is fighting it
    ("The Sudanese Armed Forces killed 40 Rapid Support Forces fighters near El Fasher on Monday.",
     {("saf", "rival_of", "rsf")}),
    ("Somali National Army troops repelled al-Shabaab militants overnight.",
     {("sna", "rival_of", "shabaab")}),
    # a capitalised headline verb the tagger reads as a name
    ("M23 Kills 12 Tatmadaw Soldiers in Rutshuru", {("m23", "rival_of", "tatmadaw")}),
    ("Iraqi Security Forces Kills 20 ISIL Militants in Anbar", {("isf", "rival_of", "is")}),
    # "fighters of the X terrorist group" are X's
    ("The Tatmadaw killed 40 fighters of the Arakan Army rebel group.", {("tatmadaw", "rival_of", "aa")}),
    # "in the fight against the X group": the group noun is named by its modifier
    ("Iraqi Security Forces pressed on in their fight against the Islamic State terrorist group.",
     {("isf", "rival_of", "is")}),
    ("Arakan Army fighters associated with the Three Brotherhood Alliance held the pass.",
     {("aa", "affiliated_with", "tba")}),
    # a relative clause on a description that follows its name without a comma (scraped copy)
    ("Fighters of the Libyan National Army a Haftar-led militia coalition which seized Gharyan in April were "
     "pushed out.", {("lna", "controls", "Gharyan")}),
    # a named person "of" a group
    ("Hashem al-Sheikh of Ahrar al-Sham was seen in the city.", {("sheikh", "member_of", "ahrar")}),
    # a stronghold names its holder
    ("Government aircraft bombed Gharyan, a stronghold of the Libyan National Army, on Sunday.",
     {("lna", "controls", "Gharyan")}),
    ("Thousands fled the M23 stronghold of Goma.", {("m23", "controls", "Goma")}),
    ("The RSF controls large parts of El Fasher city.", {("rsf", "controls", "El Fasher")}),
    # sides joined by a hyphen before a conflict noun fight each other; before a joint-action noun, side by side
    ("Veterans of the Sudan-Somalia war met in Aden.", {("sudan", "rival_of", "somalia")}),
    ("Joint Iraq-Turkey operations resumed in the north.", {("iraq", "allied_with", "turkey")}),
    # two states' forces as one plural noun act together
    ("Iraqi and Iranian jets bombed the Islamic State positions.", {("iraq", "allied_with", "iran")}),
    # "the X and its Y ally", "a Y-backed group" after a name
    ("Raids by the Sudanese Armed Forces and its Iraqi ally hit the town.", {("iraq", "allied_with", "saf")}),
    ("The Giants Brigades, a UAE-backed militia, entered Aden.", {("giants", "allied_with", "uae")}),
]


@pytest.mark.parametrize("text,expected", FIGHTING, ids=[t[:40] for t, _ in FIGHTING])
def test_fighting_and_holding(text, expected):
    got = triples(text)
    assert expected <= got, got


def test_killing_people_is_no_rivalry():
    assert not any(p == "rival_of" for _, p, _ in triples("Rapid Support Forces fighters killed Abdel Fattah "
                                                          "al-Burhan's bodyguard and 12 civilians."))


def test_a_state_holds_no_stronghold():
    assert not any(p == "controls" for _, p, _ in triples("Sanaa, a stronghold of Iran, was quiet."))


def test_states_fighting_each_other_are_no_joint_force():
    got = triples("Fighting between Iraqi and Iranian troops went on for a week.")
    assert ("iraq", "allied_with", "iran") not in got, got


def test_a_state_is_where_an_affiliate_is_not_whose():
    got = triples("Jabhat al-Nusra, al-Qaeda's Iraqi affiliate, seized the town.")
    assert ("nusra", "affiliated_with", "iraq") not in got, got
