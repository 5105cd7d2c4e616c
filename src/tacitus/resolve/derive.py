"""How an event's values follow from its records: the documented low/best/high rule and field precedence.

Rule (docs/codebook.md, "Tolls"):
- low  = the smallest figure any record gives as its own low (the most conservative credible figure);
- best = the best figure of the most recently reported record (later reports correct early counts), ties broken
         by the larger number of sources behind the record;
- high = the largest figure any record gives as its own high.
Other fields take the first non-null value in record order (most recent report first), so a field one source
leaves empty is filled by another rather than lost. Every record keeps its own claims; nothing here deletes.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tacitus.model import CODED_FIELDS

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


def derive_event(records: pd.DataFrame) -> dict[str, Any]:
    """Event values from its records (rows with codebook columns, plus `reported_at` if known).

    Records are ordered most recent report first; without report times, dataset order is kept.
    """
    ordered = records
    if "reported_at" in records.columns and records["reported_at"].notna().any():
        ordered = records.sort_values("reported_at", ascending=False, na_position="last", kind="stable")
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
