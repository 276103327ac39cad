"""A registry candidate read from UCDP or ACLED, before it is filtered, matched to the curated registry and
given an id."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Candidate:
    source: str                    # ucdp | acled
    key: str                       # "ucdp:234", "acled:<ACLED name>": how links and merges refer to it
    name: str                      # the display name it would get
    type: str
    country: str | None            # where it is based (UCDP: the first country it fought in)
    names: list[str]               # the names it goes by now, best first (`name` among them)
    former: list[str] = field(default_factory=list)   # names it carried before (UCDP name changes)
    ucdp_id: int | None = None
    acled_names: list[str] = field(default_factory=list)
    links: list[tuple[str, str, str | None]] = field(default_factory=list)  # (predicate, target key, note)
    force: str = ""                # military | police: an ACLED national force
    state: bool = False            # a country's own state (its country names are its names)
    countries: list[str] = field(default_factory=list)  # every country it fought in or was coded in

    def all_names(self) -> list[str]:
        return list(dict.fromkeys([self.name, *self.names, *self.former]))
