"""Indicators on the real UCDP GED Pakistan data against figures computed directly from the CSV with pandas.

The CSV side deliberately uses GED's own columns and spellings (side_a/side_b, adm_1, type_of_violence), so a
bug in the importer, the filters or the Ibis expressions shows up as a mismatch.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from tacitus.analysis import (
    counts,
    diffusion,
    drone_strikes,
    fragmentation,
    sectarian_share,
    target_hardness,
)
from tacitus.store import Store, open_store

# The TTP and its factions as GED spells them (checked against the file: every side name with TTP or Ahrar).
TTP_NAMES = {"TTP", "TTP - TA", "TTP-KM", "TTP-SM", "TTP - MR", "TTP - MT", "TTP-Islahi", "Jamaat-ul-Ahrar"}
SECTARIAN_NAMES = {"LeJ", "Turi", "Bangesh", "Kachai sub-tribe of Bangesh"}


@pytest.fixture(scope="module")
def ged(ged_csv: Path) -> pd.DataFrame:
    frame = pd.read_csv(ged_csv, skiprows=[1], low_memory=False)  # row 1 is HDX's HXL tag row
    frame["year"] = pd.to_datetime(frame["date_start"]).dt.year.astype(str)
    return frame


@pytest.fixture
def store(ged_store: Path) -> Iterator[Store]:
    with open_store(str(ged_store), read_only=True) as opened:
        yield opened


def _ttp(ged: pd.DataFrame) -> pd.DataFrame:
    return ged[ged["side_a"].isin(TTP_NAMES) | ged["side_b"].isin(TTP_NAMES)]


def test_ttp_events_and_best_deaths_per_year(store: Store, ged: pd.DataFrame) -> None:
    # An event's range always holds low <= best <= high (the toll rule widens it around best); GED's own rows
    # sometimes do not, so the expected sums apply the same rule to each row.
    ttp = _ttp(ged).assign(low=lambda f: f[["low", "best"]].min(axis=1), high=lambda f: f[["high", "best"]].max(axis=1))
    expected = ttp.groupby("year").agg(events=("id", "size"), best=("best", "sum"), low=("low", "sum"),
                                       high=("high", "sum"))
    table = counts(store, "year", actor="TTP").set_index("period")
    table = table[table["events"] > 0]
    assert table.index.tolist() == expected.index.tolist()
    assert table["events"].tolist() == expected["events"].tolist()
    assert table["killed_best"].tolist() == expected["best"].tolist()
    assert table["killed_low"].tolist() == expected["low"].tolist()
    assert table["killed_high"].tolist() == expected["high"].tolist()
    assert int(table.loc["2009", "events"]) > 700  # the peak year really is in the data


def test_ttp_without_factions_is_the_core_name_only(store: Store, ged: pd.DataFrame) -> None:
    core = ged[(ged["side_a"] == "TTP") | (ged["side_b"] == "TTP")]
    table = counts(store, "year", actor="TTP", factions=False, start=2014, end=2014)
    assert int(table["events"].sum()) == int((core["year"] == "2014").sum())
    assert int(table["events"].sum()) < int((_ttp(ged)["year"] == "2014").sum())  # factions were active


def test_monthly_counts_of_2014(store: Store, ged: pd.DataFrame) -> None:
    ttp = _ttp(ged)
    months = pd.to_datetime(ttp["date_start"]).dt.strftime("%Y-%m")
    expected = months[months.str.startswith("2014")].value_counts().sort_index()
    table = counts(store, "month", actor="TTP", start="2014", end="2014").set_index("period")
    assert table["events"].to_dict() == expected.to_dict()


def test_soft_share_is_the_one_sided_share(store: Store, ged: pd.DataFrame) -> None:
    """In GED-only data, soft targets are exactly the one-sided (type 3) events."""
    ttp = _ttp(ged)
    one_sided = ttp[ttp["type_of_violence"] == 3].groupby("year").size()
    table = target_hardness(store, "year", actor="TTP").set_index("period")
    for year in ("2008", "2011", "2014"):
        assert table.loc[year, "soft"] == one_sided.get(year, 0)
        assert table.loc[year, "soft_share"] == pytest.approx(one_sided.get(year, 0) / len(ttp[ttp.year == year]),
                                                              abs=1e-4)


def test_outside_fata_share(store: Store, ged: pd.DataFrame) -> None:
    ttp = _ttp(ged)
    ttp = ttp[ttp["adm_1"].notna()]
    table = diffusion(store, "year", actor="TTP").set_index("period")
    for year in ("2009", "2012", "2015"):
        rows = ttp[ttp["year"] == year]
        outside = (rows["adm_1"] != "Federally Administered Tribal Areas").sum()
        assert table.loc[year, "outside_core"] == outside
        assert table.loc[year, "with_admin1"] == len(rows)


def test_drone_strikes_per_year(store: Store, ged: pd.DataFrame) -> None:
    # US-side GED events from the first drone strike (June 2004) on; earlier US events are not drone strikes.
    us = ged[
        (ged["side_a"] == "Government of United States of America")
        & (ged["type_of_violence"] != 3)
        & (pd.to_datetime(ged["date_start"]) >= "2004-06-17")
    ]
    expected = us.groupby("year").agg(n=("id", "size"), best=("best", "sum"))
    table = drone_strikes(store, "year").set_index("period")
    table = table[table["strikes"] > 0]
    assert table["strikes"].to_dict() == expected["n"].to_dict()
    assert table["killed_best"].to_dict() == expected["best"].to_dict()
    assert (table["strikes_low"] == table["strikes"]).all()  # one dataset: no range in the count


def test_sectarian_events_per_year(store: Store, ged: pd.DataFrame) -> None:
    flagged = ged[ged["side_a"].isin(SECTARIAN_NAMES) | ged["side_b"].isin(SECTARIAN_NAMES)]
    expected = flagged.groupby("year").size()
    table = sectarian_share(store, "year").set_index("period")
    for year in ("2007", "2008", "2012", "2013"):
        assert table.loc[year, "sectarian"] == expected.get(year, 0)


def test_ttp_factions_active_per_year(store: Store, ged: pd.DataFrame) -> None:
    ttp = _ttp(ged)
    names = pd.concat([ttp[["year", "side_a"]].rename(columns={"side_a": "n"}),
                       ttp[["year", "side_b"]].rename(columns={"side_b": "n"})])
    active = names[names["n"].isin(TTP_NAMES)].groupby("year")["n"].nunique()
    table = fragmentation(store, "year", actor="TTP").set_index("period")
    table = table[table["groups"] > 0]
    assert table["groups"].to_dict() == active.to_dict()
