"""The indicators by name: what `tacitus stats --with`, claims files and the report refer to.

Each indicator says which per-period table holds it (and its interval or range columns, for charts), what kind of
quantity it is — which decides how a change in it is estimated (`tacitus.analysis.change`) — and, for counts,
shares and means, its value for a single event, so before/after comparisons can resample events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import ibis
import ibis.expr.types as ir
import pandas as pd

from tacitus.analysis.conflict_index import conflict_index
from tacitus.analysis.drones import DRONE_STRIKE, drone_strikes
from tacitus.analysis.geography import cell_diffusion, diffusion, in_core
from tacitus.analysis.groups import fragmentation
from tacitus.analysis.sectarian import sectarian_flag, sectarian_share
from tacitus.analysis.series import counts
from tacitus.analysis.source import events_table
from tacitus.analysis.targets import hardness_flags, target_hardness
from tacitus.store import Store

Kind = Literal["count", "share", "mean", "level"]
EventValue = Callable[[ir.Table], ir.Value]


@dataclass(frozen=True)
class Indicator:
    """One named quantity per period (see the module docstring)."""

    name: str
    label: str
    kind: Kind
    table: Callable[..., pd.DataFrame]  # (store, by, **filters) -> per-period frame
    column: str
    low: str | None = None
    high: str | None = None
    value: EventValue | None = None
    filters: dict[str, Any] = field(default_factory=dict)
    yearly_only: bool = False

    def frame(self, store: Store, by: str = "year", **filters: Any) -> pd.DataFrame:
        """The per-period table this indicator lives in, with the indicator's own filters applied."""
        wanted = {**filters, **self.filters}
        if self.yearly_only:
            return self.table(store, **wanted)
        return self.table(store, by, **wanted)


def _one(events: ir.Table) -> ir.Value:
    return ibis.literal(1)


def _as_count(flag: Callable[[ir.Table], ir.BooleanValue]) -> EventValue:
    return lambda t: flag(t).fill_null(False).cast("int64")


INDICATORS: Final[dict[str, Indicator]] = {
    i.name: i
    for i in (
        Indicator("events", "events", "count", counts, "events", value=_one),
        Indicator("killed", "killed (best, low–high)", "count", counts, "killed_best", "killed_low",
                  "killed_high", value=lambda t: t.killed_best.fill_null(0)),
        Indicator("wounded", "wounded (best, low–high)", "count", counts, "wounded_best", "wounded_low",
                  "wounded_high", value=lambda t: t.wounded_best.fill_null(0)),
        Indicator("lethality", "killed per event", "mean", counts, "lethality_best", "lethality_low",
                  "lethality_high", value=lambda t: t.killed_best),
        Indicator("hard_share", "share of events against hard targets", "share", target_hardness, "hard_share",
                  "hard_share_low", "hard_share_high", value=lambda t: hardness_flags(t)["hard"]),
        Indicator("soft_share", "share of events against soft targets", "share", target_hardness, "soft_share",
                  "soft_share_low", "soft_share_high", value=lambda t: hardness_flags(t)["soft"]),
        Indicator("danger_to_civilians", "events against soft targets", "count", target_hardness, "soft",
                  value=_as_count(lambda t: hardness_flags(t)["soft"])),
        Indicator("outside_core_share", "share of events outside FATA", "share", diffusion, "outside_core_share",
                  "outside_core_share_low", "outside_core_share_high", value=lambda t: ~in_core(t)),
        Indicator("admin2_units", "districts/agencies with events", "level", diffusion, "admin2_units"),
        Indicator("standard_distance_km", "standard distance (km)", "level", diffusion, "standard_distance_km"),
        Indicator("cell_diffusion", "share of active 10×10 km cells with ≥10 events", "level", cell_diffusion,
                  "diffusion", yearly_only=True),
        Indicator("sectarian_share", "share of sectarian events", "share", sectarian_share, "sectarian_share",
                  "sectarian_share_low", "sectarian_share_high", value=sectarian_flag),
        Indicator("sectarian_events", "sectarian events", "count", sectarian_share, "sectarian",
                  value=_as_count(sectarian_flag)),
        Indicator("groups", "active groups or factions", "level", fragmentation, "groups"),
        Indicator("hhi", "concentration among groups (Herfindahl)", "level", fragmentation, "hhi"),
        Indicator("drone_strikes", "drone strikes (range across datasets)", "count", drone_strikes, "strikes",
                  "strikes_low", "strikes_high", value=_one, filters={"sub_event_type": DRONE_STRIKE}),
    )
}

# Tables `tacitus stats --with NAME` adds beside the base counts.
TABLES: Final[dict[str, Callable[..., pd.DataFrame]]] = {
    "targets": target_hardness,
    "diffusion": diffusion,
    "fragmentation": fragmentation,
    "sectarian": sectarian_share,
    "drones": drone_strikes,
}
YEARLY_TABLES: Final[dict[str, Callable[..., pd.DataFrame]]] = {"cells": cell_diffusion, "index": conflict_index}


def get_indicator(name: str) -> Indicator:
    try:
        return INDICATORS[name]
    except KeyError:
        raise ValueError(f"unknown indicator {name!r}; known: {', '.join(INDICATORS)}") from None


def event_values(store: Store, indicator: Indicator, **filters: Any) -> pd.DataFrame:
    """Event-level `date` and `value` of a count, share or mean indicator (NULL values dropped)."""
    if indicator.value is None:
        raise ValueError(f"indicator {indicator.name!r} is a per-period level, not a value per event")
    events = events_table(store, **{**filters, **indicator.filters})
    frame = events.select(date=events.date, value=indicator.value(events)).to_pandas()
    frame = frame.dropna(subset=["value"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["value"] = frame["value"].astype("float64")
    return frame.sort_values("date").reset_index(drop=True)
