"""Property-based tests: no cell an importer can be given produces a traceback or breaks an invariant.

Hypothesis writes arbitrary text into the cells the importers parse (counts, dates, coordinates, ids, names)
of otherwise valid files, for every registered layout. Each import must either succeed with values that keep the
codebook's invariants, or fail with an `InputError` naming the file, a line and (for cell problems) a field; never
any other exception. The number and date parsers of row-coded layouts are held to the same rule directly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus import validate
from tacitus.errors import InputError
from tacitus.ingest import LAYOUTS, get_layout, import_file
from tacitus.ingest.tabular import Row
from tacitus.store.duckdb_store import DuckDBStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# Cells worth fuzzing per layout: the ones its coding parses.
FUZZED = {
    "ucdp-ged": ("id", "best", "low", "high", "date_start", "date_end", "latitude", "longitude", "type_of_violence",
                 "date_prec", "deaths_a", "side_a", "adm_1"),
    "gtd": ("eventid", "iyear", "imonth", "iday", "nkill", "nwound", "latitude", "attacktype1_txt", "gname"),
    "acled": ("event_id_cnty", "event_date", "time_precision", "fatalities", "latitude", "geo_precision", "iso"),
}

_NUMBERISH = st.one_of(
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", " ", "NA", "nan", "inf", "-inf", "1e308", "1,000", "12 ", "٣", "0x10", "1_000", "-0"]),
)
_DATEISH = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
    st.sampled_from(["2014-02-30", "10000-01-01", "2014-12-16 00:00:00.000", "16 December 2014", "0000-00-00",
                     "2999-01-01", "1899-12-31"]),
)
_CELL = st.one_of(_NUMBERISH, _DATEISH, st.text(max_size=30))


def _small_file(layout_name: str, ged_csv: Path, folder: Path) -> tuple[list[str], list[list[str]]]:
    if layout_name == "ucdp-ged":
        text = "".join(ged_csv.read_text(encoding="utf-8").splitlines(True)[:6])
    else:
        sample = {"gtd": "gtd_pakistan_sample.csv", "acled": "acled_pakistan_sample.csv"}[layout_name]
        text = (FIXTURES / "datasets" / sample).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def _check_store(store: DuckDBStore) -> None:
    events = store.events()
    for prefix in validate.TOLL_PREFIXES:
        low, best, high = (events[f"{prefix}_{k}"] for k in ("low", "best", "high"))
        both = low.notna() & best.notna()
        assert (low[both] <= best[both]).all()
        both = best.notna() & high.notna()
        assert (best[both] <= high[both]).all()
    for column in ("killed_best", "wounded_best"):
        values = events[column].dropna()
        assert ((values >= 0) & (values <= validate.MAX_COUNT)).all()
    assert (events["date"].dropna() <= dt.date.today().isoformat()).all() or events.empty


@pytest.mark.parametrize("layout_name", sorted(FUZZED))
def test_any_cell_imports_cleanly_or_fails_with_one_located_error(
    layout_name: str, ged_csv: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    header, rows = _small_file(layout_name, ged_csv, tmp_path_factory.mktemp("fuzz"))
    columns = [c for c in FUZZED[layout_name] if c in header]
    layout = get_layout(layout_name)

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(column=st.sampled_from(columns), value=_CELL, row=st.integers(0, len(rows) - 1))
    def attempt(column: str, value: str, row: int) -> None:
        folder = tmp_path_factory.mktemp("case")
        edited = [list(r) for r in rows]
        edited[row][header.index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header, *edited])
        path = folder / "data.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        with DuckDBStore(":memory:") as store:
            try:
                import_file(store, layout, str(path))
            except InputError as exc:
                assert exc.path == str(path)
                assert exc.line is not None and exc.line >= 1, str(exc)
                assert "\n" not in str(exc)
                return
            _check_store(store)

    attempt()


def test_every_layout_is_fuzzed_or_row_coded() -> None:
    """Row-coded layouts are covered by the accessor properties below; the rest by the file test above."""
    for name, layout in LAYOUTS.items():
        assert name in FUZZED or layout.code is not None, name


@given(value=st.one_of(_NUMBERISH, st.text(max_size=20)))
@settings(max_examples=300, deadline=None)
def test_row_counts_are_whole_bounded_numbers_or_a_located_error(value: str) -> None:
    row = Row("list.csv", 7, {"n": value})
    try:
        count = row.count("n")
    except InputError as exc:
        assert (exc.path, exc.line, exc.field) == ("list.csv", 7, "n")
        return
    assert count is None or (isinstance(count, int) and 0 <= count <= validate.MAX_COUNT)


@given(value=st.one_of(_DATEISH, st.text(max_size=20)))
@settings(max_examples=300, deadline=None)
def test_row_dates_parse_or_fail_with_a_located_error(value: str) -> None:
    row = Row("list.csv", 3, {"d": value})
    try:
        day = row.date("d", ("%Y-%m-%d", "%d/%m/%Y", "%A, %B %d, %Y"))
    except InputError as exc:
        assert (exc.path, exc.line, exc.field) == ("list.csv", 3, "d")
        return
    assert day is None or isinstance(day, dt.date)


@given(value=st.one_of(_NUMBERISH, st.text(max_size=20)))
@settings(max_examples=300, deadline=None)
def test_row_coordinates_are_finite_and_in_range_or_a_located_error(value: str) -> None:
    row = Row("list.csv", 2, {"lat": value})
    try:
        lat = row.float("lat", -90, 90)
    except InputError as exc:
        assert exc.field == "lat"
        return
    assert lat is None or -90 <= lat <= 90
