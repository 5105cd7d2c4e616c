"""How an event's values follow from its records: the documented low/best/high rule and field precedence.

Rule (docs/codebook.md, "Tolls"; docs/resolution.md):
- low  = the smallest figure any record gives as its own low or best (the most conservative credible figure);
- best = the best figure of the first record in precedence order (below): the latest report, else the most
         curated dataset;
- high = the largest figure any record gives as its own high or best.
Precedence order: records with a report time first, most recent first (early counts of an attack are corrected
upwards over days: "at least 84" becomes 145 — the latest report is the best-informed); then dataset records
by `DATASET_PRECEDENCE` (datasets that code a best estimate of their own — UCDP GED, GTD, ACLED — before the
lists that give only a min/max range, whose importers take the minimum as best); then by record key, so the
result never depends on the order rows were read. Other fields take the first non-null value in that order, so
a field one source leaves empty is filled by another rather than lost. Every record keeps its own claims;
nothing here deletes.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tacitus.model import CODED_FIELDS

# Dataset records without a report time, most authoritative first; unlisted datasets follow in name order.
DATASET_PRECEDENCE = ("ucdp_ged", "gtd", "acled", "tbij_drones", "pbc_suicide", "pbc_drones")
TOLLS = (("killed_low", "killed_best", "killed_high"), ("wounded_low", "wounded_best", "wounded_high"))
_TOLL_FIELDS = {f for triple in TOLLS for f in triple}


def _clean(value: Any) -> Any:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    return value.item() if hasattr(value, "item") else value


def toll_range(lows: list[int | None], bests: list[int | None], highs: list[int | None]) -> tuple[Any, Any, Any]:
    """Combine per-record (low, best, high) lists, ordered most recent first, into one range.

    best is the first (most recent) non-null best; low/high widen to the extremes, and the range is kept
    consistent (low <= best <= high) even when a source gives only one figure.
    """
    best = next((b for b in bests if b is not None), None)
    candidates_low = [v for v in (*lows, *bests) if v is not None]
    candidates_high = [v for v in (*highs, *bests) if v is not None]
    low = min(candidates_low) if candidates_low else None
    high = max(candidates_high) if candidates_high else None
    return low, best, high


def precedence_order(records: pd.DataFrame) -> pd.DataFrame:
    """Records sorted latest report first, then by dataset precedence, then by record key."""
    n = len(DATASET_PRECEDENCE)
    keys = pd.DataFrame(index=records.index)
    reported = records["reported_at"] if "reported_at" in records.columns else pd.Series(None, index=records.index)
    keys["unreported"] = reported.isna()
    keys["reported"] = reported.astype("string").fillna("")
    datasets = records["dataset"] if "dataset" in records.columns else pd.Series("", index=records.index)
    keys["rank"] = [DATASET_PRECEDENCE.index(d) if d in DATASET_PRECEDENCE else n for d in datasets]
    keys["dataset"] = datasets.astype("string").fillna("")
    keys["key"] = (records["record_key"] if "record_key" in records.columns else pd.Series("", index=records.index))
    keys = keys.sort_values(
        ["unreported", "reported", "rank", "dataset", "key"],
        ascending=[True, False, True, True, True],
        kind="stable",
    )
    return records.loc[keys.index]


def derive_event(records: pd.DataFrame) -> dict[str, Any]:
    """Event values from its records (rows with codebook columns, plus `reported_at` if known).

    Records are put in precedence order (module docstring) before any value is taken.
    """
    ordered = precedence_order(records)
    out: dict[str, Any] = {}
    for name in CODED_FIELDS:
        if name in _TOLL_FIELDS or name not in ordered.columns:
            continue
        out[name] = next((_clean(v) for v in ordered[name] if _clean(v) is not None), None)
    for low_f, best_f, high_f in TOLLS:
        out[low_f], out[best_f], out[high_f] = toll_range(
            [_clean(v) for v in ordered[low_f]],
            [_clean(v) for v in ordered[best_f]],
            [_clean(v) for v in ordered[high_f]],
        )
    out["source_count"] = len(records)
    return out
