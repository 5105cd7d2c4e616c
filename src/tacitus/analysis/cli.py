"""`tacitus stats`: events and tolls per period, over the shared filters."""

from __future__ import annotations

from typing import Any

import click

from tacitus.analysis.series import period_counts
from tacitus.cli_common import collect_filters, db_option, filter_options, print_frame, reports_errors
from tacitus.store import open_store


@click.command("stats")
@db_option
@filter_options
@click.option("--by", type=click.Choice(["month", "quarter", "year"]), default="year", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@reports_errors
def stats_command(db: str | None, by: str, fmt: str, output: str | None, **kwargs: Any) -> None:
    """Events and killed (low/best/high) per period."""
    filters = collect_filters(kwargs)
    with open_store(db, read_only=True) as store:
        table = period_counts(store.events(**filters), by)
    print_frame(table, fmt, output, title=f"events by {by}")
