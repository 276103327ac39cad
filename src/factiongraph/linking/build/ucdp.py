"""UCDP Actor Dataset rows (ucdp-actor-221.csv; UCDP, ucdp.uu.se, CC BY 4.0) read as registry candidates.

Per row: the names (UCDP's own `NameData`, the original-language full name, its English form), the names it
carried before (`NewName...`, oldest first, the current one last), splinters (`ActorIdPrev`), temporary splits,
alliances it entered (`ActorIdAlliance`) and groups it joined (`ActorIdGroup`), and where it fought
(`Location`). UCDP gives no dates for these links. Kinds of actor (`Org`):
- 1, an organised group: an armed group (a coalition when other actors are in alliance within it);
- 4, a government: the state;
- 3, an identity group in a communal conflict ("Pokot", "Abgal clan (Hawiye)"): the armed actor is its militia,
  so the entry is "Pokot Ethnic Militia", known as "Pokot militia"; the bare identity name names a people and is
  never matched on its own; religious communities ("Muslims (India)") are left out;
- 2, supporters of a party ("Supporters of BNP"): a description, left out.
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path
from typing import Callable

from .candidate import Candidate

_BRACKET = re.compile(r"^(.+?)\s*\[(.+)\]$")
_CLAN = re.compile(r"^(.+?) (?:sub-?clan|clan|sub-tribe)\b")
_COMMUNITY = re.compile(r"^(.+?) (?:community|communities)$", re.I)
_RELIGIOUS = re.compile(r"^(?:Muslims|Christians|Hindus|Buddhists|Copts|Sunni|Shia|Shiites|Alawite|Alawites|"
                        r"Jews|Druze)\b")
_GOVERNMENT = re.compile(r"^Government of (?:the )?(.+?)(?:\s*\((.+)\))?$")


def _clean(value: str | None) -> str:
    value = " ".join((value or "").replace("´", "'").split())
    return "" if value.lower() in ("n/a", "na", "-") else value.strip(" ,")


def _one(value: str) -> list[str]:
    """One name field: "IZL [Etzel]" and "Донецкая ... / Donetskaya ..." -> both names; commas stay
    ("Movimiento 26, de Julio")."""
    if m := _BRACKET.match(value):
        return [m.group(1).strip(), m.group(2).strip()]
    return [p.strip() for p in value.split(" / ") if p.strip()] if value else []


def _parts(value: str) -> list[str]:
    """A field of several names ("TQJBR, ISI, ISIS, IS") -> its names; "IZL [Etzel]" -> both."""
    out = []
    for part in (p.strip() for p in value.split(",")) if value else ():
        if m := _BRACKET.match(part):
            out += [m.group(1).strip(), m.group(2).strip()]
        elif part:
            out.append(part)
    return out


def _ids(value: str) -> list[int]:
    return [int(v) for v in re.findall(r"\d+", value or "")]


def _names(row: dict) -> tuple[list[str], list[str]]:
    """(current names, best first; former names) of an organised group."""
    current = [n for f in ("NameData", "NameOrig", "NameOrigFull", "NameOrigFullEng") for n in _one(_clean(row.get(f)))]
    former: list[str] = []
    if row.get("NameChange") == "1":
        lists = [_parts(_clean(row.get(f))) for f in ("NewName", "NewNameFullMotherTongue", "NewNameFullEng")]
        count = len(lists[0])
        for names in lists:
            if len(names) == count and count > 1:
                former += names[:-1]
                current.append(names[-1])
            elif len(names) == 1:
                current.append(names[0])
    return list(dict.fromkeys(current)), [n for n in dict.fromkeys(former) if n not in current]


def _display(names: list[str]) -> str:
    """UCDP's own name unless it is an acronym and a full English or original name exists."""
    first = names[0]
    if re.fullmatch(r"[A-Z0-9][A-Z0-9&./\- ]*", first) and len(names) > 1:
        full = [n for n in names[1:] if " " in n and not re.fullmatch(r"[A-Z0-9&./\- ]+", n)]
        return full[0] if full else first
    return first


