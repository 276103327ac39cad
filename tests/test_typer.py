"""The shipped ACLED event typer: it loads, and types sentences written for this test (none is an ACLED note)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factiongraph.learn.typer import ARTEFACT, EventTyper, ModelError, Typing, default_typer

BATTLES, REMOTE, VAC = "Battles", "Explosions/Remote violence", "Violence against civilians"
PROTESTS, RIOTS, STRATEGIC = "Protests", "Riots", "Strategic developments"

# (sentence, ACLED event type, ACLED sub-event type or None when several are defensible)
CASES = [
    ("Government troops and rebel fighters exchanged fire for several hours near the river crossing, "
     "leaving three soldiers dead.", BATTLES, "Armed clash"),
    ("Insurgents clashed with an army patrol on the outskirts of the town on Tuesday.", BATTLES, "Armed clash"),
    ("A drone strike hit a compound used by the militants, killing four of them.", REMOTE, "Air/drone strike"),
    ("Warplanes bombed the market district overnight.", REMOTE, "Air/drone strike"),
    ("A roadside bomb exploded as a police convoy passed, wounding two officers.", REMOTE,
     "Remote explosive/landmine/IED"),
    ("Mortar shells fired from across the valley landed on a school.", REMOTE,
     "Shelling/artillery/missile attack"),
    ("A man threw a grenade into a crowded bar, injuring eleven people.", REMOTE, "Grenade"),
    ("Unidentified gunmen shot dead a shopkeeper in front of his home.", VAC, "Attack"),
    ("Armed men kidnapped a local aid worker and two drivers on the road to the border; their whereabouts "
     "remain unknown.", VAC, "Abduction/forced disappearance"),
    ("Hundreds of teachers marched peacefully through the capital to demand unpaid salaries.", PROTESTS,
     "Peaceful protest"),
    ("Nurses held a sit-in outside the health ministry over working conditions.", PROTESTS, "Peaceful protest"),
    ("Police fired tear gas and arrested dozens of students who had gathered to protest against fee "
     "increases.", PROTESTS, "Protest with intervention"),
    ("Angry youths burned tyres, blocked the highway and threw stones at passing vehicles after a local "
     "trader was killed.", RIOTS, "Violent demonstration"),
    ("A mob beat a suspected thief to death in the village square.", RIOTS, "Mob violence"),
    ("The two armed movements signed a ceasefire agreement brokered by religious leaders.", STRATEGIC,
     "Agreement"),
    ("Police arrested three men suspected of planning attacks.", STRATEGIC, "Arrests"),
    ("Soldiers defused an explosive device found under a bridge.", STRATEGIC, "Disrupted weapons use"),
]


@pytest.fixture(scope="module")
def typer() -> EventTyper:
    return default_typer()


@pytest.mark.parametrize("text,event_type,sub_event_type", CASES, ids=[c[0][:40] for c in CASES])
def test_types_sentences(typer, text, event_type, sub_event_type):
    t = typer.type_text(text)
    assert isinstance(t, Typing)
    assert t.event_type == event_type, t
    if sub_event_type:
        assert t.sub_event_type == sub_event_type, t


# known weaknesses: armed words outweigh the act ("security forces ... militia ... checkpoint" reads as a battle);
# the right type must still be the second choice
HARD = [("Security forces arrested a suspected militia commander at a checkpoint.", STRATEGIC)]


@pytest.mark.parametrize("text,event_type", HARD)
def test_hard_cases_have_the_right_type_second_at_worst(typer, text, event_type):
    probs = typer.type_text(text).type_probabilities
    assert event_type in sorted(probs, key=probs.get, reverse=True)[:2]


def test_most_of_the_table_is_confident(typer):
    confident = [typer.type_text(text).confidence >= 0.5 for text, _, _ in CASES]
    assert sum(confident) >= len(CASES) * 0.8


def test_sub_type_belongs_to_type_and_probabilities_sum_to_one(typer):
    for text, _, _ in CASES:
        t = typer.type_text(text)
        assert t.sub_event_type in typer.meta["hierarchy"][t.event_type]
        assert abs(sum(t.type_probabilities.values()) - 1) < 1e-3
        assert 0 < t.sub_confidence <= 1


def test_names_and_numbers_do_not_decide(typer):
    """Masked features: another country's names and other figures give the same typing."""
    a = typer.type_text("On 3 May 2021, gunmen abducted 12 passengers near Kilowa in Tamberi county.")
    b = typer.type_text("On 28 January 2009, gunmen abducted 4 passengers near Ghazal in Saroya district.")
    assert (a.event_type, a.sub_event_type, a.confidence) == (b.event_type, b.sub_event_type, b.confidence)


def test_prior_moves_the_decision(typer):
    text = "Fighters attacked the village and set houses on fire."
    free = typer.type_text(text)
    pushed = typer.type_text(text, prior={t: (50.0 if t == BATTLES else 1.0) for t in free.type_probabilities})
    assert pushed.type_probabilities[BATTLES] > free.type_probabilities[BATTLES]
    assert pushed.event_type == BATTLES


def test_empty_and_unknown_text_still_give_a_valid_pair(typer):
    for text in ("", "zzzz qqqq", "..."):
        t = typer.type_text(text)
        assert t.sub_event_type in typer.meta["hierarchy"][t.event_type]


def test_loaded_once(typer):
    assert default_typer() is typer
    started = time.perf_counter()
    default_typer()
    assert time.perf_counter() - started < 0.01


def test_artefact_is_small_and_says_where_it_came_from(typer):
    base = Path(__file__).resolve().parents[1] / "src" / "factiongraph" / "data" / "models"
    size = sum((base / f"{ARTEFACT}{ext}").stat().st_size for ext in (".npz", ".json"))
    assert size < 8_000_000
    assert "ACLED" in typer.meta["data"] and typer.meta["rows"] > 40_000
    assert set(typer.meta["hierarchy"]) == {BATTLES, REMOTE, VAC, PROTESTS, RIOTS, STRATEGIC}


def test_a_broken_artefact_is_a_clear_error(tmp_path):
    (tmp_path / "m.json").write_text(json.dumps({"format": "something else", "schema_version": 1}))
    (tmp_path / "m.npz").write_bytes(b"not a zip")
    with pytest.raises(ModelError, match="cannot read|not a"):
        EventTyper.load(tmp_path / "m")
    with pytest.raises(ModelError, match="cannot read"):
        EventTyper.load(tmp_path / "missing")


def test_same_typing_whatever_the_hash_seed():
    code = ("import json; from factiongraph.learn.typer import default_typer as d; "
            f"print(json.dumps([d().type_text(t).__dict__ for t, _, _ in {[c[:1] + (None, None) for c in CASES]!r}]))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("0", "1", "4242")}
    assert len(outs) == 1
