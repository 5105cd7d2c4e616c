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
Review claims (corrections made in the workbench, `source_kind = "review"`) rank above every record: the latest
review of a field is the event's value (`apply_review`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from tacitus.model import CODED_FIELDS
from tacitus.values import plain

# Dataset records without a report time, most authoritative first; unlisted datasets follow in name order.
DATASET_PRECEDENCE = ("ucdp_ged", "gtd", "acled", "tbij_drones", "pbc_suicide", "pbc_drones")
TOLLS = (("killed_low", "killed_best", "killed_high"), ("wounded_low", "wounded_best", "wounded_high"))
_TOLL_FIELDS = {f for triple in TOLLS for f in triple}


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


def _descending(text: str) -> tuple[int, ...]:
    """A sort key that orders strings from last to first (ISO times compare as text)."""
    return (*(-ord(c) for c in text), 0)


def _precedence(row: dict[str, Any]) -> tuple[bool, tuple[int, ...], int, str, str]:
    dataset = str(plain(row.get("dataset")) or "")
    rank = DATASET_PRECEDENCE.index(dataset) if dataset in DATASET_PRECEDENCE else len(DATASET_PRECEDENCE)
    reported = plain(row.get("reported_at"))
    return (reported is None, _descending("" if reported is None else str(reported)), rank, dataset,
            str(plain(row.get("record_key")) or ""))


def precedence_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records sorted latest report first, then by dataset precedence, then by record key."""
    return sorted(rows, key=_precedence)


def derive_values(rows: list[dict[str, Any]], reviewed: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Event values from its records given as dicts (codebook fields, `dataset`, `record_key`, `reported_at`).

    Records are put in precedence order (module docstring) before any value is taken. This is the form the
    store uses when it re-derives thousands of events at once; `derive_event` takes a DataFrame. `reviewed`
    holds the event's review claims (field → the latest reviewer's value) and outranks them all: `apply_review`.
    """
    ordered = precedence_order(rows)
    present = set().union(*(row.keys() for row in rows)) if rows else set()
    out: dict[str, Any] = {}
    for name in CODED_FIELDS:
        if name in _TOLL_FIELDS or name not in present:
            continue
        out[name] = next((v for v in (plain(row.get(name)) for row in ordered) if v is not None), None)
    for low_f, best_f, high_f in TOLLS:
        out[low_f], out[best_f], out[high_f] = toll_range(
            [plain(row.get(low_f)) for row in ordered],
            [plain(row.get(best_f)) for row in ordered],
            [plain(row.get(high_f)) for row in ordered],
        )
    out["source_count"] = len(rows)
    return apply_review(out, reviewed or {})


def apply_review(values: dict[str, Any], reviewed: Mapping[str, Any]) -> dict[str, Any]:
    """Reviewers outrank machines: a field a person corrected takes the person's value, even when it is empty.

    A corrected best toll keeps its range consistent: a low above it or a high below it (from machine claims the
    reviewer overruled) moves to the best, unless the reviewer set that bound too.
    """
    out = {**values, **reviewed}
    for low_f, best_f, high_f in TOLLS:
        best = out.get(best_f)
        if best_f not in reviewed or best is None:
            continue
        if low_f not in reviewed and (out.get(low_f) is None or out[low_f] > best):
            out[low_f] = best
        if high_f not in reviewed and (out.get(high_f) is None or out[high_f] < best):
            out[high_f] = best
    return out


def derive_event(records: pd.DataFrame) -> dict[str, Any]:
    """Event values from its records (rows with codebook columns, plus `reported_at` if known)."""
    return derive_values([{str(k): v for k, v in row.items()} for row in records.to_dict("records")])
