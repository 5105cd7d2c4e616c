"""Dataset claims, derived when asked for: a record's cell-level provenance from its raw row and its layout.

Storing ~20 claim rows per dataset row made imports slow and stores large (issue 11), and they said nothing the
raw row and the layout do not: the value is the record's own, the columns are the layout's (`Output.sources`),
the quote is the raw cells of those columns. So only text claims and corrections are stored; this module
rebuilds dataset claims for the records asked about, exactly as Tacitus 0.1 stored them (same ids, columns,
quotes and values; tests/ingest/test_derived_claims.py holds it to a snapshot of 0.1's output).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import pandas as pd

from tacitus.errors import InputError
from tacitus.ingest.columns import Output, SqlCrosswalk, cell_forms, ident, literal, select_list
from tacitus.ingest.layout import Layout
from tacitus.ingest.tabular import Row
from tacitus.model import EVENT_COLUMNS

if TYPE_CHECKING:
    import duckdb

COLUMNS = ("event_id", "claim_id", "record_key", "field", "value", "source_kind", "source_id", "span_start",
           "span_end", "source_column", "quote", "confidence", "reported_at")
_TYPES = {c.name: c.sql_type for c in EVENT_COLUMNS}
_PARSE: dict[str, Any] = {
    "DATE": dt.date.fromisoformat,
    "INTEGER": int,
    "DOUBLE": float,
    "BOOLEAN": lambda text: text == "true",
    "VARCHAR": str,
}


def _records_sql(event_id: str | None) -> str:
    """The records whose claims are derived: dataset rows with a raw row and no stored claims of their own."""
    return (
        "r.dataset = ? AND r.raw IS NOT NULL"
        + (" AND r.event_id = ?" if event_id else "")
        + " AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.record_key = r.record_key)"
    )


def _choice(output: Output, render: Any) -> str:
    cases = " ".join(f"WHEN {s.when} THEN {render(s.columns)}" for s in output.sources if s.when)
    default = next((render(s.columns) for s in output.sources if not s.when), "NULL")
    return f"CASE {cases} ELSE {default} END" if cases else default


def _quote(columns: tuple[str, ...]) -> str:
    return "concat_ws('; ', " + ", ".join(f"coalesce({ident(c)}, '')" for c in columns) + ")"


def _sql_claims(
    con: duckdb.DuckDBPyConnection, layout: Layout, crosswalk: SqlCrosswalk, event_id: str | None
) -> pd.DataFrame:
    outputs = crosswalk.outputs
    cells = sorted({*layout.required, *layout.optional, *(c for o in outputs for s in o.sources for c in s.columns)})
    raw = ", ".join(f"json_extract_string(r.raw, {literal('$.' + json.dumps(c))}) AS {ident(c)}" for c in cells)
    values = ", ".join(f"r.{ident(o.name)} AS {ident('__v_' + o.name)}" for o in outputs)
    parts = [
        f"""SELECT event_id, record_key, record_id, __reported_at, {i} AS ord, {literal(o.name)} AS field,
                   CAST({ident('__v_' + o.name)} AS VARCHAR) AS value,
                   {_choice(o, lambda cols: literal(','.join(cols)))} AS source_column,
                   {_choice(o, _quote)} AS quote
            FROM s WHERE {ident('__v_' + o.name)} IS NOT NULL"""
        for i, o in enumerate(outputs)
    ]
    params: list[Any] = [layout.dataset, *([event_id] if event_id else [])]
    return con.execute(
        f"""WITH rr AS (SELECT r.event_id, r.record_key, r.record_id, r.reported_at AS __reported_at, {values},
                               {raw}
                        FROM records r WHERE {_records_sql(event_id)}),
                 f AS (SELECT *, {select_list(cell_forms(crosswalk.sql_text(), cells))} FROM rr),
                 s AS (SELECT *, {crosswalk.let_list()} FROM f)
            SELECT event_id, record_key || '#' || (row_number() OVER (PARTITION BY record_key ORDER BY ord) - 1)
                       AS claim_id, record_key, field, value, 'dataset' AS source_kind,
                   {literal(layout.dataset + ':')} || record_id AS source_id, source_column, quote,
                   __reported_at AS reported_at
            FROM ({' UNION ALL '.join(parts)})""",
        params,
    ).df()


def _row_claims(con: duckdb.DuckDBPyConnection, layout: Layout, event_id: str | None) -> pd.DataFrame:
    """Row-coded layouts: the layout's code run again on the raw row gives the claims it gave at import."""
    params: list[Any] = [layout.dataset, *([event_id] if event_id else [])]
    rows = con.execute(
        f"SELECT r.event_id, r.record_key, r.raw FROM records r WHERE {_records_sql(event_id)}", params
    ).fetchall()
    out: list[dict[str, Any]] = []
    for event, key, raw in rows:
        try:
            record = layout.to_record(Row(layout.dataset, 0, json.loads(raw)))
        except InputError:  # a row an older Tacitus accepted and this one would not: its values stand unexplained
            continue
        for ordinal, claim in enumerate(record.claims):
            out.append({
                "event_id": event, "claim_id": f"{key}#{ordinal}", "record_key": key, "field": claim.field,
                "value": claim.value, "source_kind": "dataset", "source_id": claim.source_id,
                "source_column": claim.column, "quote": claim.quote, "reported_at": claim.reported_at,
            })
    return pd.DataFrame(out)


def derived_claims(con: duckdb.DuckDBPyConnection, event_id: str | None = None) -> list[pd.DataFrame]:
    """Frames of derived claims (columns as `Store.claims`) for one event's dataset records, or for all."""
    from tacitus.ingest.registry import LAYOUTS

    params = [event_id] if event_id else []
    present = {
        str(d) for (d,) in con.execute(
            f"SELECT DISTINCT dataset FROM records {'WHERE event_id = ?' if event_id else ''}", params
        ).fetchall()
    }
    frames = []
    for layout in LAYOUTS.values():
        if layout.dataset not in present:
            continue
        if layout.crosswalk is not None:
            frame = _sql_claims(con, layout, layout.crosswalk, event_id)
            frame["value"] = [
                _PARSE[_TYPES[f]](v) for f, v in zip(frame["field"], frame["value"], strict=True)
            ]
        else:
            frame = _row_claims(con, layout, event_id)
        if len(frame):
            frame["span_start"] = pd.array([None] * len(frame), dtype="Int64")
            frame["span_end"] = pd.array([None] * len(frame), dtype="Int64")
            frame["confidence"] = 1.0
            frames.append(frame[list(COLUMNS)])
    return frames
