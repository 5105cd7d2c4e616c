"""Indicators on Spark: the same Ibis expressions as on DuckDB, compiled by Ibis' PySpark backend.

The store stays the system of record: its `events` and `records` tables are exported to Parquet (through Ibis,
so any store with an Ibis backend can be exported), registered as Spark views of the same names, and every
indicator function runs unchanged on them while `on_spark` is active:

    with tacitus.open("tacitus.duckdb") as store, on_spark(store, master="local[2]"):
        counts(store, "year", actor="TTP")
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tacitus.analysis.source import backend, backend_override
from tacitus.spark.session import spark_session
from tacitus.store import Store

TABLES = ("events", "records")


def export_parquet(store: Store, directory: str | Path) -> dict[str, Path]:
    """Write the store's analysis tables as `<directory>/<table>.parquet` and return their paths."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / f"{name}.parquet" for name in TABLES}
    for name, path in paths.items():
        backend(store).table(name).to_parquet(path)
    return paths


@contextmanager
def on_spark(
    store: Store, *, session: Any = None, master: str | None = None, directory: str | Path | None = None
) -> Iterator[Any]:
    """Run `store`'s indicators on Spark inside the block; yields the Ibis PySpark backend.

    `directory` holds the Parquet export (default: a temporary directory, removed afterwards); on a cluster it
    must be storage every executor can read. The views are named `events` and `records` in the session, so one
    store at a time per session.
    """
    import ibis

    spark = session or spark_session(master)
    with tempfile.TemporaryDirectory(prefix="tacitus-spark-") as scratch:
        paths = export_parquet(store, directory or scratch)
        con = ibis.pyspark.connect(spark)
        for name, path in paths.items():
            con.read_parquet(str(path), table_name=name)
        try:
            with backend_override(store, con):
                yield con
        finally:
            for name in paths:
                spark.catalog.dropTempView(name)
