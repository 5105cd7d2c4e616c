"""Engine plumbing: the Splink database API for each engine Tacitus runs linkage on.

Splink generates the SQL of one declarative model for each backend (its `DatabaseAPI`), so "resolve on Spark" is
the same settings handed a different API, not a second implementation. This is the one place that knows how to
build each API; the resolver asks for one by name:

    >>> from tacitus.engines import splink_db_api
    >>> api = splink_db_api("duckdb")                       # an in-memory DuckDB, as the resolver uses today
    >>> api = splink_db_api("spark", spark=spark_session())  # tacitus.spark.spark_session(master)
"""

from __future__ import annotations

from typing import Any, Final

ENGINES: Final = ("duckdb", "spark")


def splink_db_api(engine: str, *, spark: Any = None, duckdb_connection: Any = None) -> Any:
    """A Splink `DatabaseAPI` for `engine` ('duckdb' or 'spark').

    duckdb: over `duckdb_connection`, else a new in-memory database (the caller closes what it passed in).
    spark: over the SparkSession `spark` (default: `tacitus.spark.spark_session()`). Intermediate tables are
    persisted in memory in local mode and written as Parquet on a cluster (Splink's default there), which breaks
    the long query lineages of blocking and clustering without needing a checkpoint directory.
    """
    if engine == "duckdb":
        import duckdb
        from splink import DuckDBAPI

        return DuckDBAPI(duckdb_connection if duckdb_connection is not None else duckdb.connect(":memory:"))
    if engine == "spark":
        from splink.backends.spark import SparkAPI

        from tacitus.spark.session import spark_session

        session = spark if spark is not None else spark_session()
        local = str(session.sparkContext.master).startswith("local")
        return SparkAPI(
            spark_session=session,
            break_lineage_method="persist" if local else None,
            num_partitions_on_repartition=int(session.sparkContext.defaultParallelism) if local else None,
        )
    raise ValueError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
