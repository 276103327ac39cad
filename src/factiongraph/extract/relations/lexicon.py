"""Trigger tables for the relation rules: which words signal which FACTS predicate. Kept apart from the rules so
they can grow without burying the logic (the words that make a statement unreal are syntax.py's)."""
from __future__ import annotations

import re

GROUPS = {"armed_group", "coalition", "political_group", "state_force", "state", "international_org", "other"}
CHANGE = {"left", "split_from", "merged_into", "renamed_to"}

# verb lemma -> (predicate, preposition that introduces the object or "" for the direct object, attributes)
VERBS: dict[str, list[tuple[str, str, dict]]] = {
    "defect": [("left", "from", {"mode": "defected"}), ("left", "", {"mode": "defected"})],
    "leave": [("left", "", {"mode": "withdrew"})],
    "quit": [("left", "", {"mode": "withdrew"})],
    "abandon": [("left", "", {"mode": "withdrew"})],
    "desert": [("left", "", {"mode": "defected"})],
    "exit": [("left", "", {"mode": "withdrew"})],
    "withdraw": [("left", "from", {"mode": "withdrew"})],
    "resign": [("left", "from", {"mode": "withdrew"})],
    "secede": [("split_from", "from", {})],
    "split": [("split_from", "from", {})],
    "splinter": [("split_from", "from", {})],
    "break": [("split_from", "from", {}), ("left", "with", {"mode": "withdrew"})],
    "merge": [("merged_into", "into", {}), ("merged_into", "with", {})],
    "dissolve": [("merged_into", "into", {})],
    "fold": [("merged_into", "into", {})],
    "join": [("member_of", "", {})],
    "pledge": [("affiliated_with", "to", {})],
    "swear": [("affiliated_with", "to", {})],
    "affiliate": [("affiliated_with", "with", {}), ("affiliated_with", "to", {})],
    "link": [("affiliated_with", "to", {}), ("affiliated_with", "with", {})],
    "associate": [("affiliated_with", "with", {})],
    "ally": [("allied_with", "with", {}), ("allied_with", "to", {})],
    "align": [("allied_with", "with", {})],
    "cooperate": [("allied_with", "with", {})],
    "coordinate": [("allied_with", "with", {})],
    "partner": [("allied_with", "with", {})],
    "back": [("allied_with", "", {})],
    "support": [("allied_with", "", {})],
    "sponsor": [("allied_with", "", {})],
    "arm": [("allied_with", "", {})],
    "fund": [("allied_with", "", {})],
    "assist": [("allied_with", "", {})],
    "help": [("allied_with", "", {})],
    "aid": [("allied_with", "", {})],
    "train": [("allied_with", "", {})],
    "equip": [("allied_with", "", {})],
    "supply": [("allied_with", "", {})],
    "belong": [("member_of", "to", {})],
    "represent": [("member_of", "", {"role": "representative"})],
    "fight": [("rival_of", "", {}), ("rival_of", "against", {}), ("rival_of", "with", {})],
    "attack": [("rival_of", "", {})],
    "clash": [("rival_of", "with", {})],
    "battle": [("rival_of", "", {}), ("rival_of", "with", {}), ("rival_of", "against", {})],
    "defeat": [("rival_of", "", {})],
    "rout": [("rival_of", "", {})],
    "ambush": [("rival_of", "", {})],
    "target": [("rival_of", "", {})],
    "strike": [("rival_of", "", {})],
    "bomb": [("rival_of", "", {})],
    "shell": [("rival_of", "", {})],
    "raid": [("rival_of", "", {})],
    "hit": [("rival_of", "", {})],
    "pound": [("rival_of", "", {})],
    "bombard": [("rival_of", "", {})],
    "oppose": [("rival_of", "", {})],
    "confront": [("rival_of", "", {})],
    "counter": [("rival_of", "", {})],
    "degrade": [("rival_of", "", {})],
    "destroy": [("rival_of", "", {})],
    "eliminate": [("rival_of", "", {})],
    "dismantle": [("rival_of", "", {})],
    "eradicate": [("rival_of", "", {})],
    "crush": [("rival_of", "", {})],
    "besiege": [("rival_of", "", {})],
    "assign": [("member_of", "to", {})],
    "combat": [("rival_of", "", {})],
    "kill": [("rival_of", "", {})],
    "repel": [("rival_of", "", {})],
    "repulse": [("rival_of", "", {})],
    "engage": [("rival_of", "", {})],
    "hunt": [("rival_of", "", {})],
    "pursue": [("rival_of", "", {})],
    "expel": [("left", "", {"mode": "expelled"})],
    "lead": [("leader_of", "", {})],
    "head": [("leader_of", "", {})],
    "command": [("leader_of", "", {})],
    "chair": [("leader_of", "", {})],
    "control": [("controls", "", {})],
    "hold": [("controls", "", {})],
    "seize": [("controls", "", {})],
    "capture": [("controls", "", {})],
    "overrun": [("controls", "", {})],
    "retake": [("controls", "", {})],
    "recapture": [("controls", "", {})],
    "occupy": [("controls", "", {})],
    "liberate": [("controls", "", {})],
    "take": [("controls", "", {})],
    "storm": [("controls", "", {})],
    "enter": [("controls", "", {})],
    "run": [("controls", "", {})],
    "rule": [("controls", "", {})],
    "rename": [("renamed_to", "", {})],
    "rebrand": [("renamed_to", "as", {})],
    "include": [("has_member", "", {})],
    "comprise": [("has_member", "", {})],
    "encompass": [("has_member", "", {})],
    "unite": [("has_member", "", {})],
    "consist": [("has_member", "of", {})],
    "bring": [("has_member", "", {})],
    "make": [("has_member", "of", {}), ("has_member", "by", {})],
    "form": [("founded_by", "", {})],
    "found": [("founded_by", "", {})],
    "establish": [("founded_by", "", {})],
    "create": [("founded_by", "", {})],
    "launch": [("founded_by", "", {})],
}
# verbs whose plural subject with no object fought each other ("A and B clashed")
RECIPROCAL = {"fight", "clash", "battle", "skirmish", "feud"}
# verbs of taking a place: a whole country is never their object
CONQUEST = {"seize", "capture", "overrun", "retake", "recapture", "liberate", "take", "storm", "enter"}
FORMATION = {"form", "found", "establish", "create", "launch", "join", "merge", "unite"}
FOUNDING = FORMATION - {"join"}

