"""Weights from reviewers' labels: each dataset pair's m probabilities re-estimated from its confirmed pairs.

m (how often a true match falls in each level of a comparison) is what labels can teach: a confirmed pair is a
true match, so counting the levels confirmed pairs fall in estimates m directly, per dataset pair. The counts
are smoothed towards the configured m priors by `labels.pseudo_count` pseudo-pairs, so a handful of labels
moves the priors rather than replacing them, and a level no labelled pair has seen keeps a small probability.
u is not learnt from labels: rejected pairs are near-misses a reviewer looked at, not random pairs; u stays
estimated from the store by random sampling.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import pandas as pd

from tacitus.resolve.config import LEVELS, ResolveConfig
from tacitus.resolve.linkage import DatasetPair


def fit_m_from_labels(
    pairs: pd.DataFrame, confirmed: Collection[frozenset[str]], dataset_of: Mapping[str, str], config: ResolveConfig
) -> dict[DatasetPair, dict[str, list[float]]]:
    """Dataset pair → comparison → m per level (most specific first), from the scored confirmed pairs."""
    wanted = {p for p in confirmed if len(p) == 2}
    rows = [row for row in pairs.to_dict("records")
            if frozenset((str(row["unique_id_l"]), str(row["unique_id_r"]))) in wanted]
    out: dict[DatasetPair, dict[str, list[float]]] = {}
    by_pair: dict[DatasetPair, list[dict[Any, Any]]] = {}
    for row in rows:
        a, b = sorted((dataset_of[str(row["unique_id_l"])], dataset_of[str(row["unique_id_r"])]))
        by_pair.setdefault((a, b), []).append(row)
    pseudo = config.label_pseudo_count
    for pair, labelled in sorted(by_pair.items()):
        fitted: dict[str, list[float]] = {}
        for name, levels in LEVELS.items():
            counts = [0.0] * levels
            for row in labelled:
                gamma = int(row[f"gamma_{name}"])
                if gamma >= 0:
                    counts[levels - 1 - gamma] += 1
            total = sum(counts)
            prior = config.comparisons[name]["m"]
            # a floor keeps every level possible: a level no labelled match fell in is rare, not impossible
            raw = [(c + pseudo * p) / (total + pseudo) if total + pseudo else p for c, p in zip(counts, prior,
                                                                                               strict=True)]
            floored = [max(v, 1e-4) for v in raw]
            fitted[name] = [v / sum(floored) for v in floored]
        out[pair] = fitted
    return out
