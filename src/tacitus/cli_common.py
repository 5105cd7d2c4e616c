"""Helpers shared by every `tacitus` subcommand: options, filters, error reporting, output.

Stage modules (geo, extract, analysis, …) define their commands with these so that every command has the same
`--db`, the same filters and the same one-line errors.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from tacitus.errors import explain
from tacitus.store import DEFAULT_DB_ENV, default_db_path

if TYPE_CHECKING:  # imported where used: `tacitus --help` must not pay for pandas and rich
    import pandas as pd
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from tacitus.store import Store

F = TypeVar("F", bound=Callable[..., Any])
DEBUG_ENV = "TACITUS_DEBUG"


def fail(message: str, code: int = 2) -> None:
    """Print one line and exit: the contract for bad input."""
    click.echo(f"tacitus: error: {message}", err=True)
    sys.exit(code)


def debugging() -> bool:
    """True when the user asked for tracebacks (`tacitus --debug …` or TACITUS_DEBUG=1)."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("debug"))


def exit_for(exc: BaseException) -> NoReturn:
    """The one error handler every command goes through: one line on stderr and a non-zero exit.

    Known failures (bad input, a full disk, a damaged store, an unwritable path) exit 2; anything else is a bug,
    exits 1 and points to --debug, which re-raises so Python prints the traceback.
    """
    if debugging():
        raise exc
    message, known = explain(exc)
    click.echo(f"tacitus: error: {message}", err=True)
    sys.exit(2 if known else 1)


def reports_errors(func: F) -> F:
    """Route a command's failures through `exit_for` (also when the command is invoked outside the group)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            exit_for(exc)

    return wrapper  # type: ignore[return-value]


def parse_iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """click callback for YYYY-MM-DD options (--date, --published): a bad date is a usage error, not a crash."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        metavar="FILE|URL",
        envvar=DEFAULT_DB_ENV,
        default=None,
        help=f"Store: a DuckDB file or a postgresql:// URL (default: ${DEFAULT_DB_ENV} or ./{default_db_path().name}).",
    )(func)