# what makes a state the object of a leadership: the text names its government ("the Syrian government",
# "Assad's regime") or the office of one who leads it ("President X", "Iran's Supreme Leader", "the emir of Qatar")
GOVERNMENT_WORDS = {"government", "regime", "administration", "cabinet", "junta", "presidency", "monarchy", "state"}
STATE_OFFICES = {"president", "premier", "minister", "king", "queen", "monarch", "sultan", "emir", "amir",
                 "chancellor", "ruler", "dictator", "sovereign"}
STATE_OFFICE_MODIFIERS = {"supreme", "prime", "head"}

# role nouns: lemma -> (predicate, role attribute)
ROLES = {
    "leader": ("leader_of", None), "head": ("leader_of", None), "chief": ("leader_of", None),
    "emir": ("leader_of", None), "amir": ("leader_of", None), "chairman": ("leader_of", None),
    "founder": ("leader_of", None), "boss": ("leader_of", None), "commander": ("leader_of", "commander"),
    "spokesman": ("member_of", "spokesman"), "spokesperson": ("member_of", "spokesman"),
    "spokeswoman": ("member_of", "spokesman"), "cleric": ("member_of", "cleric"),
    "member": ("member_of", None), "fighter": ("member_of", "fighter"), "official": ("member_of", "official"),
    "deputy": ("member_of", "deputy"), "ideologue": ("member_of", "cleric"), "militant": ("member_of", "fighter"),
    "lieutenant": ("member_of", "officer"), "captain": ("member_of", "officer"), "colonel": ("member_of", "officer"),
    "sergeant": ("member_of", "officer"), "president": ("leader_of", None), "officer": ("member_of", "officer"), "pilot": ("member_of", "pilot"),
    "operative": ("member_of", "fighter"), "component": ("member_of", None), "constituent": ("member_of", None),
    "nation": ("member_of", None), "country": ("member_of", None), "faction": ("member_of", None),
    "general": ("member_of", "officer"),
}
LEAD_VERBS = {"lead", "head", "command", "chair"}
# relation nouns: "X, Y's ally" / "X, an affiliate of Y" -> X predicate Y
REL_NOUNS = {
    "ally": "allied_with", "partner": "allied_with", "rival": "rival_of", "enemy": "rival_of", "foe": "rival_of",
    "adversary": "rival_of", "nemesis": "rival_of", "affiliate": "affiliated_with", "branch": "affiliated_with",
    "franchise": "affiliated_with", "wing": "affiliated_with", "proxy": "affiliated_with",
    "offshoot": "split_from", "splinter": "split_from", "breakaway": "split_from", "successor": "renamed_to_rev",
}
TIE_NOUNS = {"link", "tie", "connection", "allegiance", "loyalty"}
COMPOSITE = {"coalition", "alliance", "conglomeration", "umbrella", "grouping", "merger", "union", "federation",
             "bloc", "confederation", "amalgamation", "consortium", "collection", "network", "front"}
