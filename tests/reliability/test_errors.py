"""One error handler for every command: the former traceback causes, through the real `tacitus` process.

A known failure prints one line (`tacitus: error: …`) and exits 2; an unexpected one prints one line ending in
"run with --debug for the traceback" and exits 1; `--debug` shows the traceback. No case may print a Python
traceback without --debug.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tacitus.errors import StoreError, explain

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
ONE_REPORT = REPORTS / "two_incidents.txt"


def _one_line(result: Any) -> str:
    """The stderr of a failed run: exactly one `tacitus: error:` line and no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("tacitus: error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


def test_query_end_in_the_last_month_of_9999(small_store: Path, tacitus_cli: Callable[..., Any]) -> None:
    for end in ("9999-12", "9999"):
        result = tacitus_cli("query", "--db", small_store, "--end", end, "--format", "csv")
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.splitlines()) == 61  # header and every event


def test_query_dates_past_9999_are_refused_in_one_line(small_store: Path, tacitus_cli: Callable[..., Any]) -> None:
    result = tacitus_cli("query", "--db", small_store, "--start", "10000-01")
    assert result.returncode == 2
    assert "'10000-01' is not a date" in _one_line(result)


@pytest.mark.parametrize("limit", ["-5", "0", "two"])
def test_limit_takes_positive_integers_only(limit: str, small_store: Path, tacitus_cli: Callable[..., Any]) -> None:
    result = tacitus_cli("query", "--db", small_store, "--limit", limit)
    assert result.returncode == 2
    assert "--limit" in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_published_past_9999_is_a_usage_error(tacitus_cli: Callable[..., Any]) -> None:
    result = tacitus_cli("extract", ONE_REPORT, "--no-ner", "--published", "10000-01-01")
    assert result.returncode == 2
    assert "'10000-01-01' is not a date" in result.stderr
    assert "Traceback" not in result.stderr


def _claims_file(path: Path, compare: str, filters: str = "") -> Path:
    """A one-claim file; `compare` and `filters` are the YAML lines under the claim (already indented)."""
    path.write_text(
        "title: test\nclaims:\n  - id: c1\n    statement: events fell\n    indicator: events\n"
        + filters + "    compare:\n      type: before_after\n" + compare + "      expect: decrease\n",
        encoding="utf-8",
    )
    return path


def test_report_on_a_store_without_named_armed_groups(tmp_path: Path, tacitus_cli: Callable[..., Any]) -> None:
    """Extracted events whose perpetrator is unknown: no armed group to rank, and still a report."""
    text = tmp_path / "unclaimed.txt"
    text.write_text("On 4 May 2013 a roadside bomb killed four soldiers near Quetta. No one has said who planted it.",
                    encoding="utf-8")
    db = tmp_path / "store.duckdb"
    assert tacitus_cli("extract", text, "--no-ner", "--db", db).returncode == 0
    claims = _claims_file(tmp_path / "claims.yaml", "      date: 2012\n      before: [2008, 2011]\n"
                          "      after: [2012, 2014]\n")
    result = tacitus_cli("report", "--db", db, "--claims", claims, "-o", tmp_path / "report.html")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "report.html").stat().st_size > 0


def test_year_only_dates_in_a_claims_file(small_store: Path, tmp_path: Path, tacitus_cli: Callable[..., Any]) -> None:
    claims = _claims_file(tmp_path / "claims.yaml", "      date: 2005\n      before: [1989, 2004]\n"
                          "      after: [2005, 2021]\n", filters="    filters: {start: 1989, end: 2021}\n")
    result = tacitus_cli("report", "--db", small_store, "--claims", claims, "-o", tmp_path / "report.html")
    assert result.returncode == 0, result.stderr