def filter_options(func: F) -> F:
    """The shared event filters (see tacitus.store.filters)."""
    options = [
        click.option("--start", help="First date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--end", help="Last date (YYYY, YYYY-MM or YYYY-MM-DD; a year or month means all of it)."),
        click.option("--admin1", help="First-level unit as on the event date."),
        click.option("--admin2", help="District, agency or frontier region."),
        click.option("--actor", help="Actor name or alias; includes its factions and splinters."),
        click.option("--no-factions", is_flag=True, help="With --actor: only the named group itself."),
        click.option("--event-type", help="ACLED event type."),
        click.option("--attack-type", help="GTD attack type (snake_case)."),
        click.option("--target-type", help="GTD target type (snake_case)."),
        click.option("--violence", "type_of_violence", type=click.IntRange(1, 3), help="UCDP type of violence."),
        click.option("--dataset", help="Only events with a record from this dataset (ucdp_ged, gtd, …)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def spark_master_option(func: F) -> F:
    return click.option(
        "--spark-master", help="Spark master URL with --engine spark (default: local[N], N = cores available)."
    )(func)


def check_spark_master(engine: str, master: str | None) -> None:
    """--spark-master means nothing without --engine spark: say so rather than ignore it."""
    if master and engine != "spark":
        raise click.UsageError("--spark-master needs --engine spark")


def spark_for(engine: str, master: str | None) -> Any:
    """The SparkSession of --engine spark (None for other engines); one line and exit 2 when Spark cannot start
    (no Java, no pyspark, an unreachable master)."""
    if engine != "spark":
        return None
    from tacitus.spark.session import spark_session

    try:
        return spark_session(master)
    except (OSError, RuntimeError, ValueError) as exc:
        fail(f"--engine spark: {str(exc).splitlines()[0]}")


def formula_guard_option(func: F) -> F:
    return click.option(
        "--no-formula-guard",
        is_flag=True,
        help="Write CSV cells exactly as stored (no ' before a leading = + - @; for pipelines, not spreadsheets).",
    )(func)


def warn_stale_links(store: Store) -> None:
    """One stderr line when a re-import changed linked records since the last `resolve` (events may be stale)."""
    since = store.stale_links()
    if since:
        click.echo(f"tacitus: warning: a re-import on {since[:19]} changed records that resolution had linked; "
                   "events may join records that no longer match: run `tacitus resolve`", err=True)


def warn_unmatched(store: Store, filters: dict[str, Any]) -> None:
    """One stderr line per filter value that matches nothing in the store, naming the closest known values.

    The command still runs and exits 0 (an empty answer can be right); the line says why it may be empty.
    """
    from tacitus.store.filters import unmatched_values

    for message in unmatched_values(filters, store):
        click.echo(f"tacitus: warning: {message}", err=True)


def collect_filters(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Pop the filter options from a command's kwargs into Store.events keyword filters."""
    names = ("start", "end", "admin1", "admin2", "actor", "event_type", "attack_type", "target_type",
             "type_of_violence", "dataset")
    filters = {n: kwargs.pop(n) for n in names if kwargs.get(n) is not None}
    for n in names:
        kwargs.pop(n, None)
    if kwargs.pop("no_factions", False):
        filters["factions"] = False
    return filters


_quiet = False


def set_quiet(quiet: bool) -> None:
    """`tacitus --quiet`: no progress bars (they are also off when stderr is not a terminal)."""
    global _quiet
    _quiet = quiet


def progress(unit: str = "rows") -> Progress:
    """A progress bar on stderr: count, total when the task has one, elapsed and estimated time left.

    A task may count in a unit of its own (`add_task(..., unit="pairs")`: one bar per stage of a command).
    Off with `--quiet` and whenever stderr is not a terminal (pipes, CI logs).
    """
    from rich.progress import (
        BarColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Count(ProgressColumn):
        def render(self, task: Task) -> Text:
            total = f"/{int(task.total):,}" if task.total else ""
            return Text(f"{int(task.completed):,}{total} {task.fields.get('unit', unit)}")

    return Progress(
        TextColumn("{task.description}"), BarColumn(), Count(), TimeElapsedColumn(), TextColumn("left"),
        TimeRemainingColumn(), console=_stderr(), transient=True, disable=_quiet or not _stderr().is_terminal,
    )


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def _numeric(series: pd.Series) -> bool:
    import pandas as pd

    return bool(pd.api.types.is_numeric_dtype(series)) and not pd.api.types.is_bool_dtype(series)


def _cell(value: Any) -> str:
    import pandas as pd

    return "" if value is None or (not isinstance(value, list | tuple) and pd.isna(value)) else str(value)


def fit_table(frame: pd.DataFrame, width: int, title: str | None = None) -> tuple[Table, list[str]]:
    """A rich table that fits `width` columns of terminal: numbers are never wrapped (a wrapped number reads as
    two), text cells wrap; columns that cannot fit are left out and returned, so the caller can say so."""

    cells = {str(c): [_cell(v) for v in frame[c]] for c in frame.columns}
    shown: list[str] = []
    used = 4  # the table's outer border and padding
    for i, column in enumerate(frame.columns):
        name = str(column)
        numeric = _numeric(frame[column])
        need = max([len(name), *map(len, cells[name])]) if numeric else min(len(name), 12)
        if used + need + 3 > width and shown:
            return _table(frame, shown, cells, title), [str(c) for c in frame.columns[i:]]
        shown.append(name)
        used += need + 3
    return _table(frame, shown, cells, title), []


def _table(frame: pd.DataFrame, shown: list[str], cells: dict[str, list[str]], title: str | None) -> Table:
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for name in shown:
        if _numeric(frame[name]):
            table.add_column(name, justify="right", no_wrap=True, overflow="ignore",
                             min_width=max([len(name), *map(len, cells[name])]))
        else:
            table.add_column(name, overflow="fold")
    for i in range(len(frame)):
        table.add_row(*[cells[name][i] for name in shown])
    return table


def print_frame(frame: pd.DataFrame, fmt: str, output: str | None, title: str | None = None,
                formula_guard: bool = True) -> None:
    """Write a DataFrame as a table (terminal), CSV (the one RFC 4180 writer) or JSON lines; `-` is stdout."""
    from rich.console import Console

    from tacitus.export.csvfile import write_csv
    from tacitus.export.output import open_output

    if fmt == "table" and output in (None, "-") and sys.stdout.isatty():
        console = Console()
        table, left_out = fit_table(frame, console.width, title)
        console.print(table)
        if left_out:
            click.echo(f"({len(left_out)} more column(s) not shown: {', '.join(left_out)}; "
                       "--format csv shows every column)", err=True)
        return
    if fmt == "table" and output in (None, "-"):  # a pipe: the same table, with no terminal width to fit
        Console(width=10_000).print(_table(frame, [str(c) for c in frame.columns],
                                           {str(c): [_cell(v) for v in frame[c]] for c in frame.columns}, title))
        return
    with open_output(output or "-") as handle:
        if fmt in ("csv", "table"):
            write_csv(handle, frame, formula_guard)
        else:
            for row in json.loads(frame.to_json(orient="records", date_format="iso")):
                handle.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
