"""The bad-input catalogue, through the real `tacitus import` process.

Every case must print exactly one line on stderr naming the file (and line and field where there is one), exit
non-zero, and leave the store exactly as it was: same table counts, same events checksum.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from tacitus.cli import main


# One good file per dataset layout; each bad case is a copy of it with one thing broken.
@dataclass(frozen=True)
class Good:
    """A small valid file per dataset, and the cells a bad copy changes."""

    dataset: str
    number_column: str  # a death count
    date_edit: dict[str, str]  # cells that make an impossible date
    date_field: str
    first_data_line: int  # physical line of the first data row


GOOD = {
    "ucdp-ged": Good("ucdp-ged", "best", {"date_start": "2014-02-30"}, "date_start", 3),  # line 2: HXL
    "gtd": Good("gtd", "nkill", {"iyear": "2014", "imonth": "2", "iday": "30"}, "iday", 2),
    "acled": Good("acled", "fatalities", {"event_date": "30 February 2015"}, "event_date", 2),
}


def _good_file(dataset: str, tmp_path: Path, ged_csv: Path, gtd_sample: Path, acled_sample: Path) -> Path:
    if dataset == "ucdp-ged":  # header, HXL row and 20 events of the real file
        lines = ged_csv.read_text(encoding="utf-8").splitlines(keepends=True)[:22]
        path = tmp_path / "ged_small.csv"
        path.write_text("".join(lines), encoding="utf-8")
        return path
    source = gtd_sample if dataset == "gtd" else acled_sample
    return Path(shutil.copyfile(source, tmp_path / source.name))


def _edit_first_row(path: Path, good: Good, cells: dict[str, str]) -> int:
    """Change cells of the first data row (keeping any HXL row); returns its physical line."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    index = good.first_data_line - 1
    for column, value in cells.items():
        rows[index][header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return good.first_data_line


# Each case turns a good file into a bad one and returns (expected line or None, expected field or None, text).
Case = Callable[[Path, Good], tuple[int | None, str | None, str]]


def empty(path: Path, good: Good) -> tuple[int | None, str | None, str]:
    path.write_bytes(b"")
    return None, None, "file is empty"


def header_only(path: Path, good: Good) -> tuple[int | None, str | None, str]:
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    return 1, None, "no data rows"


def wrong_columns(path: Path, good: Good) -> tuple[int | None, str | None, str]:
    path.write_text("incident,when,where\n1,2014-12-16,Peshawar\n", encoding="utf-8")
    return 1, None, "missing column(s)"


def invalid_utf8(path: Path, good: Good) -> tuple[int | None, str | None, str]:
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", b",\x81\x9d", 1)  # bytes no UTF-8 or Windows-1252 text contains
    path.write_bytes(b"\n".join(lines))
    return 3, None, "invalid utf-8 byte 0x81"


def binary(path: Path, good: Good) -> tuple[int | None, str | None, str]:
    path.write_bytes(bytes(range(256)) * 64)
    return None, None, "binary"


def truncated_last_line(path: Path, good: Good) -> tuple[int | None, str | None, str]:
    data = path.read_bytes().rstrip(b"\n")
    last_start = data.rindex(b"\n") + 1
    path.write_bytes(data[: last_start + (len(data) - last_start) // 3])
    return data.count(b"\n") + 1, None, "truncated"


def non_numeric_deaths(path: Path, good: Good) -> tuple[int | None, str | None, str]:
    line = _edit_first_row(path, good, {good.number_column: "about ten"})
    return line, good.number_column, "'about ten' is not a number"


def impossible_date(path: Path, good: Good) -> tuple[int | None, str | None, str]:
    line = _edit_first_row(path, good, good.date_edit)
    return line, good.date_field, "not a"  # "... is not a valid date" / "... is not a date"


CASES: list[Case] = [
    empty,
    header_only,
    wrong_columns,
    invalid_utf8,
    binary,
    truncated_last_line,
    non_numeric_deaths,
    impossible_date,
]


@pytest.fixture(scope="module")
def populated_store(gtd_acled_store: Path) -> Path:
    """A store that already holds events, so "unchanged" is checked against something."""
    return gtd_acled_store


def _check(
    dataset: str,
    case: Case,
    store: Path,
    tmp_path: Path,
    sources: tuple[Path, Path, Path],
    run: Callable[[list[str]], tuple[int, str]],
    state_of: Callable[[Path], tuple[dict[str, int], str]],
) -> None:
    path = _good_file(dataset, tmp_path, *sources)
    line, field, text = case(path, GOOD[dataset])
    before = state_of(store)

    exit_code, stderr = run(["import", dataset, str(path), "--db", str(store)])

    assert exit_code != 0
    errors = stderr.splitlines()
    assert len(errors) == 1, stderr
    message = errors[0]
    assert message.startswith(f"tacitus: error: {path}")
    if line is not None:
        assert message.startswith(f"tacitus: error: {path}:{line}:"), message
    if field is not None:
        assert f"field {field!r}" in message
    assert text in message
    assert state_of(store) == before


def _in_process(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
@pytest.mark.parametrize("dataset", sorted(GOOD))
def test_every_dataset_and_case_in_process(
    dataset: str,
    case: Case,
    populated_store: Path,
    tmp_path: Path,
    ged_csv: Path,
    gtd_sample: Path,
    acled_sample: Path,
    state_of: Callable[[Path], tuple[dict[str, int], str]],
) -> None:
    """The full matrix through the click command in this process (the same code path, minus the fork)."""
    _check(dataset, case, populated_store, tmp_path, (ged_csv, gtd_sample, acled_sample), _in_process, state_of)


@pytest.mark.parametrize(
    ("case", "dataset"),
    [(case, sorted(GOOD)[i % len(GOOD)]) for i, case in enumerate(CASES)],
    ids=[f"{c.__name__}-{sorted(GOOD)[i % len(GOOD)]}" for i, c in enumerate(CASES)],
)
def test_every_case_as_a_real_process(
    case: Case,
    dataset: str,
    populated_store: Path,
    tmp_path: Path,
    ged_csv: Path,
    gtd_sample: Path,
    acled_sample: Path,
    tacitus_cli: Callable[..., subprocess.CompletedProcess[str]],
    state_of: Callable[[Path], tuple[dict[str, int], str]],
) -> None:
    """Each case once through the installed command, for the real exit code and stderr (datasets rotate)."""

    def run(args: list[str]) -> tuple[int, str]:
        result = tacitus_cli(*args)
        return result.returncode, result.stderr

    _check(dataset, case, populated_store, tmp_path, (ged_csv, gtd_sample, acled_sample), run, state_of)


def test_a_good_file_passes_the_same_path(
    populated_store: Path,
    tmp_path: Path,
    ged_csv: Path,
    gtd_sample: Path,
    acled_sample: Path,
    tacitus_cli: Callable[..., subprocess.CompletedProcess[str]],
    state_of: Callable[[Path], tuple[dict[str, int], str]],
) -> None:
    """The harness itself can fail: an untouched file imports and changes the store."""
    path = _good_file("ucdp-ged", tmp_path, ged_csv, gtd_sample, acled_sample)
    before = state_of(populated_store)
    result = tacitus_cli("import", "ucdp-ged", path, "--db", tmp_path / "copy.duckdb")
    assert result.returncode == 0 and result.stderr == ""
    assert "20 rows read, 20 added" in result.stdout
    assert state_of(populated_store) == before
    assert state_of(tmp_path / "copy.duckdb") != before
