"""ACLED's actor names (`actor1`, `assoc_actor_1`, `actor2`, `assoc_actor_2`) read as registry candidates.

ACLED writes one canonical name per actor, with conventions that carry facts:
- "NPA: New People's Army": an acronym (or short name) and the full name;
- "Police Forces of the Philippines (2016-)": a state force, with the tenure of the government it served, and
  sometimes a unit after it ("... (2016-) Philippine Drug Enforcement Agency");
- "Government of Mali (2013-)": the state under one government;
- "Fulani Ethnic Militia (Mali)", "Isiolo Communal Militia (Kenya)": an identity militia and its country;
- "Civilians (Mali)", "Protesters (Russia)", "Unidentified Armed Group (Niger)", "Fulani Ethnic Group (Benin)":
  categories of people, not actors: they never become registry entries (the pipeline finds unnamed
  collectives on its own, and a category name would link every "civilians" to one country's category);
- "A and/or B": ACLED could not tell which of two actors acted; each is read on its own;
- "Former Military Forces of ...": people who once served, not the force: left out.
Only the names are read; ACLED's notes never are.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .candidate import Candidate

COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
_INTER = {"1": "state", "2": "rebel", "3": "militia", "4": "identity", "5": "rioters", "6": "protesters",
          "7": "civilians", "8": "external", "State Forces": "state", "Rebel Groups": "rebel",
          "Political Militias": "militia", "Identity Militias": "identity", "Rioters": "rioters",
          "Protesters": "protesters", "Civilians": "civilians", "External/Other Forces": "external"}
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")
_TENURE = re.compile(r"\s*\((\d{4})-(\d{4})?\)\s*")
_FORCE = re.compile(r"^(Military|Police) Forces of (?:the )?(.+)$")
_GOVERNMENT = re.compile(r"^Government of (?:the )?(.+)$")
_IDENTITY = re.compile(r"^(.+?) (Ethnic|Communal|Clan|Tribal) Militia(?: \((.+)\))?$")
_QUALIFIED = re.compile(r"^(.+?) \(([^()]+)\)$")
_SHORT_FORM = re.compile(r"^([^\s:][^:]{0,24}?): (.+)$")
_PARTY = re.compile(r"\b(?:Party|League|Congress|Union|Federation|Association|Council|Front|Alliance|Coalition|"
                    r"Movement|Bloc)\b")
_INTERNATIONAL = re.compile(r"\b(?:United Nations|Mission|European Union|African Union|Organi[sz]ation|"
                            r"Community|Red Cross|Committee)\b")


@dataclass
class Label:
    """One ACLED actor name, parsed."""
    label: str
    kind: str                      # named | force | state | identity | category | skip
    name: str = ""
    short: str = ""                # the part before ": " (an acronym or short name)
    country_name: str = ""         # the country the name itself gives ("of Mali", "(Kenya)")
    force: str = ""                # military | police
    unit: str = ""                 # the unit after a force's tenure
    tenure: str = ""               # "2016-", "2010-2016"
    militia: str = ""              # Ethnic | Communal | Clan | Tribal


def split_label(label: str) -> list[str]:
    """ "A and/or B" -> [A, B]; ACLED also joins several associated actors with ";" in one column."""
    return [p.strip() for part in label.split(";") for p in part.split(" and/or ") if p.strip()]


def parse(label: str, is_country: Callable[[str], bool]) -> Label:
    """Read one ACLED name; `is_country` says whether a parenthesised qualifier is a country ("(Mali)")."""
    text = " ".join(label.split())
    if not text or text == "NA" or text.startswith(("Former ", "Unidentified ")):
        return Label(label, "skip")
    tenure, unit = "", ""
    if m := _TENURE.search(text):
        tenure = f"{m.group(1)}-{m.group(2) or ''}"
        text, unit = text[:m.start()].strip(), text[m.end():].strip()
    if m := _FORCE.match(text):
        return Label(label, "force", name=text, country_name=m.group(2), force=m.group(1).lower(), unit=unit,
                     tenure=tenure)
    if m := _GOVERNMENT.match(text):
        return Label(label, "state", name=text, country_name=m.group(1), tenure=tenure)
    if m := _IDENTITY.match(text):
        base = m.group(1).strip()
        if base.split()[0] in ("Unidentified", "Islamist", "Christian", "Muslim", "Hindu", "Buddhist", "Sunni",
                               "Shiite", "Catholic", "Protestant"):
            return Label(label, "category")
        return Label(label, "identity", name=f"{base} {m.group(2)} Militia", country_name=m.group(3) or "",
                     militia=m.group(2))
    if m := _QUALIFIED.match(text):
        if is_country(m.group(2)) or m.group(2) in ("International", "Africa"):
            return Label(label, "category")  # "Civilians (Mali)", "Fulani Ethnic Group (Benin)"
    short, name = "", text
    if (m := _SHORT_FORM.match(text)) and not any(t.islower() for t in m.group(1).split()):
        short, name = m.group(1).strip(), m.group(2).strip()
    return Label(label, "named", name=name, short=short, tenure=tenure)


@dataclass
class Seen:
    """What the rows say about one ACLED name: how often, in which countries, coded as which kind of actor."""
    rows: int = 0
    countries: Counter = field(default_factory=Counter)
    inter: Counter = field(default_factory=Counter)
    violent: int = 0   # rows where it fought or attacked (a main actor of a battle, explosion or attack)
    main: int = 0      # rows where it was a main actor (actor1 or actor2)


def read_names(path: str | Path) -> dict[str, Seen]:
    """Every actor name in the ACLED rows with its countries and interaction codes; nothing else is kept."""
    seen: dict[str, Seen] = defaultdict(Seen)
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                raise ValueError(f"{path}:{n}: not JSON") from None
            for col in COLUMNS:
                inter = _INTER.get(str(row.get("inter1" if col == "actor1" else "inter2") or "")) \
                    if col in ("actor1", "actor2") else None
                violent = row.get("event_type") in _VIOLENT and (col == "actor1" or col == "actor2" and
                                                                  row.get("event_type") == "Battles")
                for part in split_label(row.get(col) or ""):
                    s = seen[part]
                    s.rows += 1
                    s.countries[row.get("country") or ""] += 1
                    s.main += col in ("actor1", "actor2")
                    s.violent += violent
                    if inter:
                        s.inter[inter] += 1
    return dict(seen)


def lowercase_words(path: str | Path) -> Counter:
    """How often each word appears written in lower case in the notes: the ordinary words of reports, so
    that an acronym that is one ("GAP", "FACT") is told from one that is not ("BIFF", "ETA"). Only the counts
    are kept, for the build; no text leaves this function."""
    counts: Counter = Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            counts.update(w for w in _LOWER_WORD.findall(json.loads(line).get("notes") or ""))
    return counts


def actor_type(label: Label, seen: Seen) -> str:
    """The registry type of a named ACLED actor, from the interaction codes ACLED gave it and its name."""
    if label.kind == "force":
        return "state_force"
    if label.kind == "state":
        return "state"
    if label.kind == "identity":
        return "armed_group"
    inter = min(seen.inter.items(), key=lambda kv: (-kv[1], kv[0]))[0] if seen.inter else ""
    if not inter and seen.main and seen.violent * 2 >= seen.main:
        inter = "militia"  # rows without interaction codes (the Philippines): it fights, so it is armed
    if inter == "external" or _INTERNATIONAL.search(label.name):
        return "international_org" if _INTERNATIONAL.search(label.name) else "state_force"
    if inter == "state":
        return "state_force"
    if inter in ("rebel", "militia", "identity"):
        return "political_group" if _PARTY.search(label.name) and "rebel" not in seen.inter else "armed_group"
    return "political_group" if _PARTY.search(label.name) else "other"


def labels(seen: dict[str, Seen], is_country: Callable[[str], bool]) -> Iterator[tuple[Label, Seen]]:
    for text in sorted(seen):
        label = parse(text, is_country)
        if label.kind not in ("skip", "category"):
            yield label, seen[text]


def main_country(countries: Iterable[tuple[str, int]]) -> str:
    """The country an actor was most often coded in (ties: alphabetical, so the build is deterministic)."""
    ranked = sorted(countries, key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0] if ranked else ""


def _named_names(label: Label) -> list[str]:
    """ "NPA: New People's Army" -> both; "KIO/KIA: Kachin Independence Organization/Kachin Independence
    Army" -> both pairs. "X - Y" stays whole: Y is as often a local unit of X as another name of it."""
    name, short = label.name, label.short
    names = [name]
    if short and "/" in short and "/" in name and short.count("/") == name.count("/"):
        return [*name.split("/"), *short.split("/")]
    return names + ([short] if short else [])