def identity_names(name: str) -> tuple[str, str] | None:
    """(base, kind) of an identity group's name: "Abgal clan (Hawiye)" -> ("Abgal", "Clan"); None for a
    religious community or a description."""
    name = re.sub(r"\s*\((.+)\)$", "", name).strip()
    if not name or _RELIGIOUS.match(name):
        return None
    if m := _CLAN.match(name):
        return m.group(1).strip(), "Clan"
    if m := _COMMUNITY.match(name):
        return m.group(1).strip(), "Communal"
    if any(w[:1].islower() and w not in ("al", "el", "de", "of") for w in re.split(r"[\s-]+", name)):
        return None  # "El Dorado long-term inmates": a description
    return name, "Ethnic"


def read_rows(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def candidates(rows: list[dict], country_of: Callable[[str], str | None],
               country_name: Callable[[str], str | None]) -> list[Candidate]:
    """Candidates from UCDP rows. `country_of(name)`: ISO2 of a country name, else None; `country_name(iso)`:
    the country's usual English name (for a government's state entry)."""
    allied_into = defaultdict(int)
    for row in rows:
        if row.get("Alliance") == "1":
            for target in _ids(row.get("ActorIdAlliance")):
                allied_into[target] += 1
    out = []
    # governments, then organised groups, then identity groups: a curated entry is first claimed by the
    # organisation ("Dan na Ambassagou"), not by the people it recruits from ("Dogon")
    for row in sorted(rows, key=lambda r: ({"4": 0, "1": 1}.get(r.get("Org"), 2), int(r["ActorId"]))):
        cand = _candidate(row, country_of, country_name, allied_into)
        if cand is not None:
            out.append(cand)
    return out


def _locations(row: dict, country_of: Callable[[str], str | None]) -> list[str]:
    """ISO2 codes of the countries in `Location`, in UCDP's order ("Ethiopia, Somalia, ...")."""
    out = []
    for place in re.split(r",\s*(?!FYR)", row.get("Location") or ""):
        place = re.sub(r"\s*\(.+\)$", "", place).strip()
        if place and (iso := country_of(place)) and iso not in out:
            out.append(iso)
    return out


def _candidate(row: dict, country_of, country_name, allied_into) -> Candidate | None:
    actor_id, org = int(row["ActorId"]), row.get("Org")
    countries = _locations(row, country_of)
    base = Candidate("ucdp", f"ucdp:{actor_id}", "", "armed_group", (countries or [None])[0], [],
                     ucdp_id=actor_id, countries=countries)
    if org == "4":
        name = _clean(row.get("NameData"))
        m = _GOVERNMENT.match(name)
        iso = country_of(m.group(1)) if m else None
        if iso and country_name(iso):  # "Government of Kenya": Kenya's state
            base.name, base.country, base.state = country_name(iso), iso, True
        else:  # "Government of Hyderabad", "Government of South Vietnam": a state of its time
            base.name = name
        base.type, base.names = "state", [base.name]
        return base
    if org == "3":
        parsed = identity_names(_clean(row.get("NameData")))
        if parsed is None:
            return None
        root, kind = parsed
        base.name = f"{root} {kind} Militia"
        base.names = [base.name, f"{root} militia", f"{root} militias", f"{root} militiamen"]
        return base
    if org != "1":
        return None
    current, former = _names(row)
    if not current:
        return None
    base.name, base.names, base.former = _display(current), current, former
    base.type = "coalition" if allied_into.get(actor_id) else "armed_group"
    for flag, field, predicate, note in (("Splinter", "ActorIdPrev", "split_from", None),
                                         ("SplitTemp", "ActorIdSplitTemp", "split_from", "a temporary split"),
                                         ("Alliance", "ActorIdAlliance", "member_of", "in alliance"),
                                         ("JoinGroup", "ActorIdGroup", "member_of", "joined")):
        if row.get(flag) == "1":
            base.links += [(predicate, f"ucdp:{t}", note) for t in _ids(row.get(field)) if t != actor_id]
    return base
