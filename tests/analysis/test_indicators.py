"""Every indicator against a hand computation on the small store of conftest.py (E1…E9)."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tacitus.analysis import (
    cell_diffusion,
    conflict_index,
    counts,
    diffusion,
    drone_strikes,
    events_table,
    fragmentation,
    group_counts,
    sectarian_share,
    target_hardness,
)
from tacitus.store import Store, open_store

FATA = "Federally Administered Tribal Areas"
MakeStore = Callable[[Path, dict[str, dict[str, dict[str, Any]]]], Path]


def _row(frame: pd.DataFrame, period: str) -> pd.Series:
    rows = frame[frame["period"] == period]
    assert len(rows) == 1, f"no single row for {period}"
    return rows.iloc[0]


def test_counts_per_year_by_hand(small: Store) -> None:
    table = counts(small, "year")
    assert table["period"].tolist() == ["2013", "2014"]
    y13, y14 = _row(table, "2013"), _row(table, "2014")
    # 2013: E1 (2/3/5), E2 (10/12/12), E3 (best 4 only: it stands for low and high too)
    assert (y13["events"], y13["killed_low"], y13["killed_best"], y13["killed_high"]) == (3, 16, 19, 21)
    # 2014: E4 (20/25/30), E5 (3/4/6), E6 (2/2/2), E7 (1/1/2), E8 (no toll), E9 (0/0/0)
    assert (y14["events"], y14["killed_low"], y14["killed_best"], y14["killed_high"]) == (6, 26, 32, 40)
    assert y14["lethality_best"] == pytest.approx(round(32 / 6, 3))
    assert pd.isna(y14["wounded_best"])  # nobody coded wounded: unknown, not zero


def test_counts_fill_empty_periods_with_zero(small: Store) -> None:
    table = counts(small, "month", start="2013-01", end="2013-04")
    assert table["period"].tolist() == ["2013-01", "2013-02", "2013-03", "2013-04"]
    assert table["events"].tolist() == [1, 2, 0, 0]
    assert table["killed_best"].tolist() == [3, 16, 0, 0]
    assert pd.isna(table["lethality_best"].iloc[2])


def test_quarters(small: Store) -> None:
    table = counts(small, "quarter", start="2014", end="2014")
    assert table["period"].tolist() == ["2014Q1", "2014Q2", "2014Q3", "2014Q4"]
    assert table["events"].tolist() == [1, 0, 4, 1]


def test_target_hardness_by_hand(small: Store) -> None:
    table = target_hardness(small, "year")
    y13, y14 = _row(table, "2013"), _row(table, "2014")
    # 2013: E1 state-based → hard, E2 private citizens → soft, E3 police → hard
    assert (y13["classified"], y13["hard"], y13["soft"]) == (3, 2, 1)
    assert y13["hard_share"] == pytest.approx(0.6667, abs=1e-4)
    # Wilson 95% interval for 2 of 3 (standard tables: 0.2077–0.9385)
    assert (y13["hard_share_low"], y13["hard_share_high"]) == pytest.approx((0.2077, 0.9385), abs=1e-4)
    # 2014: E4 religious → soft, E5 state-based → hard, E9 business → soft; E6/E7/E8 unclassified
    assert (y14["events"], y14["classified"], y14["hard"], y14["soft"]) == (6, 3, 1, 2)
    assert y14["hardness_mean"] == pytest.approx(1 / 3, abs=1e-4)


def _standard_distance(points: list[tuple[float, float]]) -> float:
    """Hand computation: Lambert cylindrical equal-area at 30°N, then RMS distance from the mean centre."""
    r, c = 6371.0088, math.cos(math.radians(30))
    xy = [(r * math.radians(lon) * c, r * math.sin(math.radians(lat)) / c) for lat, lon in points]
    mx = sum(x for x, _ in xy) / len(xy)
    my = sum(y for _, y in xy) / len(xy)
    return math.sqrt(sum((x - mx) ** 2 + (y - my) ** 2 for x, y in xy) / len(xy))


def test_diffusion_by_hand(small: Store) -> None:
    table = diffusion(small, "year")
    y13, y14 = _row(table, "2013"), _row(table, "2014")
    assert (y13["with_admin1"], y13["outside_core"], y13["admin2_units"]) == (3, 2, 2)
    # 2014: E8 has no admin1 (left out); E4 Balochistan and E9 Sindh are outside FATA, E5–E7 inside
    assert (y14["with_admin1"], y14["outside_core"], y14["admin2_units"]) == (5, 2, 4)
    assert y14["outside_core_share"] == pytest.approx(0.4)
    expected = _standard_distance([(33.0, 70.0), (34.0, 71.5), (34.0, 71.5)])
    assert y13["standard_distance_km"] == pytest.approx(expected, abs=0.05)
    expected14 = _standard_distance([(30.2, 67.0), (33.0, 70.0), (33.0, 70.0), (32.3, 69.8), (24.86, 67.0)])
    assert y14["standard_distance_km"] == pytest.approx(expected14, abs=0.05)
    assert y14["located"] == 5


def test_core_after_the_merger_keeps_the_former_agencies(tmp_path: Path, make_store: MakeStore) -> None:
    rows = {
        "a": {"date": pd.Timestamp("2019-05-01").date(), "admin1": "Khyber Pakhtunkhwa", "admin2": "Bajaur"},
        "b": {"date": pd.Timestamp("2019-06-01").date(), "admin1": "Khyber Pakhtunkhwa", "admin2": "Swat"},
        "c": {"date": pd.Timestamp("2017-06-01").date(), "admin1": FATA, "admin2": "Bajaur"},
    }
    with open_store(str(make_store(tmp_path / "m.duckdb", {"m": rows})), read_only=True) as store:
        table = diffusion(store, "year")
    assert _row(table, "2019")["outside_core"] == 1  # Swat only: Bajaur is the former agency
    assert _row(table, "2017")["outside_core"] == 0


def test_cell_diffusion_by_hand(tmp_path: Path, make_store: MakeStore) -> None:
    """2015: ten events in one 10×10 km cell and one far away → 1 of 2 active cells is high (≥10 events).
    2016: nine events in that cell → none is high."""
    rows = {}
    for n in range(10):
        rows[f"a{n}"] = {"date": pd.Timestamp(f"2015-01-{n + 1:02d}").date(), "latitude": 33.0001,
                         "longitude": 70.0001, "geo_precision": 1}
    rows["far"] = {"date": pd.Timestamp("2015-03-01").date(), "latitude": 25.0, "longitude": 67.0,
                   "geo_precision": 1}
    rows["coarse"] = {"date": pd.Timestamp("2015-03-02").date(), "latitude": 30.0, "longitude": 69.0,
                      "geo_precision": 4}  # a province centroid: not placed in a cell
    for n in range(9):
        rows[f"b{n}"] = {"date": pd.Timestamp(f"2016-02-{n + 1:02d}").date(), "latitude": 33.0001,
                         "longitude": 70.0001, "geo_precision": 2}
    with open_store(str(make_store(tmp_path / "cells.duckdb", {"c": rows})), read_only=True) as store:
        table = cell_diffusion(store)
    y15, y16 = _row(table, "2015"), _row(table, "2016")
    assert (y15["cells_active"], y15["cells_high"], y15["events_located"], y15["diffusion"]) == (2, 1, 11, 0.5)
    assert (y16["cells_active"], y16["cells_high"], y16["diffusion"]) == (1, 0, 0.0)
    # Pakistan is about 882,000 km² (including Gilgit-Baltistan and Azad Kashmir): ~8,800 cells of 100 km²
    assert 8_300 < y15["land_cells"] < 9_300
    assert y15["diffusion_land"] == pytest.approx(1 / y15["land_cells"], abs=1e-5)


def test_fragmentation_by_hand(small: Store) -> None:
    table = fragmentation(small, "year")
    y13, y14 = _row(table, "2013"), _row(table, "2014")
    # 2013: TTP in E1 and E2, its Tariq Afridi faction in E3; the state and civilians are not groups
    assert (y13["groups"], y13["group_events"]) == (2, 3)
    assert y13["hhi"] == pytest.approx(round(5 / 9, 4))
    assert y13["effective_groups"] == pytest.approx(1.8)
    # 2014: LeJ (E4, E9), TTP (E5)
    assert (y14["groups"], y14["hhi"]) == (2, pytest.approx(round(5 / 9, 4)))


def test_fragmentation_within_an_actor_counts_only_its_factions(small: Store) -> None:
    table = fragmentation(small, "year", actor="TTP")
    assert _row(table, "2013")["groups"] == 2
    assert (_row(table, "2014")["groups"], _row(table, "2014")["hhi"]) == (1, 1.0)
    only = group_counts(small, "year", actor="TTP")
    assert set(only["group"]) == {"TTP", "TTP - TA"}
    assert group_counts(small, "year", actor="TTP", factions=False)["group"].unique().tolist() == ["TTP"]


def test_sectarian_share_by_hand(small: Store) -> None:
    table = sectarian_share(small, "year")
    assert _row(table, "2013")["sectarian"] == 0
    # E4 (LeJ, Shia victims) counts; E9 is LeJ too but coded explicitly as not sectarian
    y14 = _row(table, "2014")
    assert (y14["events"], y14["sectarian"]) == (6, 1)
    assert y14["sectarian_share"] == pytest.approx(round(1 / 6, 4))


def test_drone_strikes_range_across_datasets(small: Store) -> None:
    table = drone_strikes(small, "year")
    assert table["period"].tolist() == ["2014"]
    row = table.iloc[0]
    # E5 in the first dataset, E6 and E7 in the second: 3 events; the lists count 1 and 2
    assert (row["strikes"], row["strikes_low"], row["strikes_high"]) == (3, 1, 2)
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == (6, 7, 10)


def test_conflict_index_combines_the_four(small: Store) -> None:
    table = conflict_index(small)
    y14 = _row(table, "2014")
    assert (y14["deadliness"], y14["danger_to_civilians"], y14["fragmentation"]) == (32, 2, 2)
    assert y14["diffusion"] == 0.0  # no cell reaches ten events


FILTERS = [
    {},
    {"actor": "TTP"},
    {"actor": "TTP", "factions": False},
    {"actor": ["LeJ", "TTP - TA"]},
    {"admin1": "khyber pakhtunkhwa"},
    {"start": "2013-02", "end": "2014-07"},
    {"dataset": "list_b"},
    {"type_of_violence": [1, 3]},
    {"sub_event_type": "Air/drone strike", "admin2": "North Waziristan"},
    {"actor": "No Such Group"},
]


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_ibis_filters_select_what_store_events_selects(small: Store, filters: dict[str, object]) -> None:
    expected = set(small.events(**filters)["event_id"])
    got = set(events_table(small, **filters).event_id.to_pyarrow().to_pylist())
    assert got == expected


def test_unknown_filter_is_an_error(small: Store) -> None:
    with pytest.raises(ValueError, match="unknown filter"):
        counts(small, "year", colour="red")
    with pytest.raises(ValueError, match="frequency"):
        counts(small, "week")
