"""Events as an Ibis table, filtered with the same meaning as `Store.events(**filters)`.

Every indicator is an Ibis expression over this table, so the arithmetic is written once and compiled to SQL for
whichever engine holds the events (DuckDB by default; PostgreSQL or Spark once a store exposes an Ibis backend).

Not engine-neutral yet:
- `backend(store)` wraps the DuckDB connection of `DuckDBStore`; other stores need their own `ibis.<engine>.connect`,
  or `backend_override` (how `tacitus.spark.analysis` runs the same indicators on Spark over Parquet exports).
- Actor matching folds names in Python (`tacitus.store.filters.actor_match`, shared with `build_where`) over the
  store's distinct names and then filters with an IN list; that runs on every engine but costs one small
  distinct-names query.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ibis
import ibis.expr.types as ir

from tacitus.store import Store
from tacitus.store.filters import FILTER_NAMES, actor_match, as_date, expand_vocabulary, listify

_EQUALITY = tuple(n for n in FILTER_NAMES if n not in {"start", "end", "actor", "factions", "dataset", "event_id"})
ACTOR_COLUMNS = ("perpetrator", "actor1", "actor2")


_BACKENDS: weakref.WeakKeyDictionary[Store, Any] = weakref.WeakKeyDictionary()


def backend(store: Store) -> Any:
    """The Ibis backend over a store's own connection (no copy, no second connection to the file), made once
    per store: wrapping the connection reads the catalogue, which a report would otherwise do dozens of times."""
    if store not in _BACKENDS:
        con = getattr(store, "con", None)
        if con is None:
            raise NotImplementedError(f"{type(store).__name__}: analysis needs an Ibis backend for this store")
        _BACKENDS[store] = ibis.duckdb.from_connection(con)
    return _BACKENDS[store]


@contextmanager
def backend_override(store: Store, con: Any) -> Iterator[None]:
    """Within the block, every indicator on `store` runs on the Ibis backend `con`, which must hold tables named
    `events` and `records` with the store's columns (a copy of them elsewhere: Spark over Parquet, say)."""
    previous = _BACKENDS.get(store)
    _BACKENDS[store] = con
    try:
        yield
    finally:
        if previous is None:
            _BACKENDS.pop(store, None)
        else:
            _BACKENDS[store] = previous


def actor_names(events: ir.Table) -> list[str]:
    """Every distinct actor name in the events (perpetrator and both sides)."""
    parts = [events.select(n=events[c]) for c in ACTOR_COLUMNS]
    union = parts[0].union(*parts[1:], distinct=True)
    return [str(v) for v in union.filter(union.n.notnull()).n.to_pyarrow().to_pylist()]


def apply_filters(events: ir.Table, records: ir.Table | None, filters: dict[str, Any]) -> ir.Table:
    """Filter an events table like `build_where` filters SQL (dates inclusive; text equality ignores case)."""
    unknown = set(filters) - set(FILTER_NAMES)
    if unknown:
        raise ValueError(f"unknown filter(s): {', '.join(sorted(unknown))}; known: {', '.join(FILTER_NAMES)}")
    filters = expand_vocabulary(filters)
    predicates: list[ir.BooleanValue] = []
    if filters.get("start") is not None:
        predicates.append(events.date >= as_date(filters["start"], "start"))
    if filters.get("end") is not None:
        predicates.append(events.date <= as_date(filters["end"], "end"))
    for name in _EQUALITY:
        value = filters.get(name)
        if value is None:
            continue
        if name == "type_of_violence":
            predicates.append(events.type_of_violence.isin([int(v) for v in listify(value)]))
        else:
            predicates.append(events[name].lower().isin([str(v).lower() for v in listify(value)]))
    if filters.get("event_id") is not None:
        predicates.append(events.event_id.isin([str(v) for v in listify(filters["event_id"])]))
    if filters.get("dataset") is not None:
        if records is None:
            raise ValueError("filter 'dataset' needs the records table")
        wanted = records.filter(records.dataset.lower().isin([str(v).lower() for v in listify(filters["dataset"])]))
        predicates.append(events.event_id.isin(wanted.event_id))
    if filters.get("actor") is not None:
        ids, surface = actor_match(filters["actor"], bool(filters.get("factions", True)), actor_names(events))
        alternatives = [events[c].isin(surface) for c in ACTOR_COLUMNS] if surface else []
        if ids:
            alternatives.append(events.perpetrator_id.isin(sorted(ids)))
        predicate = ibis.literal(False)
        for alternative in alternatives:
            predicate = predicate | alternative
        predicates.append(predicate)
    return events.filter(*predicates) if predicates else events


def events_table(store: Store, **filters: Any) -> ir.Table:
    """The store's events, filtered: the input of every indicator (see `tacitus.store.filters` for the filters)."""
    con = backend(store)
    return apply_filters(con.table("events"), con.table("records"), filters)
