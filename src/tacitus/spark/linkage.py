"""Linkage parity between engines: one Splink model, run on DuckDB and on Spark, compared by the pairs it links.

Why a fixed model and not training on each engine: Splink's u estimation samples random pairs with each engine's
own random function, so two trainings differ by sampling noise even when the SQL is the same. Parity of the
*engines* is measured with the same settings (trained once, or the configured priors) on both; training on a
cluster is then a question of sample size, not of engine.
"""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd
from splink import SettingsCreator
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

from tacitus.resolve.comparisons import comparisons
from tacitus.resolve.config import ResolveConfig
from tacitus.resolve.linkage import blocking_rule


def resolver_settings(config: ResolveConfig) -> SettingsCreator:
    """The resolver's Splink model before training: its comparisons, blocking rules and configured prior.

    Built from `tacitus.resolve.linkage` so that parity is measured on the model resolution really uses.
    """
    model: list[ComparisonCreator | dict[str, Any]] = [*comparisons(config)]
    rules: list[BlockingRuleCreator | dict[str, Any]] = [blocking_rule(config)]
    return SettingsCreator(
        link_type="link_and_dedupe",
        unique_id_column_name="unique_id",
        source_dataset_column_name="source_dataset",
        probability_two_random_records_match=config.prior_match_probability,
        comparisons=model,
        blocking_rules_to_generate_predictions=rules,
    )


def linked_pairs(features: pd.DataFrame, settings: Any, db_api: Any, threshold_match_weight: float) -> set[
    tuple[str, str]
]:
    """Record pairs (unique_id_l < unique_id_r) the model scores at or above the threshold on `db_api`."""
    from splink import Linker

    # No table name: Splink then names the input itself, which lets one engine (a long-lived Spark session) run
    # this again without a name clash.
    table = db_api.register(features.sort_values("unique_id", kind="stable").reset_index(drop=True))
    linker = Linker(table, settings, log_level=logging.ERROR)
    scored = linker.inference.predict(threshold_match_weight=threshold_match_weight, warning_mode="never")
    frame = scored.as_pandas_dataframe()
    return {(min(a, b), max(a, b)) for a, b in zip(frame["unique_id_l"], frame["unique_id_r"], strict=True)}


def pair_agreement(first: set[tuple[str, str]], second: set[tuple[str, str]]) -> float:
    """Pairs both engines link / pairs either links (Jaccard); 1.0 when neither links anything."""
    union = first | second
    return len(first & second) / len(union) if union else 1.0
