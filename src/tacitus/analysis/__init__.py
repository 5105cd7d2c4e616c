"""Conflict indicators over any filter and frequency, as DataFrames (Jupyter-friendly), and change detection.

    >>> import tacitus
    >>> from tacitus.analysis import counts, target_hardness
    >>> with tacitus.open("out/demo.duckdb") as store:              # doctest: +SKIP
    ...     counts(store, "year", actor="TTP")                       # events, killed low/best/high, lethality
    ...     target_hardness(store, "quarter", actor="TTP", start=2010)

Every function takes a store, a frequency (month / quarter / year) and the store's filters (actor — with its
factions unless factions=False — admin1/admin2, start/end, event_type, …). The arithmetic is Ibis expressions
(`tacitus.analysis.source`), so it compiles to the SQL of whichever engine holds the events. docs/analysis.md
gives every formula.
"""

from tacitus.analysis.change import (
    Breaks,
    Effect,
    count_trend,
    level_difference,
    level_trend,
    mean_ratio,
    rate_ratio,
    share_difference,
    share_trend,
    structural_breaks,
)
from tacitus.analysis.conflict_index import conflict_index
from tacitus.analysis.drones import drone_strikes
from tacitus.analysis.geography import cell_diffusion, diffusion, region_counts
from tacitus.analysis.groups import fragmentation, group_counts
from tacitus.analysis.indicators import INDICATORS, Indicator, event_values, get_indicator
from tacitus.analysis.sectarian import sectarian_share
from tacitus.analysis.series import counts
from tacitus.analysis.source import events_table
from tacitus.analysis.targets import target_hardness

__all__ = [
    "INDICATORS",
    "Breaks",
    "Effect",
    "Indicator",
    "cell_diffusion",
    "conflict_index",
    "count_trend",
    "counts",
    "diffusion",
    "drone_strikes",
    "event_values",
    "events_table",
    "fragmentation",
    "get_indicator",
    "group_counts",
    "level_difference",
    "level_trend",
    "mean_ratio",
    "rate_ratio",
    "region_counts",
    "sectarian_share",
    "share_difference",
    "share_trend",
    "structural_breaks",
    "target_hardness",
]
