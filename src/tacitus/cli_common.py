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
from typing import Any, NoReturn, TypeVar

import click
import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tacitus.errors import explain
from tacitus.store import DEFAULT_DB_ENV, default_db_path

F = TypeVar("F", bound=Callable[..., Any])
DEBUG_ENV = "TACITUS_DEBUG"
err = Console(stderr=True)


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
        envvar=DEFAULT_DB_ENV,
        default=None,
        help=f"Store file (default: ${DEFAULT_DB_ENV} or ./{default_db_path().name}).",
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


def progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,} rows"),
        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal,
    )


def print_frame(frame: pd.DataFrame, fmt: str, output: str | None, title: str | None = None) -> None:
    """Write a DataFrame as a table (terminal), CSV or JSON lines."""
    from tacitus.export.writers import write_atomically

    if fmt == "table" and output is None:
        table = Table(title=title, show_lines=False)
        for column in frame.columns:
            table.add_column(str(column), overflow="fold")
        for row in frame.itertuples(index=False):
            table.add_row(*["" if pd.isna(v) else str(v) for v in row])
        Console().print(table)
        return
    if fmt == "table":
        fmt = "csv"
    text = (
        frame.to_csv(index=False)
        if fmt == "csv"
        else "".join(json.dumps(r, default=str, ensure_ascii=False) + "\n" for r in
                     json.loads(frame.to_json(orient="records", date_format="iso")))
    )
    if output:
        with write_atomically(output) as handle:
            handle.write(text)
    else:
        click.echo(text, nl=False)


