"""Fragmentation: how many armed groups or factions are active, and how concentrated the violence is among them.

An event's groups are the non-state armed actors among its perpetrator and both sides, named by the actor
dictionary's label so that spellings of one group count once ("TTP - TA" and "Tariq Afridi group" are one
faction). States, state forces, civilians and "Unknown" are not groups. With an actor filter, only that actor and
its factions count: "has the TTP splintered?" is about TTP factions, not about the groups the TTP fights.

Concentration is the Herfindahl–Hirschman index over groups' shares of group-events (an event with two groups
counts once for each): 1 when one group does everything, 1/n when n groups share equally; its inverse is the
"effective number" of groups.
"""

from __future__ import annotations

from typing import Any, Final

import ibis.expr.types as ir
import pandas as pd

from tacitus.actors import get_actors
from tacitus.analysis.series import per_period, period_label, span_of, truncate
from tacitus.analysis.source import ACTOR_COLUMNS, actor_match, actor_names, events_table
from tacitus.model import UNKNOWN_ACTOR
from tacitus.store import Store

NOT_GROUPS: Final = frozenset({"state", "state_force", "civilians"})


def group_labels(names: list[str], within: object = None, factions: bool = True) -> dict[str, str]:
    """Stored actor name → group label, for the names that are non-state armed groups (within an actor if given)."""
    allowed = set(actor_match(within, factions, names)[1]) if within is not None else None
    labels: dict[str, str] = {}
    for name in names:
        if name == UNKNOWN_ACTOR or (allowed is not None and name not in allowed):
            continue
        actor = get_actors().lookup(name)
        if actor is None:
            if not name.startswith("Government of") and name != "Civilians":
                labels[name] = name
        elif actor.kind not in NOT_GROUPS:
            labels[name] = actor.label
    return labels


def event_groups(events: ir.Table, within: object = None, factions: bool = True) -> ir.Table:
    """One row per (event, group): event_id, date, group."""
    labels = group_labels(actor_names(events), within, factions)
    parts = [events.select("event_id", "date", name=events[c]) for c in ACTOR_COLUMNS]
    long = parts[0].union(*parts[1:], distinct=True)
    long = long.filter(long.name.isin(list(labels)))
    return long.mutate(group=long.name.substitute(labels)).select("event_id", "date", "group").distinct()


def group_counts(store: Store, by: str = "year", **filters: Any) -> pd.DataFrame:
    """Events per period and group (long format: period, group, events): the data of small multiples by actor."""
    events = events_table(store, **filters)
    pairs = event_groups(events, filters.get("actor"), bool(filters.get("factions", True)))
    frame = pairs.group_by(period_start=truncate(pairs.date, by), group=pairs.group).aggregate(
        events=pairs.count()
    ).to_pandas()
    if frame.empty:
        # Typed, so callers can rank groups (nlargest) on a store where no armed group is named.
        return pd.DataFrame({"period": pd.Series(dtype=object), "group": pd.Series(dtype=object),
                             "events": pd.Series(dtype="int64")})
    frame.insert(0, "period", period_label(frame.pop("period_start"), by))
    return frame.sort_values(["period", "events", "group"], ascending=[True, False, True]).reset_index(drop=True)


def fragmentation(store: Store, by: str = "year", **filters: Any) -> pd.DataFrame:
    """Per period: distinct active groups, group-events, Herfindahl index and effective number of groups."""
    events = events_table(store, **filters)
    pairs = event_groups(events, filters.get("actor"), bool(filters.get("factions", True)))
    per_group = pairs.group_by(date=truncate(pairs.date, by), group=pairs.group).aggregate(n=pairs.count())
    frame = per_period(
        per_group,
        by,
        {
            "groups": lambda t: t.count(),
            "group_events": lambda t: t.n.sum(),
            "_squares": lambda t: (t.n * t.n).sum(),
        },
        zero=("groups", "group_events"),
        span=span_of(filters),
    )
    frame["groups"] = frame["groups"].astype("int64")
    frame["group_events"] = frame["group_events"].astype("int64")
    total = frame["group_events"].astype("float64")
    frame["hhi"] = (frame.pop("_squares").astype("float64") / (total * total).where(total > 0)).round(4)
    frame["effective_groups"] = (1 / frame["hhi"]).round(2)
    return frame