CONFLICT_NOUNS = {"fighting", "clash", "battle", "war", "conflict", "hostility", "confrontation", "skirmish",
                  "rivalry", "feud", "infighting", "strike", "airstrike", "operation", "campaign", "offensive",
                  "attack", "effort", "assault", "raid", "fight", "struggle", "insurgency", "resistance"}
# nouns of a pact between sides ("the US-Iraq partnership", "an alliance between X and Y")
ALLIANCE_NOUNS = {"alliance", "cooperation", "partnership", "pact", "coordination", "rapprochement", "accord"}
# "<actor>-<word> <noun>": the hyphenated modifier's meaning, object side
HYPHEN = {"linked": "affiliated_with", "affiliated": "affiliated_with", "backed": "allied_with",
          "supported": "allied_with", "sponsored": "allied_with", "funded": "allied_with",
          "armed": "allied_with", "aligned": "allied_with", "trained": "allied_with",
          "allied": "allied_with", "led": "member_of", "controlled": "controls", "held": "controls",
          "run": "controls", "occupied": "controls", "dominated": "controls", "ruled": "controls"}

RENAME_OLD = re.compile(r"^\W*(?:(?:which|who)\s+)?(?:(?:was|were|had been|has been|is)\s+)?"
                        r"(?:formerly|previously|once|originally|earlier)\s*(?:known\s+as|called|named|dubbed)?\W*$")
RENAME_NEW = re.compile(r"^\W*(?:(?:which|who)\s+)?(?:(?:is|was|has been|had been|were)\s+)?"
                        r"(?:(?:now|later|subsequently|since)\s+(?:known\s+as|called|named)|renamed(?:\s+itself)?(?:\s+as)?|"
                        r"rebranded(?:\s+itself)?(?:\s+as)?|changed\s+its\s+name\s+to|became\s+known\s+as|"
                        r"took\s+the\s+name)\W*$")
RENAME_VERBAL = re.compile(r"renamed|rebranded|changed\s+its\s+name|became\s+known")
ARTICLES = {"the", "a", "an"}
SPEECH = {"say", "tell", "add", "state", "announce", "note", "stress", "emphasize", "emphasise", "explain", "report",
          "warn", "praise", "discuss", "welcome", "condemn", "thank", "urge"}