def test_extract_db_with_a_duplicate_id_names_the_line_and_keeps_the_rest(
    tmp_path: Path, tacitus_cli: Callable[..., Any]
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a1", "text": "A bomb killed four soldiers in Quetta on 4 May 2013."}) + "\n"
        + json.dumps({"id": "a1", "text": "Gunmen killed two policemen in Peshawar on 5 May 2013."}) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "store.duckdb"
    result = tacitus_cli("extract", feed, "--no-ner", "--db", db)
    assert result.returncode == 1
    line = _one_line(result)
    assert f"{feed}:2: field 'id'" in line
    assert "already used by" in line
    import tacitus

    with tacitus.open(str(db)) as store:
        assert store.sql("SELECT doc_id, text FROM documents")["text"].str.contains("Quetta").tolist() == [True]


def test_extract_db_into_a_damaged_store_fails_before_extracting(
    small_store: Path, tmp_path: Path, tacitus_cli: Callable[..., Any]
) -> None:
    db = tmp_path / "damaged.duckdb"
    db.write_bytes(small_store.read_bytes()[: small_store.stat().st_size // 2])
    result = tacitus_cli("extract", ONE_REPORT, "--no-ner", "--db", db)
    assert result.returncode == 2
    assert "damaged" in _one_line(result) or "cannot open" in _one_line(result)
    assert result.stdout == ""  # nothing extracted and written before the store was refused


def test_extract_to_an_unwritable_output_names_the_path(tmp_path: Path, tacitus_cli: Callable[..., Any]) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "out.jsonl"
    result = tacitus_cli("extract", ONE_REPORT, "--no-ner", "-o", target)
    assert result.returncode == 2
    line = _one_line(result)
    assert str(target) in line
    assert "choose another -o path" in line


def test_twenty_digit_and_infinite_counts_in_text(tmp_path: Path, tacitus_cli: Callable[..., Any]) -> None:
    text = tmp_path / "numbers.txt"
    text.write_text(
        "On 4 May 2013 a bomb killed 12345678901234567890 people in Quetta. Officials said infinity were hurt "
        "and 1e400 fled.",
        encoding="utf-8",
    )
    db = tmp_path / "store.duckdb"
    result = tacitus_cli("extract", text, "--no-ner", "--db", db)
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout.splitlines()[0])
    assert row["killed_best"] is None  # not a count anyone reports for one event


def test_utf16_input_is_read_not_called_binary(tmp_path: Path, tacitus_cli: Callable[..., Any]) -> None:
    text = "On 4 May 2013 a roadside bomb killed four soldiers in Quetta."
    path = tmp_path / "utf16.txt"
    path.write_bytes(text.encode("utf-16"))  # with a byte-order mark, as Windows tools write it
    result = tacitus_cli("extract", path, "--no-ner")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["place"] == "Quetta"


def test_a_directory_is_named_a_directory(tmp_path: Path, tacitus_cli: Callable[..., Any]) -> None:
    result = tacitus_cli("extract", tmp_path, "--no-ner")
    assert result.returncode == 1
    assert "is a directory" in _one_line(result)


def test_debug_shows_the_traceback(small_store: Path, tmp_path: Path, tacitus_cli: Callable[..., Any]) -> None:
    db = tmp_path / "damaged.duckdb"
    db.write_bytes(small_store.read_bytes()[:12288])
    plain = tacitus_cli("query", "--db", db)
    assert plain.returncode == 2
    _one_line(plain)
    debug = tacitus_cli("--debug", "query", "--db", db)
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr


def test_explain_sorts_known_from_unexpected_failures(tmp_path: Path) -> None:
    """The handler's classification: what the user can act on, and what is a bug in Tacitus."""
    assert explain(StoreError("x.duckdb: no such store")) == ("x.duckdb: no such store", True)
    message, known = explain(PermissionError(13, "Permission denied", str(tmp_path / "out.csv")))
    assert known and message == f"{tmp_path / 'out.csv'}: permission denied"
    message, known = explain(KeyError("period"))
    assert not known and message.endswith("(run with --debug for the traceback)")
    # A full disk hidden behind the failed rollback it caused is still reported as a full disk.
    try:
        try:
            raise OSError(28, "No space left on device", "store.duckdb.wal")
        except OSError as exc:
            raise RuntimeError("TransactionContext Error: cannot rollback") from exc
    except RuntimeError as exc:
        message, known = explain(exc)
    assert known and message.startswith("no space left on device writing store.duckdb.wal")


def test_a_stage_module_that_fails_is_one_line_too(tmp_path: Path, tacitus_cli: Callable[..., Any]) -> None:
    """`tacitus report` with a claims file that is not there: a known failure naming the file."""
    result = tacitus_cli("report", "--db", tmp_path / "none.duckdb", "--claims", tmp_path / "missing.yaml",
                         "-o", tmp_path / "r.html")
    assert result.returncode == 2
    assert "missing.yaml" in _one_line(result) or "none.duckdb" in _one_line(result)


def test_report_on_an_empty_store_says_so(tmp_path: Path, tacitus_cli: Callable[..., Any]) -> None:
    db = tmp_path / "empty.duckdb"
    assert tacitus_cli("init", "--db", db).returncode == 0
    claims = _claims_file(tmp_path / "claims.yaml", "      date: 2012\n      months: 12\n")
    result = tacitus_cli("report", "--db", db, "--claims", claims, "-o", tmp_path / "report.html")
    assert result.returncode == 2
    assert "the store holds no events" in _one_line(result)
    assert not (tmp_path / "report.html").exists()
