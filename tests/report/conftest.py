"""Fixtures for the report tests: a synthetic store whose changes are known, and claims files written here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tacitus.model import Record
from tacitus.store import open_store


@pytest.fixture(scope="module")
def stepped_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Made-up events: in 2020 two a month, in 2021 six a month, all by one group in FATA; in 2021 also one
    attack a month on civilians in Karachi. Every quantity a test asks about is known by construction."""
    records = []
    for month in range(1, 13):
        for n in range(2):
            records.append(Record("synthetic", f"a{month}-{n}", {
                "date": dt.date(2020, month, 3 + n), "perpetrator": "TTP", "type_of_violence": 1,
                "admin1": "Federally Administered Tribal Areas", "admin2": "Khyber", "killed_best": 2,
                "latitude": 34.0, "longitude": 71.2, "geo_precision": 1}))
        for n in range(6):
            records.append(Record("synthetic", f"b{month}-{n}", {
                "date": dt.date(2021, month, 3 + n), "perpetrator": "TTP", "type_of_violence": 1,
                "admin1": "Federally Administered Tribal Areas", "admin2": "Khyber", "killed_best": 2,
                "latitude": 34.0, "longitude": 71.2, "geo_precision": 1}))
        records.append(Record("synthetic", f"c{month}", {
            "date": dt.date(2021, month, 20), "perpetrator": "TTP", "type_of_violence": 3,
            "target_type": "private_citizens_property", "admin1": "Sindh", "admin2": "Karachi",
            "killed_best": 5, "latitude": 24.86, "longitude": 67.0, "geo_precision": 1}))
    db = tmp_path_factory.mktemp("stepped") / "stepped.duckdb"
    with open_store(str(db)) as store:
        store.add_records(records, dataset="synthetic")
    return db


@pytest.fixture
def claims_file(tmp_path: Path) -> Callable[[str], Path]:
    def write(text: str, name: str = "claims.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