STAND_INS = {"fighter", "force", "troop", "militant", "operative", "member", "unit", "target", "position", "aircraft",
             "jet", "control", "element", "partner", "personnel", "soldier", "militia", "militiaman", "loyalist",
             "gunman", "warplane", "drone", "stronghold", "territory", "rule", "positions", "defense", "defence",
             "terrorist", "extremist", "insurgent", "rebel", "jihadist", "combatant", "commando", "ranks", "nation",
             "country", "ally", "government", "airman", "sailor", "marine", "state", "strike", "airstrike", "operation",
             "attack", "raid", "offensive", "campaign", "bombardment", "shelling"}
# plain nouns for a group, named by their modifiers ("the Daesh terror group")
GROUP_NOUNS = {"group", "organization", "organisation", "movement", "militia", "faction", "outfit", "network"}
# nouns whose "of" object is the enemy of whoever brings them about
DEFEAT_NOUNS = {"defeat", "destruction", "elimination", "eradication", "rout", "encirclement"}
# stand-ins that also take their actor with "of" ("Forces of the STC"); "a faction of X" is not X
AGENTS = {"force", "troop", "fighter", "militant", "soldier", "unit", "warplane", "aircraft", "jet", "drone",
          "gunman", "militiaman", "personnel"}
# nouns for the parts of a group ("its factions include X")
PARTITIVE = {"faction", "component", "member", "group", "unit", "brigade", "militia", "constituent"}
# titles written before a name ("President X", "army chief Gen. X"): the office is the state's government or its
# forces; the words are matched at the end of the lower-cased title run
GOV_TITLE = re.compile(r"(?:^|\s)(?:president|prime minister|premier|head of state|(?:junta|coup|regime) "
                       r"(?:leader|chief|head)|military ruler|head of the (?:junta|military council))$")
FORCE_TITLE = re.compile(r"(?:^|\s)(?:(?:army|military|armed forces|defen[cs]e forces) (?:chief|commander|head|"
                         r"chief of staff)|commander[- ]in[- ]chief|chief of (?:the )?(?:army |general |defen[cs]e )?"
                         r"staff)$")
# ranks between a title and a name ("army chief General X", "junta leader Col. X"); a title's own modifiers; and
# words before them that make the office someone else's ("Vice President X")
RANKS = {"general", "gen", "gen.", "lt", "lt.", "col", "col.", "colonel", "capt", "capt.", "captain", "major",
         "maj", "maj.", "field", "marshal", "brigadier", "admiral", "lieutenant", "senior", "sen.", ".", "dr", "dr.",
         "mr", "mr.", "ms", "mrs", "sheikh"}
TITLE_MODIFIERS = {"former", "ousted", "deposed", "toppled", "erstwhile", "ex", "-", "interim", "acting",
                   "transitional", "caretaker", "then", "late", "new", "incumbent", "sitting", "current", "outgoing",
                   "powerful", "veteran", "longtime", "self-declared", "de", "facto", "newly",
                   "elected", "embattled", "military", "civilian"}
NOT_THE_HOLDER = {"vice", "deputy", "assistant", "opposition", "rebel", "would-be", "presidential", "candidate"}
# nouns for a place a group holds ("Manbij, a stronghold of X", "the X bastion of Manbij")
HOLD_NOUNS = {"stronghold", "bastion", "heartland", "bulwark", "fiefdom", "enclave", "redoubt"}
# nouns a place name modifies ("Deir Ezzor city", "the Menagh base")
PLACE_NOUNS = {"city", "town", "village", "province", "district", "governorate", "region", "base", "airbase",
               "neighbourhood", "neighborhood", "suburb", "area", "countryside", "settlement", "camp", "port",
               "airport", "border", "crossing", "valley", "heights", "mountain", "hill", "field"}
# the seats of power whose taking is the taking of the town they are in
SEATS = {"palace", "headquarters", "parliament", "ministry", "centre", "center"}
