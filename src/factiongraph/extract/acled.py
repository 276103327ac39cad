"""Our event types to ACLED's event_type / sub_event_type, so exports line up with ACLED-coded data.

ACLED has no "attack" or "assassination" type of its own: it codes by who is hit (armed actors -> Battles,
unarmed people -> Violence against civilians) and by the means (remote weapons -> Explosions/Remote violence).
The weapon word or the victim decides the sub-type where the text gives one.
"""
from __future__ import annotations

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

DEFAULT: dict[str, tuple[str, str]] = {
    "battle": (BATTLES, "Armed clash"),
    "attack": (BATTLES, "Armed clash"),
    "assassination": (VAC, "Attack"),
    "remote_violence": (REMOTE, "Shelling/artillery/missile attack"),
    "violence_against_civilians": (VAC, "Attack"),
    "protest": (PROTESTS, "Peaceful protest"),
    "riot": (RIOTS, "Violent demonstration"),
    "military_buildup": (STRATEGIC, "Other"),
    "mediation": (STRATEGIC, "Other"),
    "agreement": (STRATEGIC, "Agreement"),
    "arrest": (STRATEGIC, "Arrests"),
    "statement": (STRATEGIC, "Other"),
    "territory_change": (BATTLES, "Non-state actor overtakes territory"),
}

# the weapon or manner word of a remote-violence trigger -> ACLED sub-event type
WEAPONS: dict[str, str] = {
    **dict.fromkeys(("air", "airstrike", "aerial", "drone", "warplane", "jet", "helicopter", "gunship", "aircraft",
                     "bombardment", "raid"), "Air/drone strike"),
    **dict.fromkeys(("shell", "shelling", "artillery", "mortar", "rocket", "missile", "barrage"),
                    "Shelling/artillery/missile attack"),
    **dict.fromkeys(("ied", "roadside", "landmine", "mine", "car", "truck", "vehicle", "explosive", "device",
                     "bomb", "bombing", "blast", "explosion", "vbied"), "Remote explosive/landmine/IED"),
    **dict.fromkeys(("suicide", "bomber"), "Suicide bomb"),
    "grenade": "Grenade",
}

# a more specific sub-type chosen by a word of the trigger; where several words of one event are here, the first
# listed wins ("mobs ... tried to establish a base": mob violence; "ransacked the headquarters": looting)
SUBTYPES: dict[str, tuple[str, str]] = {
    "abduct": (VAC, "Abduction/forced disappearance"),
    "kidnap": (VAC, "Abduction/forced disappearance"),
    "abduction": (VAC, "Abduction/forced disappearance"),
    "kidnapping": (VAC, "Abduction/forced disappearance"),
    "rape": (VAC, "Sexual violence"),
    "mob": (RIOTS, "Mob violence"),
    "lynch": (RIOTS, "Mob violence"),
    "loot": (STRATEGIC, "Looting/property destruction"),
    "withdraw": (STRATEGIC, "Non-violent transfer of territory"),
    "withdrawal": (STRATEGIC, "Non-violent transfer of territory"),
    "hand": (STRATEGIC, "Non-violent transfer of territory"),
    "surrender": (STRATEGIC, "Non-violent transfer of territory"),
    "base": (STRATEGIC, "Headquarters or base established"),
    "headquarters": (STRATEGIC, "Headquarters or base established"),
}
# protest words that say the authorities intervened, or used lethal force
INTERVENTION = {"disperse", "tear", "teargas", "baton", "arrest", "detain", "water", "cannon", "break"}
EXCESSIVE = {"kill", "shoot", "fire", "live", "dead"}
STATE_TYPES = {"state", "state_force"}


def acled(etype: str, words: set[str], perpetrator_types: set[str], civilian_victims: bool) -> dict[str, str]:
    """ACLED event and sub-event type for one event; `words` are lemmas of its trigger and clause."""
    event_type, sub = DEFAULT[etype]
    for w, (subtype_event, subtype) in SUBTYPES.items():  # the table's order decides, never the set's
        if w in words and (subtype_event == event_type or etype in ("territory_change", "military_buildup", "riot")):
            event_type, sub = subtype_event, subtype
            break
    if etype == "remote_violence":
        for key in ("Suicide bomb", "Air/drone strike", "Grenade", "Remote explosive/landmine/IED"):
            if any(WEAPONS.get(w) == key for w in words):
                sub = key
                break
    elif etype == "attack" and civilian_victims:
        event_type, sub = VAC, "Attack"
    elif etype == "territory_change" and sub == "Non-state actor overtakes territory" and \
            perpetrator_types and perpetrator_types <= STATE_TYPES:
        sub = "Government regains territory"
    elif etype == "protest":
        if words & EXCESSIVE:
            sub = "Excessive force against protesters"
        elif words & INTERVENTION:
            sub = "Protest with intervention"
    return {"event_type": event_type, "sub_event_type": sub}


# how much the rules' own ACLED type weighs against the classifier's probabilities (a prior on the event type):
# where the classifier is unsure, the rules' type wins; where it is sure of another type, it decides
RULE_PRIOR = 3.0
# a weapon word (bomb, IED, airstrike, shelling, grenade) names the means beyond doubt: the rules weigh more there
WEAPON_PRIOR = 10.0


def coded(etype: str, words: set[str], perpetrator_types: set[str], civilian_victims: bool,
          text: str) -> dict[str, str]:
    """ACLED event and sub-event type of one event: the learned typer (learn/typer.py) reads `text`, the event's
    own sentences, with the rules' type (acled() above) as its prior. Without a readable model, the rules'."""
    rules = acled(etype, words, perpetrator_types, civilian_victims)
    from ..learn.typer import ModelError, default_typer
    try:
        typer = default_typer()
    except ModelError:
        return rules
    weight = WEAPON_PRIOR if etype == "remote_violence" else RULE_PRIOR
    t = typer.type_text(text, prior={rules["event_type"]: weight})
    return {"event_type": t.event_type, "sub_event_type": t.sub_event_type}
