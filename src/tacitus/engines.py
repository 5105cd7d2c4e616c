"""Engine plumbing: the Splink database API for each engine Tacitus runs linkage on.

Splink generates the SQL of one declarative model for each backend (its `DatabaseAPI`), so "resolve on Spark" is
the same settings handed a different API, not a second implementation. This is the one place that knows how to
build each API; the resolver asks for one by name, for the lifetime of one model:

    >>> from tacitus.engines import splink_api
    >>> with splink_api("duckdb") as api: ...                       # a fresh in-memory DuckDB, closed afterwards
    >>> with splink_api("spark", spark=spark_session()) as api: ...  # tacitus.spark.spark_session(master)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

ENGINES: Final = ("duckdb", "spark")


@contextmanager
def splink_api(engine: str = "duckdb", *, spark: Any = None) -> Iterator[Any]:
    """A Splink `DatabaseAPI` on `engine` ('duckdb' or 'spark') for one model; what it held is freed afterwards.

    duckdb: a new in-memory database, closed on exit.
    spark: over the SparkSession `spark` (default: `tacitus.spark.spark_session()`). Intermediate tables are
    persisted in memory in local mode and written as Parquet on a cluster (Splink's default there), which breaks
    the long query lineages of blocking and clustering without needing a checkpoint directory. On exit the tables
    Splink created are dropped, which also unpersists them: the session outlives the model (one JVM serves every
    dataset pair of a run), its memory must not fill up with earlier pairs' predictions.
    """
    if engine == "duckdb":
        import duckdb
        from splink import DuckDBAPI

        con = duckdb.connect(":memory:")
        try:
            yield DuckDBAPI(con)
        finally:
            con.close()
    elif engine == "spark":
        from splink.backends.spark import SparkAPI

        from tacitus.spark.session import spark_session

        session = spark if spark is not None else spark_session()
        local = str(session.sparkContext.master).startswith("local")
        api = SparkAPI(
            spark_session=session,
            break_lineage_method="persist" if local else None,
            num_partitions_on_repartition=int(session.sparkContext.defaultParallelism) if local else None,
        )
        try:
            yield api
        finally:
            api.delete_tables_created_by_splink_from_db()
    else:
        raise ValueError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
