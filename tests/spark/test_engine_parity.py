"""Spark local mode gives what the default engines give: the same events from extraction, the same links from
resolution, the same indicators from Ibis. Small inputs; one SparkSession for all (see conftest)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

import tacitus
from tacitus.analysis.cli import stats_command
from tacitus.analysis.series import counts
from tacitus.analysis.targets import target_hardness
from tacitus.extract import Extractor
from tacitus.extract.cli import extract_command
from tacitus.extract.output import event_row
from tacitus.ingest import get_layout, import_file
from tacitus.resolve import resolve
from tacitus.resolve.cli import resolve_command
from tacitus.spark.analysis import on_spark
from tacitus.spark.extract import pipe_spark
from tacitus.spark.linkage import linked_pairs, pair_agreement
from tacitus.store.base import Document

pytestmark = pytest.mark.spark
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "reports"
SHARED = ROOT / ".." / "shared" / "data"
# One year of three real datasets (GED, Pakistan Body Count's suicide attacks and drone strikes): 400 records, so
# two dataset pairs estimate their own u and m and the third keeps the priors; `year` picks a row's year.
LISTS_2013 = {
    "ucdp-ged": (SHARED / "ucdp-ged-pakistan" / "ucdp_ged_22_1_pakistan.csv", lambda row: row["year"]),
    "pbc-suicide": (SHARED / "pakistan-suicide-attacks" / "pakistanbodycount_suicide_attacks_1995_2017.csv",
                    lambda row: row["Date"][-4:]),
    "pbc-drones": (SHARED / "drone-strikes" / "pakistanbodycount_drone_attacks_2004_2017.csv",
                   lambda row: row["Date"][-4:]),
}


def fixture_documents() -> list[Document]:
    lines = (FIXTURES / "incidents.jsonl").read_text("utf-8").splitlines()
    docs = [Document(row["id"], row["text"], source=row.get("source")) for row in map(json.loads, lines)]
    docs.append(Document("two", (FIXTURES / "two_incidents.txt").read_text("utf-8")))
    return docs


def event_lines(results: Any) -> list[str]:
    return [json.dumps(event_row(r), ensure_ascii=False, default=str) for res in results for r in res.records]


def test_extraction_on_spark_gives_the_same_events(spark: Any) -> None:
    extractor = Extractor()
    documents = fixture_documents()
    local = event_lines(extractor.pipe(documents))
    on_spark = event_lines(pipe_spark(extractor.config, documents, session=spark))
    assert len(local) >= 20
    assert on_spark == local


def test_extract_command_on_spark_stores_through_the_store(spark: Any, tmp_path: Path) -> None:
    db = tmp_path / "spark.duckdb"
    source = str(FIXTURES / "two_incidents.txt")
    local = CliRunner().invoke(extract_command, [source, "--workers", "1"])
    result = CliRunner().invoke(extract_command, [source, "--engine", "spark", "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == local.stdout
    with tacitus.open(str(db)) as store:
        stored = store.records()
    assert len(stored) == 2
    assert {json.loads(line)["event_id"] for line in local.stdout.splitlines()} == set(stored["event_id"])


def _rows_of_2013(source: Path, year: Any, target: Path) -> Path:
    """The source file's header and its rows of 2013, values unchanged (GED's second, tag row is kept too)."""
    with open(source, newline="", encoding="latin-1") as handle:
        reader = csv.DictReader(handle)
        rows = [row for row in reader if year(row) == "2013" or not year(row)[:1].isdigit()]
    with open(target, "w", newline="", encoding="latin-1") as out:
        writer = csv.DictWriter(out, fieldnames=list(reader.fieldnames or []))
        writer.writeheader()
        writer.writerows(rows)
    return target


def test_resolve_on_spark_writes_the_same_links_as_duckdb(spark: Any, tmp_path: Path) -> None:
    """The whole resolver on both engines, from the store back to the store: same events, same explanations."""
    on_duckdb, on_spark = tmp_path / "duckdb.duckdb", tmp_path / "spark.duckdb"
    with tacitus.open(str(on_duckdb)) as store:
        for layout, (source, year) in LISTS_2013.items():
            import_file(store, get_layout(layout), str(_rows_of_2013(source, year, tmp_path / source.name)))
    shutil.copyfile(on_duckdb, on_spark)
    with tacitus.open(str(on_duckdb)) as store:
        summary = resolve(store)
        expected = store.sql("SELECT record_key, event_id, match_weight, link_reason FROM records ORDER BY 1")
    result = CliRunner().invoke(resolve_command, ["--db", str(on_spark), "--engine", "spark",
                                                  "--spark-master", str(spark.sparkContext.master)])
    assert result.exit_code == 0, result.output
    with tacitus.open(str(on_spark)) as store:
        got = store.sql("SELECT record_key, event_id, match_weight, link_reason FROM records ORDER BY 1")
        history = store.sql("SELECT detail FROM event_history WHERE action = 'resolved'")["detail"]
    assert summary.records == 400 and set(summary.merges_by_pair) >= {"pbc_suicide+ucdp_ged", "pbc_drones+ucdp_ged"}
    duckdb_links, spark_links = (linked_pairs(dict(zip(f["record_key"], f["event_id"], strict=True)))
                                 for f in (expected, got))
    assert len(duckdb_links) >= 25
    assert pair_agreement(duckdb_links, spark_links) >= 0.99
    pd.testing.assert_frame_equal(got, expected)  # events, and each record's stored weight and explanation
    assert {json.loads(detail)["engine"] for detail in history} == {"spark"}


def test_indicators_on_spark_equal_duckdb(spark: Any, ged_store: Path) -> None:
    with tacitus.open(str(ged_store)) as store:
        filters = {"actor": "TTP", "start": "2008-01-01", "end": "2014-12-31"}
        expected = (counts(store, "quarter", **filters), target_hardness(store, "year", **filters))
        with on_spark(store, session=spark):
            got = (counts(store, "quarter", **filters), target_hardness(store, "year", **filters))
    assert expected[0]["events"].sum() > 100
    for want, have in zip(expected, got, strict=True):
        pd.testing.assert_frame_equal(have, want, check_dtype=False)


def test_stats_command_on_spark(spark: Any, ged_store: Path) -> None:
    args = ["--db", str(ged_store), "--by", "year", "--with", "fragmentation", "--format", "csv"]
    default = CliRunner().invoke(stats_command, args)
    spark_run = CliRunner().invoke(stats_command, [*args, "--engine", "spark"])
    assert spark_run.exit_code == 0, spark_run.output
    assert spark_run.stdout == default.stdout
    assert len(default.stdout.splitlines()) > 20
