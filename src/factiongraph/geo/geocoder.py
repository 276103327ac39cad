"""Resolve a place mention ("Idlib Province", "the Turkish border", "Ma'arrat an-Nu'man") to a Place.

The gazetteer holds names; this module holds the reading of the words around them. A mention is tried as a
whole first (so "North Darfur", "Damascus countryside" and "Syria-Turkey border" stay themselves), then with
its qualifier peeled off: an administrative word ("Idlib governorate", "the province of Idlib") asks for a
subdivision, "town"/"city" for a city, a compass word ("northern Aleppo") is dropped. Among the places that
share a name, the document's countries come first, then the more populous place; a plain name shared by a
subdivision and a city inside it ("Idlib") resolves to the city, the sharper point.

When the caller says which countries the report is about (`home`), a name is resolved there before anywhere
else, and a town in another country needs strong evidence: its own name as written (not an alternate name, not
a spelling guessed from the consonants) and a sizeable population. A report on Syria that mentions a "US-led
coalition" does not make "al-Baath" Bath, Maine, nor "the Old City" Old City, Pennsylvania.
"""
from __future__ import annotations

import math
import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Sequence

from anyascii import anyascii

from ..models import Place
from .gazetteer import ensure_gazetteer, gazetteer_path, name_key, skeleton

ADMIN_WORDS = r"province|governorate|region|state|oblast|district|department|prefecture|county|wilayat|muhafazat"
SETTLEMENT_WORDS = r"city|town|village|camp|neighbou?rhood|suburbs?|outskirts|area|countryside|environs"
DIRECTIONS = (r"(?:north|south|east|west|central|rural|greater|upper|lower|northern|southern|eastern|western"
              r"|north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?|far)")
_SUFFIX = re.compile(rf"^(.+?)\s+({ADMIN_WORDS}|{SETTLEMENT_WORDS})$", re.I)
_PREFIX = re.compile(rf"^(?:the\s+)?({ADMIN_WORDS}|{SETTLEMENT_WORDS}) of\s+(.+)$", re.I)
_DIRECTION = re.compile(rf"^{DIRECTIONS}\s+(.+)$", re.I)
_TRAILING_DIRECTION = re.compile(r"^(.+?)\s+(?:north|south|east|west)(?:ern)?$", re.I)  # "Dumeir east (of Damascus)"
_PREPOSITION = re.compile(r"^(?:in|at|near|around|outside|inside|from|to|into|across|throughout|of)\s+(.+)$", re.I)
_SPACED_DASH = re.compile(r"^(.+?)\s+[-\u2013\u2014]\s+(.+)$")
_BORDER = re.compile(r"\b(?:border(?:s|lands?)?|frontier)\b", re.I)
_BORDER_FILLER = frozenset(("the", "border", "borders", "borderland", "borderlands", "frontier", "area", "region",
                            "crossing", "with", "between", "and", "along", "near", "on", "of", "tri", "zone",
                            "line"))
# capitalised words that name no place but exist as place names somewhere ("March", a town in England)
STOPWORDS = frozenset(name_key(w) for w in (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December God Allah Army State Government President Ministry Police "
    "Islamic State Council Front Brigade Brigades Movement Party Forces Group Islam Sharia Jihad Emir Sheikh "
    "Commander General Colonel Media Reuters Twitter Telegram Facebook").split())
# countries and the hand-written regions and borders (population 0) outrank towns that share their name
_FEATURE_BONUS = {"country": 3.0, "region": 6.0, "border": 6.0, "admin1": 0.0, "city": 0.0}
_CONTEXT_BONUS = 3.0  # a country of the document outweighs a 1000-fold population difference
# a place called so outranks one that merely has the name among its alternates ("Kisii", Kenya, before Jixi,
# China, whose GeoNames alternates include "Kisi"): worth a 10-fold population difference
_OWN_NAME_BONUS = 1.0
# a town outside the report's countries, named by its own name, is taken only from this size up
ABROAD_STRONG_POPULATION = 100_000


class _Row(NamedTuple):
    id: int
    geonames_id: int | None
    name: str
    admin1_code: str | None
    admin1_name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str


_COLUMNS = "p.id, p.geonames_id, p.name, p.admin1_code, p.admin1_name, p.country, p.lat, p.lon, p.population, p.feature"


