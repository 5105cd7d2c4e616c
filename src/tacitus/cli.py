"""The `tacitus` command: a thin click layer over the library.

Every command turns library errors into one line on stderr and a non-zero exit; tracebacks are for bugs only.
Subcommands that belong to a stage live with that stage (e.g. `tacitus.geo.cli`) and are listed in STAGE_COMMANDS.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import click

import tacitus
from tacitus.cli_common import (
    collect_filters,
    db_option,
    filter_options,
    print_frame,
    progress,
    reports_errors,
)
from tacitus.store import open_store

# Commands that live with their stage, imported only when invoked: `tacitus extract` should not pay for loading
# Ibis, Splink and Altair, and a batch job's start-up time counts in its throughput.
STAGE_COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("tacitus.extract.cli", "extract_command"),
    "geocode": ("tacitus.geo.cli", "geocode_command"),
    "resolve": ("tacitus.resolve.cli", "resolve_command"),
    "split": ("tacitus.resolve.cli", "split_command"),
    "stats": ("tacitus.analysis.cli", "stats_command"),
    "report": ("tacitus.report.cli", "report_command"),
}


class StageGroup(click.Group):
    """A click group whose stage commands are imported on first use (click's documented lazy-loading pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *STAGE_COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in STAGE_COMMANDS:
            module_name, attribute = STAGE_COMMANDS[cmd_name]
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=StageGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(tacitus.__version__, prog_name="tacitus")
def main() -> None:
    """Tacitus: political-violence event data with provenance."""


@main.command()
@db_option
@reports_errors
def init(db: str | None) -> None:
    """Create an empty store (or bring an old one to the current schema)."""
    with open_store(db) as store:
        click.echo(f"store ready: {store.path}")


@main.command("import")
@click.argument("dataset")
@click.argument("path", type=click.Path())
@db_option
@click.option("--force", is_flag=True, help="Add Tacitus tables even to a DuckDB file that holds other tables.")
@reports_errors
def import_(dataset: str, path: str, db: str | None, force: bool) -> None:
    """Import a dataset file: DATASET is one of the registered layouts (ucdp-ged, gtd, acled, …)."""
    from tacitus.ingest import get_layout, import_file

    layout = get_layout(dataset)
    with open_store(db, force=force) as store, progress() as bar:
        task = bar.add_task(f"importing {Path(path).name}", total=None)
        result = import_file(store, layout, path, on_row=lambda _: bar.advance(task))
    click.echo(
        f"{layout.dataset}: {result.rows_read:,} rows read, {result.added:,} added, "
        f"{result.updated:,} updated, {result.unchanged:,} already present → {store.path} "
        f"(read as {result.encoding})"
    )


@main.command()
@db_option
@filter_options
@click.option("--format", "fmt", required=True, help="csv, parquet, geojson, ucdp, gtd, acled or links.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Output file.")
@reports_errors
def export(db: str | None, fmt: str, output: str, **kwargs: Any) -> None:
    """Export events (filtered) in a format or shaped like a dataset's own files."""
    from tacitus.export import export_events

    filters = collect_filters(kwargs)
    with open_store(db, read_only=True) as store:
        count = export_events(store, fmt, output, **filters)
    click.echo(f"{count:,} rows → {output}")


@main.command()
@db_option
@filter_options
@click.option("--columns", help="Comma-separated columns to show (default: a short selection).")
@click.option("--limit", type=int, default=None, help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@reports_errors
def query(db: str | None, columns: str | None, limit: int | None, fmt: str, output: str | None,
          **kwargs: Any) -> None:
    """List events matching the filters."""
    filters = collect_filters(kwargs)
    with open_store(db, read_only=True) as store:
        events = store.events(**filters)
    default = ["event_id", "date", "admin1", "admin2", "place", "perpetrator", "actor1", "actor2",
               "event_type", "killed_best"]
    wanted = columns.split(",") if columns else (default if fmt == "table" else list(events.columns))
    unknown = [c for c in wanted if c not in events.columns]
    if unknown:
        raise ValueError(f"--columns: unknown column(s) {', '.join(unknown)}")
    frame = events[wanted]
    if limit is not None:
        frame = frame.head(limit)
    print_frame(frame, fmt, output, title=f"{len(events):,} events")


@main.command()
@click.option("--db", type=click.Path(dir_okay=False), default="out/demo.duckdb", show_default=True,
              help="Demo store to build.")
@click.option("--no-open", is_flag=True, help="Do not open the report in a browser.")
@reports_errors
def demo(db: str, no_open: bool) -> None:
    """Build the demo store from the bundled UCDP GED Pakistan data and summarise it."""
    from tacitus.demo import run_demo

    run_demo(db, open_browser=not no_open)


if __name__ == "__main__":
    main()
