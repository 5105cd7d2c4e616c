"""Fixtures for resolution tests: report records written in our own words, and stores built from them.

A "report" record is what extraction produces for one event in one article: codebook values plus claims that
carry the article's publication time, which is what the low/best/high rule orders by.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tacitus.model import Claim, Record

LISTS = Path(__file__).resolve().parents[1] / "fixtures" / "lists"

# One bombing at a vegetable market in Kohat, reported four times as the count rose.
MARKET = {
    "date": dt.date(2012, 5, 10),
    "date_precision": "day",
    "country": "Pakistan",
    "country_code": "PAK",
    "admin1": "Khyber Pakhtunkhwa",
    "admin2": "Kohat",
    "place": "Kohat",
    "latitude": 33.586,
    "longitude": 71.442,
    "geo_precision": 2,
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Suicide bomb",
    "attack_type": "bombing_explosion",
    "target_type": "private_citizens_property",
    "target": "vegetable market",
    "suicide": True,
    "perpetrator": "Unknown",
}
# The same day, across town: gunmen fire on a police checkpost.
CHECKPOST = {
    **{k: MARKET[k] for k in ("date", "date_precision", "country", "country_code", "admin1", "admin2", "place")},
    "latitude": 33.571,
    "longitude": 71.468,
    "geo_precision": 2,
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "attack_type": "armed_assault",
    "target_type": "police",
    "target": "police checkpost on the bypass road",
    "suicide": False,
    "perpetrator": "Unknown",
}


def report(doc: str, values: dict[str, Any], published: str, killed: tuple[int | None, int, int | None],
           wounded: int | None = None) -> Record:
    """A report record: `killed` is (low, best, high) as the article words it ("at least 20" → (20, 20, None))."""
    low, best, high = killed
    values = {**values, "killed_low": low, "killed_best": best, "killed_high": high, "wounded_best": wounded}
    claims = [
        Claim(field=name, value=value, source_kind="document", source_id=doc, start=0, end=10,
              quote=f"{name} as the article says", confidence=0.9, reported_at=published)
        for name, value in values.items()
        if value is not None and name in ("killed_low", "killed_best", "killed_high", "place", "date", "target")
    ]
    return Record("report", f"{doc}#1", values, claims, doc_id=doc)


# The rising-toll case from the issue, in our own numbers.
@pytest.fixture
def market_reports() -> list[Record]:
    """Four articles over three days: at least 20 killed, then 31, 38, and finally 41."""
    return [
        report("dawn-0510", MARKET, "2012-05-10", (20, 20, None), wounded=30),
        report("news-0510", MARKET, "2012-05-10T18:00", (31, 31, 31)),  # same day, evening update
        report("express-0511", MARKET, "2012-05-11", (38, 38, 40), wounded=56),  # a range: 38 to 40
        report("dawn-0512", MARKET, "2012-05-12", (41, 41, 41), wounded=60),
    ]


@pytest.fixture
def checkpost_reports() -> list[Record]:
    return [
        report("news-0510b", CHECKPOST, "2012-05-10", (2, 2, 2)),
        report("express-0511b", CHECKPOST, "2012-05-11", (3, 3, 3), wounded=1),
    ]


@pytest.fixture
def lists_dir() -> Path:
    return LISTS


@pytest.fixture
def make_store(tmp_path: Path) -> Callable[..., Any]:
    """make_store(records..., name=...) → an open DuckDBStore in tmp_path holding those records."""
    from tacitus.store import open_store

    opened = []

    def make(*records: Record, name: str = "store.duckdb") -> Any:
        store = open_store(tmp_path / name)
        by_dataset: dict[str, list[Record]] = {}
        for record in records:
            by_dataset.setdefault(record.dataset, []).append(record)
        for dataset, recs in sorted(by_dataset.items()):
            store.add_records(recs, dataset=dataset)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