class Geocoder:
    """Offline geocoding against the cached gazetteer; one read-only connection per instance."""

    def __init__(self, path: str | Path | None = None, *, cache_size: int = 65536):
        self.path = ensure_gazetteer(Path(path) if path else gazetteer_path())
        self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._resolve = lru_cache(maxsize=cache_size)(self._resolve_uncached)
        self._country_of = lru_cache(maxsize=cache_size)(self._country_of_uncached)

    def close(self) -> None:
        self._con.close()

    def geocode(self, text: str, *, countries: Sequence[str] = (), home: Sequence[str] | None = None,
                abroad_min_population: int = 0) -> Place | None:
        """The place `text` names, or None. `countries`: ISO2 codes of the document, most frequent first;
        `home`: those of them the report is about (empty: all of them), where a name is resolved before any
        other, abroad only a sizeable town by its own name; `abroad_min_population`: a town outside `countries`
        smaller than this is taken for a homonym, not a place of the report ("Mariani" of a Port-au-Prince
        report is no town in Assam)."""
        ccs = tuple(c.upper() for c in countries)
        found = self._resolve(_clean(text), ccs, tuple(c.upper() for c in home) if home else None)
        if found is None:
            return None
        row, country = found
        if countries and row.feature == "city" and row.country not in countries and \
                row.population < abroad_min_population:
            return None
        return Place(name=row.name, geonames_id=row.geonames_id, lat=row.lat, lon=row.lon,
                     admin1=row.admin1_name if row.feature in ("city", "admin1", "region") else None,
                     country=country or row.country, feature=row.feature, text=text)

    def candidate_countries(self, text: str) -> frozenset[str]:
        """The countries of every place (city, subdivision, country) that bears the name `text`."""
        text = _clean(text)
        if m := _SPACED_DASH.match(text):
            return self.candidate_countries(m.group(1)) | self.candidate_countries(m.group(2))
        key = name_key(text)
        if not key or key in STOPWORDS or not any(c.isupper() for c in text):
            return frozenset()
        return frozenset(r.country for r in self._by_key(key)
                         if r.country and r.feature in ("city", "admin1", "country"))

    def country_of(self, text: str) -> str | None:
        """ISO2 code for a country name or demonym ("Syria", "Syrian", "Syrians", "the Turks"), else None."""
        return self._country_of(_clean(text))

    # -- resolution -------------------------------------------------------------------------------------------

    def _resolve_uncached(self, text: str, countries: tuple[str, ...],
                          home: tuple[str, ...] | None = None) -> tuple[_Row, str | None] | None:
        if not text:
            return None
        if _BORDER.search(text):
            row = self._best(self._by_key(name_key(text)), countries, "border")
            if row is not None and row.feature == "border":
                return row, None
            return self._border(text, countries)
        if not any(c.isupper() for c in text):
            return None
        row = self._read(text, countries, None, depth=0, home=home)
        return (row, None) if row is not None else None

    def _read(self, text: str, countries: tuple[str, ...], prefer: str | None, depth: int,
              home: tuple[str, ...] | None = None) -> _Row | None:
        key = name_key(text)
        if not key or key in STOPWORDS or depth > 3:
            return None
        spelling = _spelling(text)
        row = self._best(self._kept(self._by_key(key), home, spelling), countries, prefer, spelling)
        if row is not None:
            return row
        if m := _SPACED_DASH.match(text):  # "Port-au-Prince - Solino": a town, then a part of it
            return self._read(m.group(1), countries, prefer, depth + 1, home) or \
                self._read(m.group(2), countries, prefer, depth + 1, home)
        if m := _PREFIX.match(text):
            return self._read(m.group(2), countries, _wanted(m.group(1)), depth + 1, home)
        if m := _SUFFIX.match(text):
            return self._read(m.group(1), countries, _wanted(m.group(2)), depth + 1, home)
        if m := (_DIRECTION.match(text) or _PREPOSITION.match(text) or _TRAILING_DIRECTION.match(text)):
            return self._read(m.group(1), countries, prefer, depth + 1, home)
        if home is not None and len(key) > 4 and key.endswith("s") and text[-1:] == "s":
            # scraped copy drops apostrophes: "Syrias", "Aleppos" are "Syria's", "Aleppo's"
            row = self._best(self._kept(self._by_key(key[:-1]), home, spelling[:-1]), countries, prefer,
                             spelling[:-1])
            if row is not None:
                return row
        return self._best(self._by_skeleton(key, countries if home is None else home), countries, prefer)

    @staticmethod
    def _kept(rows: list[_Row], home: tuple[str, ...] | None, spelling: str) -> list[_Row]:
        """Places of the report's countries, and abroad those with strong evidence: a country, region or border;
        a subdivision or a sizeable town called by its own name as written."""
        if home is None:
            return rows
        return [r for r in rows if r.country in home or r.country is None or r.feature in ("country", "region",
                "border") or _spelling(r.name) == spelling and
                (r.feature != "city" or r.population >= ABROAD_STRONG_POPULATION)]

    def _by_key(self, key: str) -> list[_Row]:
        return [_Row(*r) for r in self._con.execute(
            f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?", (key,))]

    def _by_skeleton(self, key: str, countries: tuple[str, ...]) -> list[_Row]:
        """Spellings that differ only in vowels, kept to the document's countries or to sizeable places."""
        if len(key) < 5:
            return []
        rows = self._con.execute(
            f"SELECT {_COLUMNS}, n.key FROM names n JOIN places p ON p.id = n.place WHERE n.skel = ?",
            (skeleton(key),))
        return [_Row(*r[:-1]) for r in rows
                if r[-1][0] == key[0] and abs(len(r[-1]) - len(key)) <= 1
                and (r[5] in countries if countries else r[8] >= 50_000)]

    def _best(self, rows: list[_Row], countries: tuple[str, ...], prefer: str | None,
              spelling: str | None = None) -> _Row | None:
        if not rows:
            return None

        def score(r: _Row) -> float:
            s = math.log10(r.population + 10) + _FEATURE_BONUS.get(r.feature, 0.0)
            if spelling and _spelling(r.name) == spelling:
                s += _OWN_NAME_BONUS
            if r.country in countries:
                s += _CONTEXT_BONUS - 0.2 * min(countries.index(r.country), 5)
            if prefer and r.feature == prefer:
                s += 20.0
            return s

        best = max(rows, key=score)
        if best.feature == "admin1" and prefer is None:
            inside = [r for r in rows if r.feature == "city" and r.country == best.country
                      and r.admin1_code == best.admin1_code]
            if inside:
                return max(inside, key=score)
        return best

    def _border(self, text: str, countries: tuple[str, ...]) -> tuple[_Row, str | None] | None:
        named = self._countries_in(text)
        sides = named or list(countries)
        if not sides:
            return None
        candidates: dict[int, list[str]] = {}
        for pid, cc in self._con.execute(
                "SELECT place, country FROM border_countries WHERE place IN "
                "(SELECT place FROM border_countries WHERE country = ?) ORDER BY place, position", (sides[0],)):
            candidates.setdefault(pid, []).append(cc)
        if not candidates:
            return None
        others = named[1:] if len(named) > 1 else [c for c in countries if c != sides[0]]

        def fit(item: tuple[int, list[str]]) -> tuple[int, int, int]:
            pid, ccs = item
            shared = [c for c in others if c in ccs]
            first = min((others.index(c) for c in shared), default=len(others))
            # most named sides covered, then the document's leading country, then the fewest extra countries
            return (-len(shared), first, len(ccs))

        best = min(candidates.items(), key=lambda kv: (fit(kv), kv[0]))
        if len(named) > 1 and fit(best)[0] == 0:
            return None  # both sides named, but no border of theirs is known
        pid = best[0]
        row = _Row(*self._con.execute(f"SELECT {_COLUMNS} FROM places p WHERE p.id = ?", (pid,)).fetchone())
        return row, sides[0]

    def _countries_in(self, text: str) -> list[str]:
        """Countries named in a border phrase, in order: "the Syria-Turkey border" -> [SY, TR]."""
        words = [w for w in re.split(r"[\s\-\u2010-\u2015/,]+", text) if w and w.lower() not in _BORDER_FILLER]
        found: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(4, len(words) - i), 0, -1):
                cc = self._country_of(" ".join(words[i:i + n]))
                if cc:
                    if cc not in found:
                        found.append(cc)
                    i += n
                    break
            else:
                i += 1
        return found

    def _country_of_uncached(self, text: str) -> str | None:
        key = name_key(text)
        if not key or not any(c.isupper() for c in text):
            return None
        for k in (key, key[:-1] if key.endswith("s") else None):
            if not k:
                continue
            row = self._con.execute("SELECT country FROM demonyms WHERE key = ?", (k,)).fetchone()
            if row is None:
                row = self._con.execute(
                    "SELECT p.country FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?"
                    " AND p.feature = 'country' ORDER BY p.population DESC LIMIT 1", (k,)).fetchone()
            if row:
                return row[0]
        return None


def _spelling(text: str) -> str:
    """The letters of a name as written, in ASCII: stricter than name_key ("Kisii" is not "Kisi")."""
    return re.sub(r"[^a-z0-9]", "", anyascii(text).lower())


def _wanted(word: str) -> str:
    w = word.lower()
    if re.fullmatch(ADMIN_WORDS, w) or w == "countryside":
        return "admin1"
    return "city"


def _clean(text: str) -> str:
    s = " ".join(text.split()).strip(" .,;:!?\"()[]")
    s = re.sub(r"[\u2019']s$", "", s)
    s = re.sub(r"^the\s+", "", s, flags=re.I)
    return s
