"""`tacitus doctor` on deliberately damaged stores: each invariant broken once, detected, and repaired or not.

The store holds real GED rows and events extracted from the fixture reports (so it has dataset claims, document
claims and spans). Each case breaks one thing with SQL, as a bug or a hand edit would, then runs the real
`tacitus doctor` process: it must name the broken check on a FAIL line and exit 1; `--fix` must repair what
follows from the store's own records (stale values, orphans, missing events, stale links) and leave what a
source said (a date in 2999, swapped coordinates, a lost claim, an edited text) as a problem, still exiting 1.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

import tacitus
from tacitus.extract.config import ExtractConfig
from tacitus.extract.pipeline import Extractor
from tacitus.extract.reader import read_documents
from tacitus.ingest import get_layout, import_file
from tacitus.model import REPORT_DATASET

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


@pytest.fixture(scope="module")
def clean_store(tmp_path_factory: pytest.TempPathFactory, small_ged: Path) -> Path:
    """60 real GED rows and the fixture reports' events, made consistent once with `doctor --fix`."""
    db = tmp_path_factory.mktemp("doctor") / "clean.duckdb"
    results = list(Extractor(ExtractConfig(use_ner=False)).pipe(read_documents([str(REPORTS / "incidents.jsonl")])))
    with tacitus.open(str(db)) as store:
        import_file(store, get_layout("ucdp-ged"), str(small_ged))
        store.add_records([r for res in results for r in res.records], dataset=REPORT_DATASET,
                          documents=[res.document for res in results])
    from tacitus.store.doctor import examine, repair

    with tacitus.open(str(db)) as store:
        _, state = examine(store.con)  # type: ignore[attr-defined]
        repair(store, state)
    return db


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    row = con.execute(sql, params or []).fetchone()
    assert row is not None, sql
    return row[0]


def _ged_event(con: duckdb.DuckDBPyConnection) -> str:
    return str(_one(con, "SELECT min(event_id) FROM records WHERE dataset = 'ucdp_ged'"))


def _toll_out_of_order(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE events SET killed_low = 50, killed_best = 10, killed_high = 5 WHERE event_id = ?",
                [_ged_event(con)])


def _date_in_2999(con: duckdb.DuckDBPyConnection) -> None:
    event = _ged_event(con)
    con.execute("UPDATE records SET date = DATE '2999-01-01', date_end = NULL WHERE event_id = ?", [event])
    con.execute("UPDATE events SET date = DATE '2999-01-01', date_end = NULL WHERE event_id = ?", [event])


def _swapped_coordinates(con: duckdb.DuckDBPyConnection) -> None:
    event = _ged_event(con)
    for table in ("records", "events"):
        con.execute(f"UPDATE {table} SET latitude = longitude, longitude = latitude WHERE event_id = ?", [event])


def _value_without_claim(con: duckdb.DuckDBPyConnection) -> None:
    """An extracted report's stored place claim deleted (dataset records' claims are derived, not stored)."""
    event = _one(con, """SELECT min(r.event_id) FROM records r JOIN claims c USING (record_key)
                         WHERE c.field = 'place' AND r.event_id IN (
                             SELECT event_id FROM records GROUP BY event_id HAVING count(*) = 1)""")
    con.execute(
        """DELETE FROM claims WHERE field = 'place'
           AND record_key IN (SELECT record_key FROM records WHERE event_id = ?)""",
        [event],
    )


def _quote_edited(con: duckdb.DuckDBPyConnection) -> None:
    claim = _one(con, "SELECT min(claim_id) FROM claims WHERE source_kind = 'document' AND field = 'place'")
    con.execute("UPDATE claims SET quote = 'Lahore' WHERE claim_id = ?", [claim])


