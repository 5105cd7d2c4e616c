"""Event filters shared by `Store.events`, `tacitus query`, `tacitus export` and the analysis functions.

One definition of what "actor=TTP, 2014, in FATA" means keeps the CLI, the Python API and the report in
agreement.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tacitus.actors import get_actors, normalize_name

# Filters whose value is compared for equality with the column of the same name (case-insensitively for text).
_EQUALITY = (
    "admin1",
    "admin2",
    "place",
    "country",
    "country_code",
    "event_type",
    "sub_event_type",
    "attack_type",
    "target_type",
    "type_of_violence",
    "perpetrator_id",
    "review_status",
)
FILTER_NAMES = ("start", "end", "actor", "factions", "dataset", "event_id", *_EQUALITY)


@dataclass(frozen=True)
class Where:
    """A SQL condition over the events table (aliased `e`) and its parameters."""

    sql: str
    params: list[Any]


def as_date(value: object, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if name == "end" and size < 10:  # an end of "2014" or "2014-06" means the whole year / month
            # Counted within the period, not as "the next one minus a day", so 9999-12 ends on 9999-12-31.
            month = 12 if size == 4 else day.month
            return day.replace(month=month, day=calendar.monthrange(day.year, month)[1])
        return day
    raise ValueError(f"filter {name!r}: {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")


def listify(value: object) -> list[Any]:
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return [value]


def actor_match(actor: object, factions: bool, names: Iterable[str]) -> tuple[set[str], list[str]]:
    """Actor ids and the stored surface names that a query for `actor` (one name or several) matches.

    The dictionary expands the actor (with its factions unless told otherwise) to folded names; every stored
    name that folds to one of them matches. SQL filters and the Ibis analysis both use this, so they agree.
    """
    ids: set[str] = set()
    folded: set[str] = set()
    for one in listify(actor):
        more_ids, more_names = get_actors().expand(str(one), factions=factions)
        ids |= more_ids
        folded |= more_names
    return ids, sorted(n for n in names if normalize_name(n) in folded)


def build_where(filters: dict[str, Any], distinct_actor_names: Callable[[], Sequence[str]]) -> Where:
    """Translate keyword filters into SQL.

    `distinct_actor_names` returns every actor name in the store; actor matching happens in Python with the
    dictionary's name folding, then becomes an IN list, so each backend needs no folding function of its own.
    """
    unknown = set(filters) - set(FILTER_NAMES)
    if unknown:
        raise ValueError(f"unknown filter(s): {', '.join(sorted(unknown))}; known: {', '.join(FILTER_NAMES)}")
    parts: list[str] = []
    params: list[Any] = []
    if filters.get("start") is not None:
        parts.append("e.date >= ?")
        params.append(as_date(filters["start"], "start"))
    if filters.get("end") is not None:
        parts.append("e.date <= ?")
        params.append(as_date(filters["end"], "end"))
    for name in _EQUALITY:
        value = filters.get(name)
        if value is None:
            continue
        values = listify(value)
        marks = ", ".join("?" for _ in values)
        if name == "type_of_violence":
            parts.append(f"e.type_of_violence IN ({marks})")
            params.extend(int(v) for v in values)
        else:
            parts.append(f"lower(e.{name}) IN ({marks})")
            params.extend(str(v).lower() for v in values)
    if filters.get("event_id") is not None:
        wanted = listify(filters["event_id"])
        parts.append(f"e.event_id IN ({', '.join('?' for _ in wanted)})")
        params.extend(wanted)
    if filters.get("dataset") is not None:
        sets = listify(filters["dataset"])
        parts.append(
            "e.event_id IN (SELECT event_id FROM records WHERE dataset IN (" + ", ".join("?" for _ in sets) + "))"
        )
        params.extend(sets)
    if filters.get("actor") is not None:
        ids, surface = actor_match(filters["actor"], bool(filters.get("factions", True)), distinct_actor_names())
        alternatives = []
        if surface:
            marks = ", ".join("?" for _ in surface)
            alternatives += [f"e.{column} IN ({marks})" for column in ("perpetrator", "actor1", "actor2")]
            params.extend(surface * 3)
        if ids:
            alternatives.append(f"e.perpetrator_id IN ({', '.join('?' for _ in ids)})")
            params.extend(sorted(ids))
        parts.append("(" + " OR ".join(alternatives) + ")" if alternatives else "FALSE")
    return Where(" AND ".join(parts) if parts else "TRUE", params)
