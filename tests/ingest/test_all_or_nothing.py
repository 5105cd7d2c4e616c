"""A bad row after several batches have been written still leaves the store exactly as it was."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

import tacitus
from tacitus.errors import InputError
from tacitus.ingest import get_layout, import_file
from tacitus.store.duckdb_store import _BATCH_SIZE

ROWS = 2 * _BATCH_SIZE + 1_000


def test_late_bad_row_rolls_back_earlier_batches(
    tmp_path: Path,
    gtd_sample: Path,
    resampled_ged: Callable[..., Path],
    state_of: Callable[[Path], tuple[dict[str, int], str]],
) -> None:
    source = resampled_ged(tmp_path / "ged.csv", ROWS)
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    bad_index = ROWS - 10  # a data row after two full batches
    rows[bad_index][rows[0].index("best")] = "several"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    db = tmp_path / "store.duckdb"
    with tacitus.open(str(db)) as store:
        import_file(store, get_layout("gtd"), str(gtd_sample))
    before = state_of(db)

    with tacitus.open(str(db)) as store, pytest.raises(InputError) as caught:
        import_file(store, get_layout("ucdp-ged"), str(source))

    # GED cells may hold line breaks, so the physical line is counted, not assumed.
    head = io.StringIO()
    csv.writer(head, lineterminator="\n").writerows(rows[:bad_index])
    assert (caught.value.field, caught.value.line) == ("best", head.getvalue().count("\n") + 1)
    assert state_of(db) == before
    rows[bad_index][rows[0].index("best")] = "3"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    with tacitus.open(str(db)) as store:
        assert import_file(store, get_layout("ucdp-ged"), str(source)).added == ROWS
