"""Shared by the reliability tests: a small real store, built once per session and copied before any write."""

from __future__ import annotations

from pathlib import Path

import pytest

GED_ROWS = 60


@pytest.fixture(scope="session")
def small_ged(tmp_path_factory: pytest.TempPathFactory, ged_csv: Path) -> Path:
    """The first GED_ROWS events of the real GED Pakistan file, with its header and HXL row."""
    path = tmp_path_factory.mktemp("ged") / "ged_small.csv"
    lines = ged_csv.read_text(encoding="utf-8").splitlines(keepends=True)[: GED_ROWS + 2]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory, small_ged: Path) -> Path:
    """A store of `small_ged` imported; copy it before writing to it."""
    from tacitus.ingest import get_layout, import_file
    from tacitus.store import open_store

    db = tmp_path_factory.mktemp("store") / "small.duckdb"
    with open_store(db) as store:
        import_file(store, get_layout("ucdp-ged"), str(small_ged))
    return db
