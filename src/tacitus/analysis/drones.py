"""Drone strikes per period, with ranges: of the toll (low/best/high) and of the count across datasets.

A strike is an event with ACLED sub-event type "Air/drone strike" (the GED importer sets it for the United
States' side in Pakistan; drone-list importers set it for every row). When several datasets list strikes (GED,
TBIJ, Pakistan Body Count), each counts its own records per period, and `strikes_low`/`strikes_high` are the
smallest and largest of those counts among the datasets listing any strike in that period (a list that ends in
2013 says nothing about 2015, so it must not pull the low end to zero): how much the lists disagree, next to
`strikes`, the resolved events.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd

from tacitus.analysis.series import counts, period_label, truncate
from tacitus.analysis.source import backend, events_table
from tacitus.store import Store

DRONE_STRIKE: Final = "Air/drone strike"


def drone_strikes(store: Store, by: str = "year", **filters: Any) -> pd.DataFrame:
    """Per period: strikes (events), strikes_low/high across datasets, killed low/best/high."""
    wanted = {**filters, "sub_event_type": DRONE_STRIKE}
    base = counts(store, by, **wanted)[["period", "events", "killed_low", "killed_best", "killed_high"]]
    events = events_table(store, **wanted)
    records = backend(store).table("records")
    joined = records.join(events.select("event_id", event_date="date"), "event_id")
    per_dataset = joined.group_by(
        period_start=truncate(joined.event_date, by), dataset=joined.dataset
    ).aggregate(n=joined.event_id.nunique())
    spread = per_dataset.to_pandas()
    frame = base.rename(columns={"events": "strikes"})
    if spread.empty:
        frame["strikes_low"] = frame["strikes"]
        frame["strikes_high"] = frame["strikes"]
    else:
        spread["period"] = period_label(spread["period_start"], by)
        table = spread.pivot_table(index="period", columns="dataset", values="n")
        frame["strikes_low"] = frame["period"].map(table.min(axis=1)).fillna(0).astype("int64")
        frame["strikes_high"] = frame["period"].map(table.max(axis=1)).fillna(0).astype("int64")
    return frame[["period", "strikes", "strikes_low", "strikes_high", "killed_low", "killed_best", "killed_high"]]
