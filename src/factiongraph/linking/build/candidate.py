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
    country: str | None
    names: list[str]               # the names it goes by now, best first (`name` among them)
    former: list[str] = field(default_factory=list)   # names it carried before (UCDP name changes)
    ucdp_id: int | None = None
    acled_names: list[str] = field(default_factory=list)
    links: list[tuple[str, str, str | None]] = field(default_factory=list)  # (predicate, target key, note)
    force: str = ""                # military | police: an ACLED national force
    state: bool = False            # a country's own state (its country names are its names)

    def all_names(self) -> list[str]:
        return list(dict.fromkeys([self.name, *self.names, *self.former]))
