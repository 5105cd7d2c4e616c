"""The one typed schema of exported events: Arrow for Parquet and GeoParquet, Frictionless for datapackage.json.

Both come from the codebook (tacitus.model.EVENT_COLUMNS), so every export of every selection has the same
columns with the same types: an all-null column is still `string` or `int32`, never Arrow's `null`, and two
exports concatenate. Dates are `date32` (a calendar day; no time zone to get wrong). Integers are 32-bit because
R and Stata read those as native integers, and no toll or count comes near the limit.
"""

from __future__ import annotations

from typing import Final

import pandas as pd
import pyarrow as pa

from tacitus.model import EVENT_COLUMNS, Column

ARROW_TYPES: Final[dict[str, pa.DataType]] = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "DOUBLE": pa.float64(),
    "INTEGER": pa.int32(),
    "BOOLEAN": pa.bool_(),
}
# Frictionless Table Schema field types for the same SQL types.
FRICTIONLESS_TYPES: Final[dict[str, str]] = {
    "VARCHAR": "string",
    "DATE": "date",
    "DOUBLE": "number",
    "INTEGER": "integer",
    "BOOLEAN": "boolean",
}


def _field(column: Column) -> pa.Field:
    return pa.field(column.name, ARROW_TYPES[column.sql_type], metadata={"description": column.doc})


EVENT_SCHEMA: Final = pa.schema([_field(c) for c in EVENT_COLUMNS])


def event_table(events: pd.DataFrame) -> pa.Table:
    """The selected events as an Arrow table with EVENT_SCHEMA, whatever pandas inferred for each column.

    pandas' own schema metadata is dropped: the file describes itself in Arrow types, the same for R, DuckDB and
    Spark as for pandas.
    """
    table = pa.Table.from_pandas(events[list(EVENT_SCHEMA.names)], schema=EVENT_SCHEMA, preserve_index=False)
    return table.replace_schema_metadata(None)


def frictionless_fields(columns: tuple[Column, ...] = EVENT_COLUMNS) -> list[dict[str, str]]:
    """Table Schema `fields` for the codebook columns: name, type and the codebook's one-line meaning."""
    return [
        {"name": c.name, "type": FRICTIONLESS_TYPES[c.sql_type], "description": c.doc}
        for c in columns
    ]
