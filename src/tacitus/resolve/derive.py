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
Two locators that country-year and grid-cell merges need follow from other fields when no record codes them
(`LOCATORS`): `gwcode` from `country_code` through the Gleditsch–Ward table (UCDP GED codes it as `country_id`;
GTD, ACLED, the lists and reports give only a country), and `priogrid_gid` from the event's coordinates
(PRIO-GRID's numbering, which reproduces every `priogrid_gid` of the bundled GED file).

The rule is one SQL query (`derive_sql`), so the store re-derives every event an import or a resolution touched
in one statement; an event with a single record (most of a fresh import) takes a fast path with the same result.
`derive_event` runs the same query over a DataFrame for callers and tests outside a store.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from tacitus.countries import gw_codes
from tacitus.model import CODED_FIELDS, EVENT_COLUMNS
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


def _q(name: str) -> str:
    return f'"{name}"'


_RANK = "CASE dataset " + " ".join(f"WHEN '{d}' THEN {i}" for i, d in enumerate(DATASET_PRECEDENCE)) + (
    f" ELSE {len(DATASET_PRECEDENCE)} END"
)
# Latest report first, then dataset precedence, then dataset name and record key (module docstring).
PRECEDENCE = f"(reported_at IS NULL), reported_at DESC, {_RANK}, dataset, record_key"


def gw_table() -> str:
    """The Gleditsch–Ward table as an SQL relation `gw(iso3, gwcode)` (plain VALUES: DuckDB and PostgreSQL)."""
    rows = ", ".join(f"('{iso3}', {code})" for iso3, code in sorted(gw_codes().items()))
    return f"(VALUES {rows}) AS gw(iso3, gwcode)"


def priogrid_sql(latitude: str, longitude: str) -> str:
    """PRIO-GRID cell of a point: 0.5° cells numbered from 1 at (-90, -180), row by row eastwards (plain SQL;
    NULL without both coordinates, which `least` alone would not give: it skips NULLs)."""
    row = f"least(floor(({latitude} + 90) * 2), 359)"
    column = f"least(floor(({longitude} + 180) * 2), 719)"
    return (f"CASE WHEN {latitude} IS NOT NULL AND {longitude} IS NOT NULL "
            f"THEN CAST({row} * 720 + {column} + 1 AS INTEGER) END")


# Fields that fall back to a value computed from other derived fields of the event (module docstring).
LOCATORS = {"gwcode": "gw.gwcode", "priogrid_gid": priogrid_sql('d."latitude"', 'd."longitude"')}


def derive_sql(members: str) -> str:
    """SQL giving one row per event_id of `members` (a relation of records: event_id, dataset, record_key,
    reported_at and the coded fields) with the event's derived values and `source_count`."""
    single: list[str] = []
    many: list[str] = []
    for name in CODED_FIELDS:
        if name in _TOLL_FIELDS:
            continue
        single.append(_q(name))
        many.append(f"first({_q(name)} ORDER BY {PRECEDENCE}) FILTER (WHERE {_q(name)} IS NOT NULL) AS {_q(name)}")
    for low, best, high in TOLLS:
        single += [
            f"least({_q(low)}, {_q(best)}) AS {_q(low)}",
            _q(best),
            f"greatest({_q(high)}, {_q(best)}) AS {_q(high)}",
        ]
        many += [
            f"least(min({_q(low)}), min({_q(best)})) AS {_q(low)}",
            f"first({_q(best)} ORDER BY {PRECEDENCE}) FILTER (WHERE {_q(best)} IS NOT NULL) AS {_q(best)}",
            f"greatest(max({_q(high)}), max({_q(best)})) AS {_q(high)}",
        ]
    located = ", ".join(f"coalesce(d.{_q(name)}, {sql}) AS {_q(name)}" for name, sql in LOCATORS.items())
    return f"""WITH m AS (SELECT *, count(*) OVER (PARTITION BY event_id) AS _n FROM {members}),
        d AS (SELECT event_id, {', '.join(single)}, 1 AS source_count FROM m WHERE _n = 1
              UNION ALL BY NAME
              SELECT event_id, {', '.join(many)}, count(*) AS source_count FROM m WHERE _n > 1 GROUP BY event_id)
        SELECT d.* REPLACE ({located}) FROM d LEFT JOIN {gw_table()} ON gw.iso3 = d.country_code"""


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
    """Event values from its records (rows with codebook columns, plus `dataset`, `record_key` and
    `reported_at` if known): the store's rule, run over the DataFrame in an in-memory DuckDB."""
    import duckdb

    frame = records.copy()
    types = {c.name: c.sql_type for c in EVENT_COLUMNS}
    for name in (*CODED_FIELDS, "dataset", "record_key", "reported_at"):
        if name not in frame:
            frame[name] = None
    frame["event_id"] = "e"
    casts = ", ".join(f"CAST({_q(n)} AS {types[n]}) AS {_q(n)}" for n in CODED_FIELDS)
    with duckdb.connect() as con:
        con.register("given", frame)
        con.execute(
            f"""CREATE TABLE members AS SELECT event_id, CAST(dataset AS VARCHAR) AS dataset,
                    CAST(record_key AS VARCHAR) AS record_key, CAST(reported_at AS VARCHAR) AS reported_at, {casts}
                FROM given"""
        )
        derived = con.execute(derive_sql("members")).df()
    row = derived.iloc[0].to_dict()
    present = set(records.columns)
    shown = present | _TOLL_FIELDS | set(LOCATORS) | {"source_count"}
    return {k: plain(v) for k, v in row.items() if k != "event_id" and k in shown}
