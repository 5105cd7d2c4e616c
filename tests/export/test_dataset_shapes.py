"""Dataset-shaped exports: GTD and ACLED round trips, and codebook events written in those datasets' terms."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import tacitus
from tacitus.export import export_events
from tacitus.export.acled import ACLED_COLUMNS, acled_event_id
from tacitus.export.gtd import GTD_COLUMNS
from tacitus.ingest import get_layout, import_file


def _import(db: Path, *files: tuple[str, Path]) -> None:
    with tacitus.open(str(db)) as store:
        for layout, path in files:
            import_file(store, get_layout(layout), str(path))


def _events_and_links(db: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    with tacitus.open(str(db)) as store:
        return store.events(), store.links()


@pytest.mark.parametrize(
    ("layout", "fmt", "fixtures"),
    [
        ("gtd", "gtd", ["gtd_sample"]),
        ("acled", "acled", ["acled_sample"]),
        ("acled", "acled", ["acled_old_layout"]),
    ],
)
def test_export_then_import_gives_the_same_events_and_ids(
    layout: str, fmt: str, fixtures: list[str], request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    source: Path = request.getfixturevalue(fixtures[0])
    _import(tmp_path / "first.duckdb", (layout, source))
    with tacitus.open(str(tmp_path / "first.duckdb")) as store:
        export_events(store, fmt, str(tmp_path / f"export.{fmt}.csv"))
    _import(tmp_path / "second.duckdb", (layout, tmp_path / f"export.{fmt}.csv"))
    first, first_links = _events_and_links(tmp_path / "first.duckdb")
    second, second_links = _events_and_links(tmp_path / "second.duckdb")
    assert len(first) == len(pd.read_csv(source))
    pd.testing.assert_frame_equal(second, first)
    pd.testing.assert_frame_equal(second_links, first_links)


def test_gtd_export_writes_gtd_header_and_category_texts(gtd_sample: Path, tmp_path: Path) -> None:
    _import(tmp_path / "s.duckdb", ("gtd", gtd_sample))
    with tacitus.open(str(tmp_path / "s.duckdb")) as store:
        export_events(store, "gtd", str(tmp_path / "gtd.csv"), start="2014")
    frame = pd.read_csv(tmp_path / "gtd.csv", dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == GTD_COLUMNS
    assert list(frame["eventid"]) == ["201412160001", "201608080005"]  # the filter applies
    assert list(frame["targtype1_txt"]) == ["Educational Institution", "Telecommunication"]


def test_codebook_events_in_gtd_terms(ged_store: Path, tmp_path: Path) -> None:
    """GED events (no GTD record) exported as GTD and read back by the GTD importer keep their values."""
    with tacitus.open(str(ged_store)) as store:
        export_events(store, "gtd", str(tmp_path / "ged_as_gtd.csv"), start="2014", end="2014")
        ged = store.events(start="2014", end="2014").set_index("event_id")
    frame = pd.read_csv(tmp_path / "ged_as_gtd.csv", dtype=str, keep_default_na=False)
    assert len(frame) == len(ged) and set(frame["eventid"]) == set(ged.index)
    one_sided = frame[frame["eventid"].isin(ged.index[ged["type_of_violence"] == 3])]
    assert set(one_sided["targtype1_txt"]) == {"Private Citizens & Property"}
    assert set(one_sided["targtype1"]) == {"14"}
    _import(tmp_path / "gtd.duckdb", ("gtd", tmp_path / "ged_as_gtd.csv"))
    back, links = _events_and_links(tmp_path / "gtd.duckdb")
    back = back.assign(record_id=back["event_id"].map(links.set_index("event_id")["record_id"]))
    back = back.set_index("record_id").loc[ged.index]
    for column in ("killed_best", "admin1", "target_type", "perpetrator", "latitude"):
        pd.testing.assert_series_equal(back[column], ged[column], check_names=False, check_dtype=False)
    # Day-precise dates survive. GTD has no weeks and writes an imprecise date as a whole month or year, so
    # other dates come back as the period that contains them (documented loss).
    day = ged["date_precision"] == "day"
    assert 0 < day.sum() < len(ged)
    pd.testing.assert_series_equal(back.loc[day, "date"], ged.loc[day, "date"], check_names=False)
    assert set(back.loc[~day, "date_precision"]) <= {"month", "year"}
    assert (back.loc[~day, "date"] <= ged.loc[~day, "date"]).all()
    assert (back.loc[~day, "date_end"] >= ged.loc[~day, "date"]).all()
    # GTD has one toll figure, which becomes its own range.
    assert (back["killed_low"] == back["killed_best"]).all()


def test_codebook_events_in_acled_terms(ged_store: Path, tmp_path: Path) -> None:
    with tacitus.open(str(ged_store)) as store:
        export_events(store, "acled", str(tmp_path / "ged_as_acled.csv"), start="2012", end="2012")
        ged = store.events(start="2012", end="2012").set_index("event_id")
    frame = pd.read_csv(tmp_path / "ged_as_acled.csv", dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == ACLED_COLUMNS
    assert set(frame["iso"]) == {"586"} and set(frame["region"]) == {"South Asia"}
    # event_id_cnty: ISO3 and a number, the same number on every export of the same event.
    assert frame["event_id_cnty"].str.fullmatch(r"PAK\d+").all() and frame["event_id_cnty"].is_unique
    assert list(frame["event_id_cnty"]) == [acled_event_id("PAK", e) for e in ged.index]
    drones = frame[frame["sub_event_type"] == "Air/drone strike"]
    assert len(drones) > 0 and set(drones["disorder_type"]) == {"Political violence"}
    # Every row has an event type; those GED does not give are inferred, and the row says so.
    assert (frame["event_type"] != "").all() and (frame["sub_event_type"] != "").all()
    own = ged["event_type"].notna().to_numpy()
    assert not frame.loc[own, "tags"].str.contains("event_type").any()
    assert frame.loc[~own, "tags"].str.contains("event_type\\+sub_event_type by rule ged-").all()
    state_based = frame[(ged["type_of_violence"] == 1).to_numpy() & ~own]
    assert set(state_based["event_type"]) == {"Battles"} and set(state_based["sub_event_type"]) == {"Armed clash"}
    one_sided = frame[(ged["type_of_violence"] == 3).to_numpy()]
    assert set(one_sided["event_type"]) == {"Violence against civilians"}
    assert set(one_sided["civilian_targeting"]) == {"Civilian targeting"}
    assert set(one_sided["inter2"]) == {"Civilians"}
    pakistan = frame[frame["actor1"] == "Government of Pakistan"]
    assert set(pakistan["inter1"]) == {"State forces"}
    assert (pakistan["interaction"].str.startswith("State forces")).all()
    us = frame[frame["actor1"] == "Government of United States of America"]
    assert len(us) > 0 and set(us["inter1"]) == {"External/Other forces"}
    assert frame["timestamp"].str.fullmatch(r"\d{10}").all()
    assert set(frame["source"]) == {"UCDP GED"}
    assert (frame["fatalities"] == ged["killed_best"].astype(str).to_numpy()).all()
    # Read back by the ACLED importer, the events keep their values.
    _import(tmp_path / "acled.duckdb", ("acled", tmp_path / "ged_as_acled.csv"))
    back, links = _events_and_links(tmp_path / "acled.duckdb")
    back = back.assign(record_id=back["event_id"].map(links.set_index("event_id")["record_id"]))
    back = back.set_index("record_id").loc[list(frame["event_id_cnty"])]
    for column in ("date", "killed_best", "admin1", "admin2", "place", "latitude"):
        pd.testing.assert_series_equal(back[column], ged[column], check_names=False, check_dtype=False,
                                       check_index=False)
    assert list(back["event_type"]) == list(frame["event_type"])


def test_mixed_store_writes_each_record_once(gtd_sample: Path, acled_sample: Path, tmp_path: Path) -> None:
    db = tmp_path / "mixed.duckdb"
    _import(db, ("gtd", gtd_sample), ("acled", acled_sample))
    with tacitus.open(str(db)) as store:
        assert export_events(store, "gtd", str(tmp_path / "g.csv")) == 13
        assert export_events(store, "acled", str(tmp_path / "a.csv")) == 13
    gtd = pd.read_csv(tmp_path / "g.csv", dtype=str, keep_default_na=False)
    acled = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False)
    assert (gtd["dbsource"] == "SYNTHETIC").sum() == 7 and (gtd["dbsource"] == "Tacitus").sum() == 6
    # ACLED's own six rows keep their ids; the seven GTD events get ISO3-prefixed numbers of their own.
    originals = acled["event_id_cnty"].str.fullmatch(r"PAK\d{4}")
    assert originals.sum() == 6 and acled.loc[~originals, "event_id_cnty"].str.fullmatch(r"[A-Z]{3}\d{12,}").all()
    # An ACLED event written as GTD: its suicide bombing keeps GTD's category text.
    shrine = gtd[gtd["city"] == "Sehwan"].iloc[0]
    assert (shrine["attacktype1_txt"], shrine["suicide"], shrine["iday"]) == ("Bombing/Explosion", "1", "16")
