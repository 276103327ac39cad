"""The data model: the facts exchange format (shared/spec/FACTS.md v1), one definition used everywhere.

Extractor output, store rows, exports and evaluation all go through these classes, so a record that
validates here is a record every other part of factiongraph can read. Unknown keys are kept (the format is
forward compatible) but never required.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator, model_validator

ActorType = Literal["armed_group", "coalition", "political_group", "state", "state_force",
                    "international_org", "person", "population", "other"]
Predicate = Literal["member_of", "leader_of", "left", "split_from", "merged_into", "renamed_to",
                    "affiliated_with", "allied_with", "rival_of", "controls"]
EventType = Literal["battle", "attack", "assassination", "remote_violence", "violence_against_civilians",
                    "protest", "riot", "military_buildup", "mediation", "agreement", "arrest", "statement",
                    "territory_change", "formation", "defection", "merger", "split"]
Role = Literal["perpetrator", "target", "victim", "participant", "mediator", "subject"]
Precision = Literal["day", "week", "month", "quarter", "year", "approximate"]
Feature = Literal["city", "admin1", "admin2", "country", "region", "border", "other"]

PREDICATES: tuple[str, ...] = Predicate.__args__  # type: ignore[attr-defined]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
ACTOR_TYPES: tuple[str, ...] = ActorType.__args__  # type: ignore[attr-defined]
SYMMETRIC = frozenset({"allied_with", "rival_of"})
# a change happens once (start only); a state holds over a period (start and end)
CHANGE_PREDICATES = frozenset({"left", "split_from", "merged_into", "renamed_to"})


class Record(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=False, by_alias=True)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def _iso_day(v: str) -> str:
    date.fromisoformat(v)  # raises ValueError with a clear message
    return v


class TimeSpan(Record):
    """When something happened or held: an inclusive interval of days, honest about its precision."""
    earliest: str
    latest: str
    precision: Precision
    text: str | None = None

    _check_days = field_validator("earliest", "latest")(lambda cls, v: _iso_day(v))

    @model_validator(mode="after")
    def _ordered(self) -> "TimeSpan":
        if self.earliest > self.latest:
            raise ValueError(f"earliest {self.earliest} is after latest {self.latest}")
        return self

    @property
    def start_date(self) -> date:
        return date.fromisoformat(self.earliest)

    @property
    def end_date(self) -> date:
        return date.fromisoformat(self.latest)


class Place(Record):
    name: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None
    feature: Feature = "other"
    text: str | None = None


class Evidence(Record):
    """An exact source span: `text == document.text[char_start:char_end]`."""
    doc: str
    char_start: int = Field(ge=0)
    char_end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _span(self) -> "Evidence":
        if self.char_end <= self.char_start:
            raise ValueError("char_end must be greater than char_start")
        if len(self.text) != self.char_end - self.char_start:
            raise ValueError("text length does not match char_end - char_start")
        return self


class Document(Record):
    kind: Literal["document"] = "document"
    id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    # not part of the exchange record: the text itself, and whether `published` was inferred from it
    text: str | None = Field(default=None, exclude=True)

    @field_validator("published")
    @classmethod
    def _published(cls, v: str | None) -> str | None:
        if v is None:
            return v
        from .timeutil import parse_partial_iso
        parse_partial_iso(v)
        return v


class Actor(Record):
    kind: Literal["actor"] = "actor"
    id: str
    name: str
    type: ActorType = "other"
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None


class Relation(Record):
    kind: Literal["relation"] = "relation"
    subject: str
    predicate: Predicate
    object: str
    start: TimeSpan | None = None
    end: TimeSpan | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)

    def key(self) -> tuple[str, str, str]:
        """(subject, predicate, object), symmetric predicates in a canonical order."""
        s, o = self.subject, self.object
        if self.predicate in SYMMETRIC and o < s:
            s, o = o, s
        return s, self.predicate, o


class Participant(Record):
    actor: str
    role: Role = "participant"


class Event(Record):
    kind: Literal["event"] = "event"
    id: str
    type: EventType
    date: TimeSpan | None = None
    place: Place | None = None
    participants: list[Participant] = Field(default_factory=list)
    fatalities: int | None = Field(default=None, ge=0)
    acled: dict[str, Any] | None = None
    summary: str | None = None
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)


Fact = Annotated[Union[Document, Actor, Relation, Event], Field(discriminator="kind")]
_FACT = TypeAdapter(Fact)


class FactsFormatError(ValueError):
    """A record that is not valid exchange format, located by file and line."""

    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}")
        self.where, self.problem = where, problem


def _first_error(e: ValidationError) -> str:
    err = e.errors()[0]
    loc = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and p in
                                                       ("document", "actor", "relation", "event")))
    return f"{loc}: {err['msg']}" if loc else err["msg"]


def parse_fact(obj: Any, where: str = "<record>") -> Document | Actor | Relation | Event:
    if not isinstance(obj, dict):
        raise FactsFormatError(where, "a record must be a JSON object")
    if obj.get("kind") not in ("document", "actor", "relation", "event"):
        raise FactsFormatError(where, f"unknown kind {obj.get('kind')!r}")
    try:
        return _FACT.validate_python(obj)
    except ValidationError as e:
        raise FactsFormatError(where, _first_error(e)) from None


def _lines(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                yield f"{path}:{n}", line


def _parse_line(where: str, line: str) -> Document | Actor | Relation | Event:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise FactsFormatError(where, f"not JSON ({e.msg})") from None
    return parse_fact(obj, where)


def iter_facts(path: str | Path) -> Iterator[Document | Actor | Relation | Event]:
    """Read a facts JSONL file, validating every record; the first bad one raises with file:line."""
    for where, line in _lines(Path(path)):
        yield _parse_line(where, line)


def validate_file(path: str | Path) -> list[str]:
    """Every problem in a facts file, one 'file:line: problem' string each (empty when valid)."""
    problems: list[str] = []
    for where, line in _lines(Path(path)):
        try:
            _parse_line(where, line)
        except FactsFormatError as e:
            problems.append(str(e))
    return problems
