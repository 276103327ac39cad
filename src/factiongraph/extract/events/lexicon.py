"""Trigger and word tables for the event rules: which words report which FACTS event type, and the words their
arguments, places, dates and tolls are read by. Kept apart from the rules so they can grow without burying the
logic (the words that make a happening unreal are syntax.py's)."""
from __future__ import annotations

CLASS = {"battle": "violent", "attack": "violent", "assassination": "violent", "remote_violence": "violent",
         "violence_against_civilians": "violent", "protest": "demonstration", "riot": "demonstration",
         "military_buildup": "buildup", "mediation": "negotiation", "agreement": "negotiation", "arrest": "arrest",
         "statement": "statement", "territory_change": "territory"}
# which type wins when two mentions of one incident disagree (the more specific one)
RANK = ["remote_violence", "assassination", "violence_against_civilians", "attack", "battle", "riot", "protest",
        "agreement", "mediation", "territory_change", "military_buildup", "arrest", "statement"]

VERBS = {
    "clash": "battle", "fight": "battle", "battle": "battle", "defeat": "battle", "overrun": "battle",
    "repel": "battle", "repulse": "battle", "rout": "battle", "besiege": "battle", "encircle": "battle",
    "attack": "attack", "ambush": "attack", "raid": "attack", "storm": "attack", "assault": "attack",
    "assassinate": "assassination",
    "shell": "remote_violence", "bomb": "remote_violence", "airstrike": "remote_violence",
    "massacre": "violence_against_civilians", "execute": "violence_against_civilians",
    "abduct": "violence_against_civilians", "kidnap": "violence_against_civilians",
    "protest": "protest", "demonstrate": "protest", "rally": "protest", "march": "protest",
    "riot": "riot", "loot": "riot", "torch": "riot", "ransack": "riot",
    "deploy": "military_buildup", "mobilise": "military_buildup", "mobilize": "military_buildup",
    "reinforce": "military_buildup", "mass": "military_buildup",
    "mediate": "mediation", "broker": "mediation", "negotiate": "mediation",
    "sign": "agreement", "agree": "agreement",
    "arrest": "arrest", "detain": "arrest",
    "announce": "statement", "declare": "statement", "condemn": "statement", "accuse": "statement",
    "blame": "statement", "criticise": "statement", "criticize": "statement",
    "capture": "territory_change", "seize": "territory_change", "retake": "territory_change",
    "recapture": "territory_change", "withdraw": "territory_change", "enter": "territory_change",
    "liberate": "territory_change", "occupy": "territory_change", "take": "territory_change",
    "fall": "territory_change", "kill": "kill", "die": "kill", "shoot": "kill",
    # harm done to people, typed by who suffers it (and by a crowd doing it: mob violence)
    "beat": "kill", "stone": "kill", "stab": "kill", "hack": "kill", "behead": "kill", "torture": "kill",
    "decapitate": "kill", "wound": "kill", "injure": "kill", "overtake": "battle",
    "lynch": "riot", "rampage": "riot", "burn": "riot", "rape": "violence_against_civilians",
    "detonate": "remote_violence",
}
NOUNS = {
    "clash": "battle", "fighting": "battle", "battle": "battle", "offensive": "battle", "skirmish": "battle",
    "gunfight": "battle", "gunfire": "battle", "firefight": "battle", "siege": "battle", "counteroffensive": "battle",
    "counter-offensive": "battle",
    "attack": "attack", "ambush": "attack", "raid": "attack", "assault": "attack", "onslaught": "attack",
    "assassination": "assassination",
    "airstrike": "remote_violence", "air-strike": "remote_violence", "shelling": "remote_violence",
    "bombing": "remote_violence", "bombardment": "remote_violence", "ied": "remote_violence",
    "explosion": "remote_violence", "blast": "remote_violence", "mortar": "remote_violence",
    "massacre": "violence_against_civilians", "execution": "violence_against_civilians",
    "abduction": "violence_against_civilians", "kidnapping": "violence_against_civilians",
    "protest": "protest", "demonstration": "protest", "rally": "protest", "march": "protest", "sit": "protest",
    "riot": "riot", "unrest": "riot", "rioting": "riot", "rampage": "riot", "lynching": "riot", "arson": "riot",
    "shootout": "battle", "shoot-out": "battle", "landmine": "remote_violence",
    "buildup": "military_buildup", "build-up": "military_buildup", "reinforcement": "military_buildup",
    "deployment": "military_buildup", "mobilisation": "military_buildup", "mobilization": "military_buildup",
    "mediation": "mediation", "talk": "mediation", "negotiation": "mediation",
    "ceasefire": "agreement", "cease-fire": "agreement", "truce": "agreement", "deal": "agreement",
    "agreement": "agreement", "accord": "agreement", "armistice": "agreement",
    "arrest": "arrest", "detention": "arrest",
    "statement": "statement", "communique": "statement", "communiqué": "statement",
    "capture": "territory_change", "seizure": "territory_change", "takeover": "territory_change",
    "withdrawal": "territory_change", "fall": "territory_change",
}
# weapon nouns that turn an attack, a strike or an explosion into remote violence
REMOTE_WORDS = {"air", "airstrike", "drone", "missile", "rocket", "mortar", "artillery", "shell", "bomb", "car",
                "truck", "suicide", "ied", "roadside", "grenade", "warplane", "jet", "aerial", "explosive",
                "barrel", "landmine", "mine", "vbied", "helicopter", "bomber", "vehicle", "aircraft", "plane"}
