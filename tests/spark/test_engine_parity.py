"""Spark local mode gives what the default engines give: the same events from extraction, the same linked pairs
from Splink, the same indicators from Ibis. Small inputs; one SparkSession for all (see conftest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from splink import SettingsCreator

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
from tacitus.resolve.linkage import blocking_rules, comparisons
from tacitus.spark.analysis import on_spark
from tacitus.spark.extract import pipe_spark
from tacitus.spark.linkage import linked_pairs, pair_agreement
from tacitus.store.base import Document

pytestmark = pytest.mark.spark
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


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


def _perturbed_pairs(ged_store: Path, n: int = 300, seed: int = 11) -> pd.DataFrame:
    """GED records of 2013-2014 and a second dataset of noisy copies of some of them (dates a day off, points
    moved, tolls changed, fields dropped): hundreds of candidate pairs on both sides of the threshold."""
    with tacitus.open(str(ged_store)) as store:
        records = store.sql("SELECT * FROM records WHERE date BETWEEN ? AND ? ORDER BY record_key",
                            ["2013-01-01", "2014-12-31"])
    features = linkage_frame(records)
    rng = np.random.default_rng(seed)
    copies = features.sample(n=n, random_state=seed).copy()
    copies["unique_id"] = "copy:" + copies["unique_id"]
    copies["source_dataset"] = "copies"
    copies["day"] = copies["day"] + pd.array(rng.choice([0, 0, 0, 1, -1], size=n), dtype="Int64")
    copies["lat"] = copies["lat"] + rng.normal(0, 0.05, size=n)
    copies["lon"] = copies["lon"] + rng.normal(0, 0.05, size=n)
    copies["killed_hi"] = copies["killed_hi"] + pd.array(rng.integers(0, 6, size=n), dtype="Int64")
    for column in ("kind", "perpetrator", "admin2"):
        copies.loc[rng.random(n) < 0.3, column] = None
    return pd.concat([features, copies], ignore_index=True)


def test_splink_links_the_same_pairs_on_spark_and_duckdb(spark: Any, ged_store: Path) -> None:
    config = load_config()
    features = _perturbed_pairs(ged_store)
    settings = SettingsCreator(  # the resolver's model: its comparisons, blocking rules and prior
        link_type="link_and_dedupe",
        unique_id_column_name="unique_id",
        source_dataset_column_name="source_dataset",
        probability_two_random_records_match=config.prior_match_probability,
        comparisons=comparisons(config),
        blocking_rules_to_generate_predictions=blocking_rules(config),
    )
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
