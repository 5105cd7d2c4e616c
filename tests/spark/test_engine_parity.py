"""Spark local mode gives what the default engines give: the same events from extraction, the same linked pairs
from Splink, the same indicators from Ibis. Small inputs; one SparkSession for all (see conftest)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

import tacitus
from tacitus.analysis.cli import stats_command
from tacitus.analysis.series import counts
from tacitus.analysis.targets import target_hardness
from tacitus.engines import splink_db_api
from tacitus.extract import Extractor
from tacitus.extract.cli import extract_command
from tacitus.extract.output import event_row
from tacitus.resolve.config import load_config
from tacitus.resolve.features import linkage_frame
from tacitus.spark.analysis import on_spark
from tacitus.spark.extract import pipe_spark
from tacitus.spark.linkage import linked_pairs, pair_agreement, resolver_settings
from tacitus.store.base import Document

pytestmark = pytest.mark.spark
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "reports"


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


def test_splink_links_the_same_pairs_on_spark_and_duckdb(
    spark: Any, ged_store: Path, bench_module: Callable[[str], ModuleType]
) -> None:
    """GED records of 2013-2014 and 300 noisy copies of them as a second dataset (dates a day off, points moved,
    tolls changed, fields dropped): hundreds of candidate pairs on both sides of the threshold."""
    with tacitus.open(str(ged_store)) as store:
        records = store.sql("SELECT * FROM records WHERE date BETWEEN ? AND ? ORDER BY record_key",
                            ["2013-01-01", "2014-12-31"])
    originals = linkage_frame(records)
    features = pd.concat([originals, bench_module("bench_resolve_scale").noisy_copies(originals, 300, seed=11)])
    config = load_config()
    settings = resolver_settings(config)
    threshold = config.threshold_match_weight
    on_duckdb = linked_pairs(features, settings, splink_db_api("duckdb"), threshold)
    on_spark = linked_pairs(features, settings, splink_db_api("spark", spark=spark), threshold)
    assert len(on_duckdb) >= 150
    assert any(a.startswith("copy:") != b.startswith("copy:") for a, b in on_duckdb)
    assert pair_agreement(on_duckdb, on_spark) >= 0.99


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