# verbs whose object noun is the incident and whose subject its author: "launched an attack"
LIGHT = {"launch", "carry", "conduct", "stage", "mount", "hold", "sign", "reach", "begin", "start", "continue",
         "claim", "lead", "organise", "organize", "step", "intensify", "escalate", "resume", "order", "perpetrate",
         "commit", "make", "issue", "release", "publish", "agree", "broker", "mediate", "host", "join", "open",
         "wage", "undertake", "complete", "announce", "declare", "engage"}
# verbs whose noun subject is the weapon or incident and whose object is hit: "an airstrike killed 12"
HIT = {"kill", "hit", "target", "strike", "destroy", "wound", "injure", "damage", "claim", "leave", "rock", "tear"}
TROOPS = {"troop", "force", "reinforcement", "unit", "fighter", "soldier", "drone", "convoy", "warship", "tank",
          "battalion", "brigade", "column", "militiaman", "mercenary", "personnel", "jet", "aircraft", "artillery",
          "division", "contingent"}
SEND = {"send", "dispatch", "move", "rush", "bring", "fly", "station", "amass", "position"}
PEACE_WORDS = {"ceasefire", "cease-fire", "truce", "talk", "negotiation", "dialogue", "peace", "de-escalation",
               "calm", "restraint"}
AGREED = {"ceasefire", "cease-fire", "truce", "deal", "agreement", "accord", "armistice", "pause", "proposal",
          "plan", "peace", "terms", "settlement", "arrangement", "exchange", "swap", "roadmap", "declaration"}
STATEMENT_NEEDS = {"statement", "communique", "communiqué"}
ARMED = {"armed_group", "coalition", "state_force", "state"}
DEFINITE = {"the", "this", "that", "these", "those"}
WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
           "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
           "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1}
VICTIM_NOUNS = {"people", "person", "civilian", "soldier", "fighter", "militant", "policeman", "police", "officer",
                "troop", "member", "child", "woman", "man", "student", "worker", "employee", "resident",
                "villager", "recruit", "peacekeeper", "worshipper", "passenger", "protester", "demonstrator",
                "insurgent", "rebel", "jihadist", "gunman", "attacker", "guard", "staff", "pilgrim", "farmer",
                "cadet", "contractor", "personnel", "individual", "life", "other", "ranger", "thief", "suspect",
                "gangster", "robber", "trader", "businessman", "driver", "teacher", "pupil", "chief", "elder",
                "girl", "boy", "herder", "official", "commander", "politician", "candidate", "journalist",
                "victim", "husband", "wife", "son", "daughter", "mother", "father", "relative", "youth"}
POPULATION = {"population"}
PROPOSE = {"propose", "broker", "mediate", "sponsor", "offer", "draft", "table"}
VAGUE_GROUND = {"territory", "ground", "land", "swathe", "area"}
CROWD = {"crowd", "mob", "supporter", "protester", "demonstrator", "rioter", "youth", "resident", "people",
         "community", "villager", "student", "pupil", "mourner", "trader", "vigilante"}
HABITUAL = {"frequently", "often", "regularly", "routinely", "usually", "sometimes", "occasionally", "habitually"}
# verbs that end an accord or talks ("suspended talks", "called off its ceasefire")
ENDERS = {"suspend", "cancel", "scrap", "end", "abandon", "terminate", "abrogate", "quit"}
# what a weapon is fired at
TARGETS = {"base", "position", "protester", "demonstrator", "crowd", "civilian", "convoy", "checkpoint", "village",
           "town", "camp", "vehicle", "car", "home", "house"}
# heads under which a trigger noun is still the incident ("an attack operation")
INCIDENT_HEADS = {"incident", "operation", "campaign", "spree", "wave", "attempt"}
# words that make a "mine" a weapon
MINE_WORDS = {"land", "plant", "planted", "roadside", "anti", "anti-personnel", "anti-tank", "improvised"}
# harm verbs that report an incident only with someone harmed ("beat the deadline", "burned the midnight oil")
HARM_NEEDS_VICTIM = {"beat", "stone", "stab", "hack", "torture", "wound", "injure"}
# verbs that need an object: with none, their subject is the one done to ("Suu Kyi detained as ...")
TRANSITIVE = {"kill", "assassinate", "detain", "arrest", "abduct", "kidnap", "execute", "capture", "seize", "wound",
              "injure", "behead", "shoot", "retake", "recapture", "liberate"}
# speech verbs: a date on one dates the report, not what it reports
SPEECH = {"say", "tell", "announce", "report", "confirm", "state", "add", "claim", "declare", "write", "post"}
# words that make a mention another incident ("a second car bomb")
DISTINCT = {"second", "third", "another", "separate", "new", "fresh", "other", "further"}
# roles of those who do (rather than suffer) an incident
DOERS = ("perpetrator", "participant", "subject")
