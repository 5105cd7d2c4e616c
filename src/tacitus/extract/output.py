"""Extracted records as output rows (the `tacitus extract --format jsonl` contract) and as a DataFrame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final

import pandas as pd

from tacitus.model import Record

# The interface other tools rely on (DESIGN.md): these keys, in this order, then extras, then evidence.
OUTPUT_KEYS: Final = (
    "doc_id", "event_id", "date", "date_precision", "country", "country_code", "admin1", "admin2", "place",
    "latitude", "longitude", "geo_precision", "event_type", "sub_event_type", "attack_type", "target_type",
    "target", "perpetrator", "perpetrator_id", "claimed", "suicide", "perpetrators_count", "killed_low",
    "killed_best", "killed_high", "wounded_low", "wounded_best", "wounded_high",
)  # fmt: skip
EXTRA_KEYS: Final = (
    "record_id", "date_end", "date_partial", "weapon_type", "attribution", "type_of_violence",
    "perpetrators_killed", "actor1", "inter1", "inter2", "interaction", "background", "success", "coder",
)  # fmt: skip


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def evidence(record: Record) -> dict[str, list[dict[str, Any]]]:
    """Field → the document spans its value rests on, in text order, without repeats."""
    out: dict[str, list[dict[str, Any]]] = {}
    for claim in record.claims:
        if claim.start is None or claim.end is None:
            continue
        spans = out.setdefault(claim.field, [])
        item = {"start": claim.start, "end": claim.end, "text": claim.quote}
        if item not in spans:
            spans.append(item)
    for spans in out.values():
        spans.sort(key=lambda s: (s["start"], s["end"]))
    return out


def event_row(record: Record, with_evidence: bool = True) -> dict[str, Any]:
    """One output object for one reported event."""
    row: dict[str, Any] = {"doc_id": record.doc_id, "event_id": record.event_id}
    for key in (*OUTPUT_KEYS[2:], *EXTRA_KEYS):
        row[key] = record.record_id if key == "record_id" else _plain(record.values.get(key))
    if with_evidence:
        row["evidence"] = evidence(record)
    return row


def records_frame(records: Iterable[Record], with_evidence: bool = False) -> pd.DataFrame:
    """Reported events as a DataFrame with the output columns (evidence as a dict column when asked)."""
    rows = [event_row(r, with_evidence) for r in records]
    columns = [*OUTPUT_KEYS, *EXTRA_KEYS, *(("evidence",) if with_evidence else ())]
    return pd.DataFrame(rows, columns=columns)
