"""Pakistan's administrative units and how their names changed over time.

Event records carry admin1/admin2 *as they were on the event date*: a 2010 strike in Mir Ali is
in "North Waziristan", "Federally Administered Tribal Areas"; the same place in 2020 is in
"North Waziristan", "Khyber Pakhtunkhwa". Units are stored once with stable keys
(``admin_units.tsv``) and turned into dated names here, so the gazetteer never has to store
names per period.

The rules that change names:

* NWFP was renamed Khyber Pakhtunkhwa by the 18th Amendment (in force 2010-04-19).
* FATA merged into Khyber Pakhtunkhwa by the 25th Amendment (2018-05-31): the seven agencies
  became KP districts of the same name; each frontier region became part of the district it
  was named after (FR Kohat -> Kohat, FR Tank -> Tank, ...).
* Districts created from others after 2001 (Tor Ghar, Chiniot, ...) map to their parent
  before their creation date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from rapidfuzz import fuzz, process

from tacitus.geo.text import FEATURE_WORDS, fold, key

KP_RENAMED = dt.date(2010, 4, 19)
FATA_MERGED = dt.date(2018, 5, 31)

PROVINCE_NAMES: dict[str, str] = {
    "BA": "Balochistan",
    "SD": "Sindh",
    "PB": "Punjab",
    "KP": "Khyber Pakhtunkhwa",
    "TA": "Federally Administered Tribal Areas",
    "IS": "Islamabad Capital Territory",
    "JK": "Azad Jammu and Kashmir",
    "GB": "Gilgit-Baltistan",
}
NWFP = "North-West Frontier Province"

# Spellings used by UCDP GED, GTD, ACLED and the press for each province.
PROVINCE_VARIANTS: dict[str, tuple[str, ...]] = {
    "BA": ("Baluchistan", "Balochistan province", "Beluchistan"),
    "SD": ("Sind", "Sindh province"),
    "PB": ("Panjab", "Punjab province", "Punjab (Pakistan)"),
    "KP": (
        "Khyber Pakhtunkwa",
        "Khyber-Pakhtunkhwa",
        "Khyber Pukhtunkhwa",
        "Khyber Pakhtoonkhwa",
        "Khyber Pakhtunkhawa",
        "Pakhtunkhwa",
        "KPK",
        "KP",
        "NWFP",
        NWFP,
        "North West Frontier Province",
        "North West Frontier",
        "Frontier Province",
        "Sarhad",
    ),
    "TA": (
        "FATA",
        "Tribal Areas",
        "Federally Administered Tribal Area",
        "Federal Administered Tribal Areas",
        "Tribal Areas (FATA)",
    ),
    "IS": ("Islamabad", "ICT", "Islamabad Capital territory", "Federal Capital Territory", "Federal Capital"),
    "JK": (
        "Azad Kashmir",
        "AJK",
        "Azad Jammu & Kashmir",
        "Azad Jammu Kashmir",
        "Pakistan-administered Kashmir",
        "Azad Kashmir and Jammu",
    ),
    "GB": (
        "Gilgit Baltistan",
        "Gilgit-Baltistan province",
        "Northern Areas",
        "Federally Administered Northern Areas",
        "FANA",
    ),
}


def province_name(code: str, day: dt.date) -> str:
    """Name of a province on ``day`` (NWFP before the 2010 rename; FATA ends at the 2018 merger)."""
    if code == "KP" and day < KP_RENAMED:
        return NWFP
    if code == "TA" and day >= FATA_MERGED:
        return PROVINCE_NAMES["KP"]
    return PROVINCE_NAMES[code]


@dataclass(frozen=True)
class AdminUnit:
    """One second-level unit with a stable key; names by date come from :class:`AdminHistory`."""

    key: str
    province: str
    name: str
    variants: tuple[str, ...]
    valid_from: dt.date | None
    predecessor: str | None
    successor: str | None
    geom: str | None
    lat: float | None
    lon: float | None


def _parse_date(text: str) -> dt.date | None:
    text = text.strip().lstrip("~")
    return dt.date.fromisoformat(text) if text else None


def _read_units(text: str) -> dict[str, AdminUnit]:
    rows = csv.DictReader((line for line in io.StringIO(text) if not line.startswith("#")), delimiter="\t")
    units: dict[str, AdminUnit] = {}
    for row in rows:
        units[row["key"]] = AdminUnit(
            key=row["key"],
            province=row["province"],
            name=row["name"],
            variants=tuple(v for v in row["variants"].split("|") if v),
            valid_from=_parse_date(row["valid_from"]),
            predecessor=row["predecessor"] or None,
            successor=row["successor"] or None,
            geom=row["geom"] or None,
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
        )
    return units


def load_units() -> dict[str, AdminUnit]:
    """Units shipped in ``tacitus.data.geo/admin_units.tsv``."""
    text = resources.files("tacitus.data.geo").joinpath("admin_units.tsv").read_text("utf-8")
    return _read_units(text)


_SUFFIXES = {w for w, kind in FEATURE_WORDS.items() if kind in {"admin1", "admin2"}} | {"division", "tehsil"}


def _lookup_forms(raw: str) -> list[str]:
    """Keys to try for a raw admin name: as given, without classifier words, before " - " or "("."""
    forms = [raw]
    for sep in (" - ", "(", ","):
        if sep in raw:
            forms.append(raw.split(sep, 1)[0])
    out: list[str] = []
    for form in forms:
        words = fold(form).split()
        out.append("".join(words))
        while words and words[-1] in _SUFFIXES:
            words = words[:-1]
        if words:
            out.append("".join(words))
    return out


def _strip_suffix(raw: str) -> str:
    """Raw name without a trailing classifier word ("Kech district" -> "Kech"), original casing kept."""
    words = raw.strip().split()
    while len(words) > 1 and fold(words[-1]) in _SUFFIXES:
        words = words[:-1]
    return " ".join(words)


class AdminHistory:
    """Dated admin1/admin2 names for unit keys, and a normaliser for raw spellings."""

    def __init__(self, units: dict[str, AdminUnit]) -> None:
        self.units = units
        self._unit_keys: dict[str, str] = {}
        for unit in units.values():
            for name in (unit.name, *unit.variants):
                self._unit_keys.setdefault(key(name), unit.key)
        self._province_keys: dict[str, str] = {}
        for code, name in PROVINCE_NAMES.items():
            for variant in (name, *PROVINCE_VARIANTS[code]):
                self._province_keys.setdefault(key(variant), code)
        self._unit_key_list = list(self._unit_keys)
        by_province: dict[str, list[str]] = {}
        for unit in units.values():
            by_province.setdefault(unit.province, []).append(unit.key)
        # Islamabad Capital Territory is one district: its places and the territory itself get
        # admin2 "Islamabad" even when a source names only the territory
        self._sole_unit = {code: keys[0] for code, keys in by_province.items() if len(keys) == 1}

    @classmethod
    def load(cls) -> AdminHistory:
        return cls(load_units())

    def sole_unit(self, code: str) -> str | None:
        """Key of the only unit of a province that has one (Islamabad Capital Territory), else ``None``."""
        return self._sole_unit.get(code)

    def resolve(self, unit_key: str, day: dt.date | None = None) -> tuple[str | None, str | None]:
        """(admin1, admin2) of a unit on ``day`` (today when ``None``).

        ``unit_key`` may be a district key from ``admin_units.tsv`` or ``prov:<code>`` for a
        province-level place (admin2 ``None``, except in a one-district territory).
        """
        day = day or dt.date.today()
        if unit_key.startswith("prov:"):
            sole = self._sole_unit.get(unit_key[5:])
            if sole is None:
                return province_name(unit_key[5:], day), None
            unit_key = sole
        unit = self.units.get(unit_key)
        if unit is None:
            return None, None
        unit = self.unit_on(unit, day)
        return province_name(unit.province, day), unit.name

    def unit_on(self, unit: AdminUnit, day: dt.date) -> AdminUnit:
        """The unit that held this unit's area on ``day`` (parent before creation, successor after merger)."""
        while unit.valid_from is not None and day < unit.valid_from and unit.predecessor:
            unit = self.units[unit.predecessor]
        if unit.province == "TA" and day >= FATA_MERGED and unit.successor:
            unit = self.units[unit.successor]
        return unit

    def all_names(self, unit_key: str) -> Iterable[str]:
        """Every name the unit and its province have carried; used to match context words."""
        if unit_key.startswith("prov:"):
            code = unit_key[5:]
            yield PROVINCE_NAMES[code]
            yield from PROVINCE_VARIANTS[code]
            return
        unit = self.units.get(unit_key)
        if unit is None:
            return
        yield unit.name
        yield from unit.variants
        yield PROVINCE_NAMES[unit.province]
        yield from PROVINCE_VARIANTS[unit.province]
        if unit.province == "TA":
            yield PROVINCE_NAMES["KP"]
            yield from PROVINCE_VARIANTS["KP"]
        if unit.successor:
            yield self.units[unit.successor].name

    def find_unit(self, raw: str, fuzzy: bool = True) -> str | None:
        """Unit key for a raw admin2 spelling ("Bajaur agency", "FR Tank - Jandola", "D.I. Khan")."""
        forms = _lookup_forms(raw)
        for form in forms:
            found = self._unit_keys.get(form)
            if found:
                return found
        if fuzzy and forms and len(forms[-1]) >= 5:
            match = process.extractOne(forms[-1], self._unit_key_list, scorer=fuzz.ratio, score_cutoff=88)
            if match is not None:
                return self._unit_keys[match[0]]
        return None

    def find_province(self, raw: str) -> str | None:
        """Province code for a raw admin1 spelling ("Khyber Pakhtunkwa province", "NWFP", "FATA")."""
        for form in _lookup_forms(raw):
            found = self._province_keys.get(form)
            if found:
                return found
        return None

    def normalize(
        self, admin1: str | None, admin2: str | None, day: dt.date | None = None
    ) -> tuple[str | None, str | None]:
        """Canonical (admin1, admin2) valid on ``day`` for raw spellings from GED, GTD, ACLED or text.

        A known admin2 decides the province (datasets disagree on admin1 around the 2010 and
        2018 changes; the unit does not). Unknown names are kept, minus classifier words, so
        nothing a source said is lost.
        """
        day = day or dt.date.today()
        a1 = admin1.strip() if admin1 and admin1.strip() else None
        a2 = admin2.strip() if admin2 and admin2.strip() else None
        code = self.find_province(a1) if a1 else None
        unit_key = self.find_unit(a2) if a2 else None
        if unit_key is not None:
            unit = self.units[unit_key]
            if code is None or code == unit.province or {code, unit.province} <= {"KP", "TA"}:
                return self.resolve(unit_key, day)
        out1 = province_name(code, day) if code else a1
        out2 = _strip_suffix(a2) if a2 else None
        return out1, out2
