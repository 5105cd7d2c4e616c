"""The `tacitus` command: a thin click layer over the library.

Every command turns library errors into one line on stderr and a non-zero exit; tracebacks are for bugs only.
Subcommands that belong to a stage live with that stage (e.g. `tacitus.geo.cli`) and are listed in STAGE_COMMANDS.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

import tacitus
from tacitus.cli_common import (
    DEBUG_ENV,
    collect_filters,
    db_option,
    exit_for,
    filter_options,
    formula_guard_option,
    print_frame,
    progress,
    reports_errors,
    set_quiet,
    warn_stale_links,
    warn_unmatched,
)
from tacitus.store import open_store

if TYPE_CHECKING:
    from tacitus.store.base import Store

# Commands that live with their stage, imported only when invoked: `tacitus extract` should not pay for loading
# Ibis, Splink and Altair, and a batch job's start-up time counts in its throughput.
STAGE_COMMANDS: dict[str, tuple[str, str, str]] = {
    "extract": ("tacitus.extract.cli", "extract_command", "Extract coded events from report texts"),
    "geocode": ("tacitus.geo.cli", "geocode_command", "Resolve place NAMEs to coordinates and the admin units"),
    "resolve": ("tacitus.resolve.cli", "resolve_command", "Merge records that describe one event"),
    "split": ("tacitus.resolve.cli", "split_command", "Undo a merge"),
    "link": ("tacitus.resolve.cli", "link_command", "Record a reviewer's decision on a pair of records"),
    "stats": ("tacitus.analysis.cli", "stats_command", "Events, killed (low/best/high) and lethality per period"),
    "report": ("tacitus.report.cli", "report_command", "Test stated claims against the data"),
    "train": ("tacitus.train.cli", "train_command", "Train a coder (spaCy text classifiers) on labelled examples"),
    "serve": ("tacitus.web.cli", "serve_command", "Run the review workbench (web pages and JSON API)"),
    "users": ("tacitus.web.cli", "users_command", "Workbench users: add them, list them, give them API tokens"),
    "doctor": ("tacitus.store.cli", "doctor_command", "Check a store: schema, codebook invariants, evidence spans"),
}


class StageGroup(click.Group):
    """A click group whose stage commands are imported on first use (click's documented lazy-loading pattern).

    `tacitus --help` lists them from their one-line help above, without importing any stage (spaCy, Ibis and
    Altair cost seconds); a test keeps each line the start of the command's own help.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *STAGE_COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in STAGE_COMMANDS:
            module_name, attribute, _ = STAGE_COMMANDS[cmd_name]
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in STAGE_COMMANDS:
                rows.append((name, STAGE_COMMANDS[name][2] + "…"))
            elif (command := super().get_command(ctx, name)) is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        """Every command's failures, including a stage module that fails to import, go through one handler."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            exit_for(exc)


@click.group(cls=StageGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(tacitus.__version__, prog_name="tacitus")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars (also off when stderr is not a terminal).")
@click.option("--debug", is_flag=True, envvar=DEBUG_ENV, help="Show the Python traceback when a command fails.")
def main(quiet: bool, debug: bool) -> None:
    """Tacitus: political-violence event data with provenance."""
    set_quiet(quiet)


@main.command()
@db_option
@reports_errors
def init(db: str | None) -> None:
    """Create an empty store (or bring an old one to the current schema)."""
    with open_store(db) as store:
        click.echo(f"store ready: {store.path}")


def _row_count(path: str) -> int | None:
    """Data rows of a plain CSV file: the progress bar's total, for its time left (a quick parse, not a guess
    from line breaks: GED's source columns hold quoted newlines)."""
    import csv

    if not path.lower().endswith(".csv") or not Path(path).is_file():
        return None
    csv.field_size_limit(16 * 1024 * 1024)
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


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
        task = bar.add_task(f"importing {Path(path).name}", total=_row_count(path))
        result = import_file(store, layout, path, on_row=lambda _: bar.advance(task))
    click.echo(
        f"{layout.dataset}: {result.rows_read:,} rows read, {result.added:,} added, "
        f"{result.updated:,} updated, {result.unchanged:,} already present → {store.path} "
        f"(read as {result.encoding})"
    )


@main.command()
@db_option
@filter_options
@click.option("--format", "fmt", required=True,
              help="csv, parquet, geoparquet, geojson, ucdp, gtd, acled, links (docs/formats.md) or history "
                   "(the review audit trail).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Output file; - for standard output (text formats).")
@click.option("--datapackage", is_flag=True, help="Also write a Frictionless datapackage.json beside the file.")
@click.option("--reviewed-only", is_flag=True, help="Only events a reviewer accepted (review_status reviewed).")
@formula_guard_option
@reports_errors
def export(db: str | None, fmt: str, output: str, datapackage: bool, reviewed_only: bool, no_formula_guard: bool,
           **kwargs: Any) -> None:
    """Export events (filtered) in a format or shaped like a dataset's own files."""
    from tacitus.export import export_events

    filters = collect_filters(kwargs)
    if reviewed_only:
        filters["review_status"] = "reviewed"
    with open_store(db, read_only=True) as store:
        warn_unmatched(store, filters)
        warn_stale_links(store)
        if fmt == "history":
            count = _export_history(store, output, filters, formula_guard=not no_formula_guard)
        else:
            count = export_events(store, fmt, output, formula_guard=not no_formula_guard, datapackage=datapackage,
                                  **filters)
    click.echo(f"{count:,} rows → {'standard output' if output == '-' else output}", err=output == "-")


def _export_history(store: Store, output: str, filters: dict[str, Any], formula_guard: bool) -> int:
    """The review audit trail (who, when, field, before, after, reason) of the filtered events, as CSV."""
    import pandas as pd

    from tacitus.export.csvfile import write_csv
    from tacitus.export.output import open_output
    from tacitus.store.review import audit_trail

    wanted = set(store.events(**filters)["event_id"]) if filters else None
    rows = [r for r in audit_trail(store) if wanted is None or r["event_id"] in wanted]
    frame = pd.DataFrame(rows, columns=["event_id", "version", "user", "at", "action", "field", "before", "after",
                                        "reason"])
    for column in ("before", "after"):
        frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False))
    with open_output(output) as handle:
        return write_csv(handle, frame, formula_guard)


@main.command()
@db_option
@filter_options
@click.option("--columns", help="Comma-separated columns to show (default: a short selection).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many rows (1 or more).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Output file; - for standard output.")
@formula_guard_option
@reports_errors
def query(db: str | None, columns: str | None, limit: int | None, fmt: str, output: str | None,
          no_formula_guard: bool, **kwargs: Any) -> None:
    """List events matching the filters."""
    filters = collect_filters(kwargs)
    with open_store(db, read_only=True) as store:
        warn_unmatched(store, filters)
        warn_stale_links(store)
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
    print_frame(frame, fmt, output, title=f"{len(events):,} events", formula_guard=not no_formula_guard)


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
