"""The Python API analysts use: tacitus.open(path) → events(**filters), claims(event_id), links()."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import tacitus
from tacitus.ingest import get_layout, import_file
from tacitus.model import EVENT_FIELDS
from tacitus.store import Store


@pytest.fixture(scope="module")
def store(ged_store: Path) -> Store:
    with tacitus.open(str(ged_store)) as opened:
        yield opened


def test_open_creates_a_store_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.duckdb"
    with tacitus.open(str(path)) as store:
        assert isinstance(store, Store)
        assert store.events().empty and list(store.events().columns) == list(EVENT_FIELDS)
    assert path.is_file()


def test_events_have_codebook_columns_one_row_per_event(store: Store) -> None:
    events = store.events()
    assert list(events.columns) == list(EVENT_FIELDS)
    assert events["event_id"].is_unique and len(events) == 6416
    assert events["event_id"].str.fullmatch(r"ev_[0-9a-f]{16}").all()


def test_actor_filter_includes_factions_unless_told_not_to(store: Store) -> None:
    with_factions = store.events(actor="TTP")
    only_ttp = store.events(actor="TTP", factions=False)
    faction = store.events(actor="TTP - TA")
    assert len(faction) == 23
    assert set(faction["event_id"]) <= set(with_factions["event_id"])
    assert not set(faction["event_id"]) & set(only_ttp["event_id"])
    sides = pd.concat([only_ttp["actor1"], only_ttp["actor2"], only_ttp["perpetrator"]])
    assert "TTP" in set(sides) and "TTP - TA" not in set(sides)
    # Alias spellings fold onto the same actor.
    assert set(store.events(actor="Tehrik-i-Taliban Pakistan", factions=False)["event_id"]) == set(only_ttp["event_id"])


def test_date_ranges_accept_years_months_and_days(store: Store) -> None:
    year = store.events(start="2014", end="2014")
    dates = pd.to_datetime(year["date"])
    assert len(year) > 0 and (dates.dt.year == 2014).all()
    december = store.events(start="2014-12", end="2014-12")
    assert (pd.to_datetime(december["date"]).dt.month == 12).all()
    assert len(december) == (dates.dt.month == 12).sum()
    one_day = store.events(start=dt.date(2014, 12, 16), end="2014-12-16")
    assert set(pd.to_datetime(one_day["date"]).dt.date) == {dt.date(2014, 12, 16)}


def test_admin_filters_use_names_as_on_the_event_date(store: Store) -> None:
    fata = store.events(admin1="federally administered tribal areas")  # case does not matter
    assert len(fata) > 0 and (pd.to_datetime(fata["date"]) <= "2018-05-31").all()
    kp_2009 = store.events(admin1="Khyber Pakhtunkhwa", start="2009", end="2009")
    assert kp_2009.empty  # in 2009 the province was still NWFP
    nwfp_2009 = store.events(admin1="North-West Frontier Province", start="2009", end="2009")
    assert len(nwfp_2009) > 0
    waziristan = store.events(admin2="North Waziristan", type_of_violence=3)
    assert len(waziristan) > 0 and set(waziristan["type_of_violence"]) == {3}


def test_unknown_filter_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown filter"):
        store.events(province="Sindh")


def test_claims_of_an_event_name_their_source_column_and_quote(store: Store) -> None:
    event = store.events(actor="TTP", start="2014-12-16", end="2014-12-16", type_of_violence=3).iloc[0]
    claims = store.claims(event["event_id"])
    assert set(claims["event_id"]) == {event["event_id"]}
    assert {"field", "value", "source_kind", "source_id", "source_column", "quote"} <= set(claims.columns)
    best = claims[claims["field"] == "killed_best"].iloc[0]
    assert (best["source_kind"], best["source_column"]) == ("dataset", "best")
    assert int(best["quote"]) == event["killed_best"]
    link = store.links().set_index("event_id").loc[event["event_id"]]
    assert best["source_id"] == f"ucdp_ged:{link['record_id']}"


def test_links_name_dataset_and_record(store: Store) -> None:
    links = store.links()
    assert list(links.columns) == ["event_id", "dataset", "record_id"]
    assert len(links) == 6416 and set(links["dataset"]) == {"ucdp_ged"}


def test_links_across_datasets(gtd_sample: Path, acled_sample: Path, tmp_path: Path) -> None:
    with tacitus.open(str(tmp_path / "mixed.duckdb")) as store:
        import_file(store, get_layout("gtd"), str(gtd_sample))
        import_file(store, get_layout("acled"), str(acled_sample))
        links = store.links()
        gtd_only = store.events(dataset="gtd")
    assert links.groupby("dataset").size().to_dict() == {"acled": 6, "gtd": 7}
    assert len(gtd_only) == 7
    assert "201412160001" in set(links["record_id"]) and "PAK1001" in set(links["record_id"])
