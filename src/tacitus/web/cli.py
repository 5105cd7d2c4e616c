"""`tacitus users` and `tacitus serve`: the review workbench on the command line (thin over tacitus.web)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tacitus.cli_common import db_option, reports_errors
from tacitus.errors import StoreError
from tacitus.store import default_db_path, open_store
from tacitus.store.users import ROLES


@click.group("users")
def users_command() -> None:
    """Workbench users: add them, list them, give them API tokens."""


@users_command.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the user may do (docs/workbench.md).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (first line).")
@db_option
@reports_errors
def users_add(name: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Create user NAME; the password is hashed (argon2), never stored."""
    from tacitus.store.users import add_user

    if not password_stdin:
        raise ValueError("give the password on standard input with --password-stdin (never on the command line)")
    password = sys.stdin.readline().rstrip("\r\n")
    with open_store(db) as store:
        user = add_user(store, name, role, password)
    click.echo(f"user {user.name} ({user.role}) added → {store.path}")


@users_command.command("token")
@click.argument("name")
@db_option
@reports_errors
def users_token(name: str, db: str | None) -> None:
    """Print a new API token for NAME (its last line); only a hash of it is kept."""
    from tacitus.store.users import new_token

    with open_store(db) as store:
        token = new_token(store, name)
    click.echo(f"API token for {name} (shown once; send it as 'Authorization: Bearer TOKEN'):", err=True)
    click.echo(token)


@users_command.command("list")
@db_option
@reports_errors
def users_list(db: str | None) -> None:
    """List users and their roles."""
    from tacitus.store.users import list_users

    with open_store(db) as store:
        for user in list_users(store):
            click.echo(f"{user.name}\t{user.role}")


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8750, show_default=True)
@reports_errors
def serve_command(db: str | None, host: str, port: int) -> None:
    """Run the review workbench (web pages and JSON API) on HOST:PORT."""
    import uvicorn

    from tacitus.web.app import create_app

    target = db or str(default_db_path())
    if "://" not in target and not Path(target).exists():  # a typo must not serve a new, empty store
        raise StoreError(f"{target}: no such store (make one with tacitus import, extract --db or init)")
    app = create_app(target)
    click.echo(f"review workbench on http://{host}:{port}/ → {app.state.store.path}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)
