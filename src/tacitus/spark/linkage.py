"""Linkage parity between engines: resolution on DuckDB and on Spark, compared by the record pairs they link.

Resolution itself has no Spark code: `tacitus.resolve.resolve(store, engine="spark")` hands the same Splink
model, trained once on the driver, to Splink's Spark backend for blocking and scoring (tacitus.engines). What can
differ between engines is only what their SQL computes, so parity is measured on the links they produce.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping


def linked_pairs(event_of: Mapping[str, str]) -> set[tuple[str, str]]:
    """Record pairs (smaller key first) in one event, from record key → event (or cluster) id."""
    members: dict[str, list[str]] = {}
    for key, event in event_of.items():
        members.setdefault(event, []).append(key)
    return {(a, b) for keys in members.values() for a, b in itertools.combinations(sorted(keys), 2)}


def pair_agreement(first: set[tuple[str, str]], second: set[tuple[str, str]]) -> float:
    """Pairs both engines link / pairs either links (Jaccard); 1.0 when neither links anything."""
    union = first | second
    return len(first & second) / len(union) if union else 1.0
