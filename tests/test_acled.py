"""extract/acled.py: ACLED types from the rules' table, and from the learned typer with the rules as its prior."""
from __future__ import annotations

from factiongraph.extract import acled as acled_mod
from factiongraph.extract.acled import acled, coded
from factiongraph.learn.typer import ModelError


def test_typer_decides_where_it_is_sure_against_the_rules():
    # the rules read "raided" as an armed clash; the text says who was hit: a civilian
    text = "Four police officers raided the home of a civilian and shot and injured him."
    assert acled("attack", {"raid"}, set(), False)["event_type"] == "Battles"
    got = coded("attack", {"raid"}, set(), False, text)
    assert got == {"event_type": "Violence against civilians", "sub_event_type": "Attack"}


def test_rules_prior_decides_where_the_typer_is_unsure():
    # the typer alone reads the armed words as a battle (its second choice: an arrest); the rules saw the arrest
    text = "Security forces arrested a suspected militia commander at a checkpoint."
    from factiongraph.learn.typer import default_typer
    assert default_typer().type_text(text).event_type == "Battles"
    assert coded("arrest", {"arrest"}, {"state_force"}, False, text) == \
        {"event_type": "Strategic developments", "sub_event_type": "Arrests"}


def test_sub_type_is_one_of_the_type_s_own():
    got = coded("protest", {"protest"}, set(), False, "Police fired tear gas to disperse traders protesting taxes.")
    assert got == {"event_type": "Protests", "sub_event_type": "Protest with intervention"}


def test_without_a_model_the_rules_type(monkeypatch):
    def broken():
        raise ModelError("no model")
    monkeypatch.setattr("factiongraph.learn.typer.default_typer", broken)
    assert coded("protest", {"protest", "tear"}, set(), False, "Police fired tear gas at a crowd.") == \
        acled("protest", {"protest", "tear"}, set(), False)
    assert acled_mod.RULE_PRIOR > 1


def test_a_weapon_word_weighs_more():
    # the typer alone reads the armed actor and the dead policeman as a clash; the rules saw the bomb
    text = "A bomb planted by the insurgents killed one policeman and wounded two soldiers at a checkpoint."
    from factiongraph.learn.typer import default_typer
    assert default_typer().type_text(text, prior={"Explosions/Remote violence": acled_mod.RULE_PRIOR}
                                     ).event_type == "Battles"
    got = coded("remote_violence", {"bomb", "plant", "kill"}, set(), False, text)
    assert got == {"event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED"}
