"""The foundation's GED acceptance: exact counts, idempotence, and a lossless UCDP-shaped round trip."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import tacitus
from tacitus.export import export_events
from tacitus.ingest import get_layout, import_file

GED_EVENTS = 6416


def _per_year_from_csv(path: Path) -> dict[int, int]:
    frame = pd.read_csv(path, skiprows=[1], usecols=["id", "date_start"])  # row 1: HXL hashtags
    return frame.groupby(pd.to_datetime(frame["date_start"]).dt.year)["id"].count().to_dict()


@pytest.mark.parametrize("source_fixture", ["ged_csv", "bundled_ged"])
def test_import_gives_exactly_the_csv_events_and_years(
    source_fixture: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    source: Path = request.getfixturevalue(source_fixture)
    with tacitus.open(str(tmp_path / "s.duckdb")) as store:
        result = import_file(store, get_layout("ucdp-ged"), str(source))
        events = store.events()
        links = store.links()
    assert (result.rows_read, result.added) == (GED_EVENTS, GED_EVENTS)
    assert len(events) == GED_EVENTS and events["event_id"].is_unique
    per_year = events.groupby(pd.to_datetime(events["date"]).dt.year)["event_id"].count().to_dict()
    assert per_year == _per_year_from_csv(source)
    expected_ids = set(pd.read_csv(source, skiprows=[1], usecols=["id"])["id"].astype(str))
    assert set(links["record_id"]) == expected_ids


def test_second_import_adds_nothing(ged_store: Path, ged_csv: Path, tmp_path: Path) -> None:
    db = tmp_path / "again.duckdb"
    shutil.copyfile(ged_store, db)
    with tacitus.open(str(db)) as store:
        before = store.counts()
        result = import_file(store, get_layout("ucdp-ged"), str(ged_csv))
        after = store.counts()
    assert (result.added, result.updated, result.unchanged) == (0, 0, GED_EVENTS)
    assert after["events"] == GED_EVENTS
    assert {k: v for k, v in after.items() if k != "imports"} == {k: v for k, v in before.items() if k != "imports"}


def test_ucdp_export_reimports_to_the_same_events_and_ids(ged_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "ged_export.csv"
    with tacitus.open(str(ged_store)) as store:
        written = export_events(store, "ucdp", str(out))
        original = store.events()
        original_links = store.links()
    assert written == GED_EVENTS
    with tacitus.open(str(tmp_path / "fresh.duckdb")) as fresh:
        import_file(fresh, get_layout("ucdp-ged"), str(out))
        again = fresh.events()
        again_links = fresh.links()
    pd.testing.assert_frame_equal(again, original)
    pd.testing.assert_frame_equal(again_links, original_links)
