"""Agreement of the geocoder with UCDP GED's own coordinates.

For every distinct GED location label (``where_coordinates``) the geocoder resolves the label,
given GED's adm_1/adm_2 as context the way an importer would pass them, on the date of the
label's first event; the result is compared with GED's point. Disagreements are listed so that
each can be explained (GED points are sometimes wrong: see docs/geocoding.md).

Caveat: the shipped gazetteer includes GED's place names, so with it this measures coverage
and ranking more than independent accuracy. ``bench/bench_geocode.py`` also runs it on a
gazetteer built without GED (``build_gazetteer.py --no-ged``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tacitus.geo.boundaries import km_between
from tacitus.geo.geocoder import Geocoder

AGREEMENT_KM = 25.0


@dataclass
class Disagreement:
    label: str
    ged_point: tuple[float, float]
    our_point: tuple[float, float] | None
    km: float | None
    gazetteer_id: str | None
    ged_admin: str


@dataclass
class AgreementReport:
    places: int = 0
    agree: int = 0
    events: int = 0
    events_resolved: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.agree / self.places if self.places else 0.0


def read_ged(path: Path) -> pd.DataFrame:
    """GED Pakistan CSV (row 2 is an HXL tag row)."""
    return pd.read_csv(path, skiprows=[1], low_memory=False)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def ged_agreement(geocoder: Geocoder, ged: pd.DataFrame, use_context: bool = True) -> AgreementReport:
    report = AgreementReport()
    ged = ged.assign(day=pd.to_datetime(ged["date_start"]).dt.date)
    report.events = len(ged)
    # every event: its own label, admin context and date
    for (label, adm1, adm2, day), rows in ged.groupby(["where_coordinates", "adm_1", "adm_2", "day"], dropna=False):
        context = tuple(c for c in (_text(adm2), _text(adm1)) if c) if use_context else ()
        if geocoder.geocode(str(label), day if isinstance(day, dt.date) else None, context) is not None:
            report.events_resolved += len(rows)
    for label, rows in ged.groupby("where_coordinates", sort=True):
        first = rows.sort_values("day").iloc[0]
        context = tuple(c for c in (_text(first["adm_2"]), _text(first["adm_1"])) if c) if use_context else ()
        place = geocoder.geocode(str(label), first["day"], context)
        report.places += 1
        lat, lon = float(first["latitude"]), float(first["longitude"])
        if place is None or place.latitude is None or place.longitude is None:
            report.disagreements.append(
                Disagreement(str(label), (lat, lon), None, None, None, f"{first['adm_2']}, {first['adm_1']}")
            )
            continue
        km = km_between(lat, lon, place.latitude, place.longitude)
        if km <= AGREEMENT_KM:
            report.agree += 1
        else:
            report.disagreements.append(
                Disagreement(
                    str(label),
                    (lat, lon),
                    (place.latitude, place.longitude),
                    round(km, 1),
                    place.gazetteer_id,
                    f"{first['adm_2']}, {first['adm_1']}",
                )
            )
    return report
