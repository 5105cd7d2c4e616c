"""What every dataset-shaped export (UCDP, GTD, ACLED) shares: original rows first, codebook rows for the rest.

Records imported from the dataset are written back from their original row, so export → import reproduces the
same records and ids; events with no record from that dataset are written from their codebook values, with the
Tacitus event id in the dataset's id column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from tacitus.store.base import Store
from tacitus.values import plain


def cell(value: Any) -> str:
    """A value as a dataset CSV writes it: empty for missing, dates as YYYY-MM-DD, whole floats as ints."""
    value = plain(value)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def shaped_frame(
    store: Store,
    events: pd.DataFrame,
    dataset: str,
    columns: Sequence[str],
    from_codebook: Callable[[dict[str, Any]], dict[str, str]],
) -> pd.DataFrame:
    """One row per `dataset` record of the selected events (its original row), one per event without any."""
    wanted = set(events["event_id"])
    rows: list[dict[str, str]] = []
    covered: set[str] = set()
    records = store.sql("SELECT event_id, raw FROM records WHERE dataset = ? ORDER BY record_key", [dataset])
    for event_id, raw in zip(records["event_id"], records["raw"], strict=True):
        if event_id in wanted and raw:
            rows.append(json.loads(raw))
            covered.add(event_id)
    for event in events.to_dict("records"):
        if event["event_id"] not in covered:
            rows.append(from_codebook({str(k): v for k, v in event.items()}))
    return pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows], columns=list(columns))