def _text_edited(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE documents SET text = 'Edited. ' || text WHERE doc_id = (SELECT min(doc_id) FROM documents)")


def _record_deleted(con: duckdb.DuckDBPyConnection) -> None:
    """A record with stored claims (an extracted report's) deleted, leaving its claims orphaned."""
    key = _one(con, "SELECT min(record_key) FROM claims")
    con.execute("DELETE FROM records WHERE record_key = ?", [key])


def _event_deleted(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DELETE FROM events WHERE event_id = ?", [_ged_event(con)])


def _stale_link(con: duckdb.DuckDBPyConnection) -> None:
    """Two GED records months apart joined in one event (what a renumbered list left behind)."""
    first, last = con.execute(
        """SELECT arg_min(record_key, date), arg_max(record_key, date) FROM records WHERE dataset = 'ucdp_ged'"""
    ).fetchone() or (None, None)
    target = _one(con, "SELECT event_id FROM records WHERE record_key = ?", [first])
    con.execute("UPDATE records SET event_id = ? WHERE record_key = ?", [target, last])


@dataclass(frozen=True)
class Damage:
    name: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]
    check: str  # the FAIL line that must appear
    fixable: bool
    says: str = ""  # a phrase the FAIL line must hold


DAMAGES = (
    Damage("toll 50/10/5", _toll_out_of_order, "toll order", True, "killed 50/10/5"),
    Damage("date in 2999", _date_in_2999, "dates", False, "2999-01-01"),
    Damage("swapped coordinates", _swapped_coordinates, "places", False, "swapped"),
    Damage("value without a claim", _value_without_claim, "claims", False, "place"),
    Damage("quote edited", _quote_edited, "spans", False, "'Lahore'"),
    Damage("text edited", _text_edited, "spans", False, "text has"),
    Damage("record deleted", _record_deleted, "orphans", True, "#"),
    Damage("event deleted", _event_deleted, "links", True, "records but no event"),
    Damage("stale link", _stale_link, "stale links", True, "days apart"),
)


def _fail_lines(output: str) -> dict[str, str]:
    return {line[6:].split(":")[0]: line for line in output.splitlines() if line.startswith("FAIL  ")}


def test_a_consistent_store_passes(clean_store: Path, tacitus_cli: Callable[..., Any]) -> None:
    result = tacitus_cli("doctor", "--db", clean_store)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    for check in ("schema", "toll order", "dates", "places", "claims", "spans", "links", "stale links", "orphans"):
        assert f"ok    {check}:" in result.stdout
    assert result.stdout.rstrip().endswith("no problems found")


@pytest.mark.parametrize("damage", DAMAGES, ids=[d.name for d in DAMAGES])
def test_doctor_finds_each_damage_and_fix_repairs_what_is_safe(
    damage: Damage, clean_store: Path, tmp_path: Path, tacitus_cli: Callable[..., Any]
) -> None:
    db = Path(shutil.copyfile(clean_store, tmp_path / "damaged.duckdb"))
    con = duckdb.connect(str(db))
    damage.apply(con)
    con.close()

    found = tacitus_cli("doctor", "--db", db)
    assert found.returncode == 1, found.stdout + found.stderr
    failed = _fail_lines(found.stdout)
    assert damage.check in failed, found.stdout
    assert damage.says in failed[damage.check]
    assert found.stderr == ""

    fixed = tacitus_cli("doctor", "--db", db, "--fix")
    after = _fail_lines(fixed.stdout)  # with --fix, the report is of the store after the repair
    if damage.fixable:
        assert fixed.returncode == 0, fixed.stdout + fixed.stderr
        assert after == {}
        assert "fixed " in fixed.stdout
        again = tacitus_cli("doctor", "--db", db)
        assert again.returncode == 0, again.stdout
    else:
        assert fixed.returncode == 1
        assert damage.check in after, fixed.stdout


def test_fix_keeps_orphaned_claims_rather_than_deleting_them(clean_store: Path, tmp_path: Path) -> None:
    from tacitus.store.doctor import examine, repair

    db = Path(shutil.copyfile(clean_store, tmp_path / "orphans.duckdb"))
    con = duckdb.connect(str(db))
    _record_deleted(con)
    orphaned = _one(con, "SELECT count(*) FROM claims WHERE record_key NOT IN (SELECT record_key FROM records)")
    con.close()
    assert orphaned > 0
    with tacitus.open(str(db)) as store:
        _, state = examine(store.con)  # type: ignore[attr-defined]
        repair(store, state)
        kept = store.sql("SELECT count(*) AS n FROM superseded_claims WHERE event_id IS NULL")["n"].iloc[0]
    assert kept == orphaned


def test_doctor_reads_an_old_store_without_changing_it_and_fix_migrates(
    tmp_path: Path, tacitus_cli: Callable[..., Any]
) -> None:
    from tacitus.store.schema import MIGRATIONS

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    before = db.read_bytes()
    found = tacitus_cli("doctor", "--db", db)
    assert found.returncode == 1
    assert "FAIL  schema: v1 is older" in found.stdout
    assert db.read_bytes() == before
    fixed = tacitus_cli("doctor", "--db", db, "--fix")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert f"ok    schema: v{len(MIGRATIONS)} (current)" in fixed.stdout


def test_doctor_on_a_truncated_store_says_so_in_one_line(clean_store: Path, tmp_path: Path,
                                                         tacitus_cli: Callable[..., Any]) -> None:
    db = tmp_path / "truncated.duckdb"
    db.write_bytes(clean_store.read_bytes()[: clean_store.stat().st_size // 2])
    result = tacitus_cli("doctor", "--db", db)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    text = result.stdout + result.stderr
    assert "damaged" in text or "cannot be read" in text or "cannot open" in text, text


def test_future_dates_are_relative_to_the_day_of_the_check(clean_store: Path) -> None:
    """The check takes 'today' as a parameter: a store checked as of 2010 finds the later GED events in its future."""
    from tacitus.store.doctor import dates

    con = duckdb.connect(str(clean_store), read_only=True)
    try:
        assert dates(con, dt.date.today()).problems == 0
        assert dates(con, dt.date(1990, 1, 1)).problems > 0
    finally:
        con.close()
