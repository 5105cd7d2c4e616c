"""`tacitus stats`: events, tolls and (optionally) the other indicators per period, over the shared filters."""

from __future__ import annotations

from typing import Any

import click
import pandas as pd

from tacitus.analysis.indicators import TABLES, YEARLY_TABLES
from tacitus.analysis.series import counts
from tacitus.cli_common import (
    check_spark_master,
    collect_filters,
    db_option,
    filter_options,
    formula_guard_option,
    print_frame,
    reports_errors,
    spark_master_option,
    warn_stale_links,
    warn_unmatched,
)
from tacitus.store import Store, open_store


def stats_table(store: Store, by: str, extra: tuple[str, ...], **filters: Any) -> pd.DataFrame:
    """The base counts with the requested indicator tables joined on period (their own `events` dropped)."""
    frame = counts(store, by, **filters)
    for name in extra:
        if name in YEARLY_TABLES and by != "year":
            raise ValueError(f"--with {name} is defined per year; use --by year")
        table = YEARLY_TABLES[name](store, **filters) if name in YEARLY_TABLES else TABLES[name](store, by, **filters)
        new = [c for c in table.columns if c not in frame.columns]
        frame = frame.merge(table[["period", *new]], on="period", how="left")
    return frame


@click.command("stats")
@db_option
@filter_options
@click.option("--by", type=click.Choice(["month", "quarter", "year"]), default="year", show_default=True)
@click.option(
    "--with", "extra", multiple=True, type=click.Choice([*TABLES, *YEARLY_TABLES]),
    help="Add indicators (repeatable): targets (hard/soft shares), diffusion, fragmentation, sectarian, "
         "drones; per year only: cells (10×10 km diffusion), index (ACLED Conflict Index indicators).",
)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Output file; - for standard output.")
@formula_guard_option
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help="spark: the same indicators on Spark (Ibis PySpark) over a Parquet export of the store.")
@spark_master_option
@reports_errors
def stats_command(db: str | None, by: str, extra: tuple[str, ...], fmt: str, output: str | None,
                  no_formula_guard: bool, engine: str, spark_master: str | None, **kwargs: Any) -> None:
    """Events, killed (low/best/high) and lethality per period; more indicators with --with."""
    check_spark_master(engine, spark_master)
    filters = collect_filters(kwargs)
    with open_store(db, read_only=True) as store:
        warn_unmatched(store, filters)
        warn_stale_links(store)
        if engine == "spark":
            from tacitus.spark.analysis import on_spark

            with on_spark(store, master=spark_master):
                table = stats_table(store, by, extra, **filters)
        else:
            table = stats_table(store, by, extra, **filters)
    if fmt == "table" and output is None and not table.empty:  # on screen, a column nobody coded (GED has no
        table = table.dropna(axis=1, how="all")  # wounded) is only noise; an empty table keeps its header
    print_frame(table, fmt, output, title=f"events by {by}", formula_guard=not no_formula_guard)