def _force_names(label: Label, iso: str, country: str, demonyms: list[str]) -> list[str]:
    words = ("military", "army", "armed forces", "soldiers", "troops") if label.force == "military" else \
        ("police", "police forces", "policemen")
    return [f"{label.force.title()} Forces of {country}", label.name,
            *(f"{d} {w}" for d in demonyms for w in words)]


def candidates(seen: dict[str, Seen], country_of: Callable[[str], str | None],
               country_name: Callable[[str], str | None],
               demonyms: Callable[[str], list[str]]) -> list[Candidate]:
    """One candidate per actor: a force, a state or an identity militia gathers all ACLED names for it (tenures
    and units apart); a named actor is one candidate per name (the merge joins spellings)."""
    out: dict[str, Candidate] = {}

    def add(key: str, make: Callable[[], Candidate], label: str | None) -> Candidate:
        cand = out.get(key) or out.setdefault(key, make())
        if label:
            cand.acled_names.append(label)
        return cand

    for label, s in labels(seen, lambda t: bool(country_of(t))):
        iso = country_of(label.country_name) if label.country_name else None
        home = iso or country_of(main_country(s.countries.items())) or None
        kind = actor_type(label, s)
        if label.kind in ("force", "state") and iso is None:
            continue  # "Military Forces of Azawad"? not a country we know
        if label.kind == "force":
            country = country_name(iso) or label.country_name
            key = f"acled:force:{iso}:{label.force}"
            force = add(key, lambda: Candidate("acled", key, label.name,
                                               "state_force", iso, _force_names(label, iso, country,
                                                                                demonyms(iso)),
                                               force=label.force), None if label.unit else label.label)
            if label.unit:
                unit_key = f"acled:unit:{iso}:{label.force}:{label.unit}"
                stems = {w[:4].lower() for w in (country, *demonyms(iso))}
                national = any(w[:4].lower() in stems for w in label.unit.split())  # "Sri Lanka Navy"
                names = [label.unit, f"{force.name}: {label.unit}",
                         *([] if national else (f"{d} {label.unit}" for d in demonyms(iso)))]
                add(unit_key, lambda: Candidate("acled", unit_key, label.unit, "state_force", iso, names,
                                                links=[("member_of", key, None)]), label.label)
        elif label.kind == "state":
            key = f"acled:state:{iso}"
            add(key, lambda: Candidate("acled", key, country_name(iso) or label.country_name, "state", iso,
                                       [country_name(iso) or label.country_name], state=True), label.label)
        elif label.kind == "identity":
            root = label.name[: -len(f" {label.militia} Militia")]
            key = f"acled:identity:{label.name}"
            add(key, lambda: Candidate("acled", key, label.name, kind, iso or home,
                                       [label.name, f"{root} militia", f"{root} militias", f"{root} militiamen"]),
                label.label)
        else:
            key = f"acled:named:{label.name}"
            names = _named_names(label)
            # where ACLED coded an aid agency or a union is not its country: a country steers decisions about
            # a whole report (whose army "the army" is), so only armed and political actors get one
            country = home if kind in ("armed_group", "political_group", "state_force") else None
            coded = [c for c in (country_of(n) for n, _ in sorted(s.countries.items(), key=lambda kv: (-kv[1], kv[0])))
                     if c]
            cand = add(key, lambda: Candidate("acled", key, names[0], kind, country, names, countries=coded),
                       label.label)
            cand.names = list(dict.fromkeys([*cand.names, *names]))
    return [out[k] for k in sorted(out)]
