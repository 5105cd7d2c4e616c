"""A small hand-made store whose indicators can be computed by hand (see the event list below).

Made-up events in the codebook's fields; nothing here is copied from a dataset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tacitus.model import Record
from tacitus.store import Store, open_store

FATA = "Federally Administered Tribal Areas"
KP = "Khyber Pakhtunkhwa"
DRONE = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}
US = "Government of United States of America"


def _event(day: str, killed: tuple[int | None, int | None, int | None] = (None, None, None),
           **values: Any) -> dict[str, Any]:
    low, best, high = killed
    return {"date": dt.date.fromisoformat(day), "killed_low": low, "killed_best": best, "killed_high": high,
            "perpetrator": values.pop("perpetrator", "Unknown"), **values}


# E1..E9: the indicators' expected values in test_indicators.py are worked out from this list by hand.
EVENTS: dict[str, dict[str, Any]] = {
    "E1": _event("2013-01-10", (2, 3, 5), actor1="Government of Pakistan", actor2="TTP", type_of_violence=1,
                 admin1=FATA, admin2="North Waziristan", latitude=33.0, longitude=70.0, geo_precision=1),
    "E2": _event("2013-02-05", (10, 12, 12), perpetrator="TTP", actor1="TTP", actor2="Civilians",
                 type_of_violence=3, target_type="private_citizens_property", admin1=KP, admin2="Peshawar",
                 latitude=34.0, longitude=71.5, geo_precision=1),
    "E3": _event("2013-02-20", (None, 4, None), perpetrator="TTP - TA", target_type="police", admin1=KP,
                 admin2="Peshawar", latitude=34.0, longitude=71.5, geo_precision=2),
    "E4": _event("2014-03-01", (20, 25, 30), perpetrator="LeJ", victim_group="Shia",
                 target_type="religious_figures_institutions", admin1="Balochistan", admin2="Quetta",
                 latitude=30.2, longitude=67.0, geo_precision=1),
    "E5": _event("2014-07-01", (3, 4, 6), actor1=US, actor2="TTP", type_of_violence=1, admin1=FATA,
                 admin2="North Waziristan", latitude=33.0, longitude=70.0, geo_precision=1, **DRONE),
    "E8": _event("2014-09-09", target_type="unknown"),
    "E9": _event("2014-10-10", (0, 0, 0), perpetrator="LeJ", sectarian=False, target_type="business",
                 admin1="Sindh", admin2="Karachi", latitude=24.86, longitude=67.0, geo_precision=1),
}
# Two strikes from a second list (not linked to E5): the drone count ranges over datasets.
LIST_B: dict[str, dict[str, Any]] = {
    "E6": _event("2014-07-02", (2, 2, 2), actor1=US, admin1=FATA, admin2="North Waziristan", latitude=33.0,
                 longitude=70.0, geo_precision=1, **DRONE),
    "E7": _event("2014-08-15", (1, 1, 2), actor1=US, admin1=FATA, admin2="South Waziristan", latitude=32.3,
                 longitude=69.8, geo_precision=2, **DRONE),
}


def build_store(path: Path, datasets: dict[str, dict[str, dict[str, Any]]]) -> Path:
    """A real DuckDB store with one import per dataset."""
    with open_store(str(path)) as store:
        for dataset, rows in datasets.items():
            store.add_records([Record(dataset, rid, dict(values)) for rid, values in rows.items()],
                              dataset=dataset)
    return path


@pytest.fixture(scope="session")
def make_store() -> Callable[[Path, dict[str, dict[str, dict[str, Any]]]], Path]:
    """build_store as a fixture (test modules cannot import conftest)."""
    return build_store


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("small") / "small.duckdb", {"fixture": EVENTS, "list_b": LIST_B})


@pytest.fixture
def small(small_db: Path) -> Iterator[Store]:
    with open_store(str(small_db), read_only=True) as store:
        yield store


@pytest.fixture
def ids(small: Store) -> dict[str, str]:
    """Fixture label (E1…) → event id in the store."""
    records = small.records()
    return {r.record_id: r.event_id for r in records.itertuples()}
