"""How a store is opened: a DuckDB file, or a PostgreSQL database seen through DuckDB's postgres extension.

Both backends run the same SQL. For PostgreSQL, an in-memory DuckDB attaches the database and makes it the default
catalog (`USE`), so every query of the store, the review workbench and the importers runs unchanged: DuckDB plans
it, reads and writes the PostgreSQL tables, and keeps temporary tables (an import's staging, derivation scratch)
in its own memory. What differs between the backends is kept here: opening, listing tables, and the few
statements PostgreSQL must run itself (`native`).
"""

from __future__ import annotations

import contextlib
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from tacitus.errors import StoreError, WriteConflict

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
ATTACHED = "pg"  # the PostgreSQL database's name inside DuckDB


def is_postgres(target: str) -> bool:
    return target.startswith(POSTGRES_SCHEMES)


def shown(target: str) -> str:
    """A store's name for messages: a PostgreSQL URL without its password."""
    if not is_postgres(target):
        return target
    parts = urllib.parse.urlsplit(target)
    if parts.password is None:
        return target
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _extension() -> Path:
    """The postgres extension matching the installed DuckDB, from the `duckdb-extension-postgres-scanner` wheel (the
    `postgres` extra): loaded from the file, so a server without internet access needs nothing downloaded."""
    try:
        import duckdb_extension_postgres_scanner as wheel
    except ImportError:
        raise StoreError("PostgreSQL stores need the postgres extra: pip install 'tacitus[postgres]'") from None
    path = Path(wheel.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "postgres_scanner.duckdb_extension"
    if not path.is_file():
        raise StoreError(f"the postgres extension for DuckDB {duckdb.__version__} is missing ({path})")
    return path


def connect(target: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection whose default catalog is the store (`StoreError` if it cannot be opened)."""
    try:
        if not is_postgres(target):
            return duckdb.connect(target, read_only=read_only)
        con = duckdb.connect()
        try:
            con.execute(f"LOAD '{_extension()}'")
            options = "TYPE postgres, READ_ONLY" if read_only else "TYPE postgres"
            con.execute(f"ATTACH {_literal(target)} AS {ATTACHED} ({options})")
            con.execute(f"USE {ATTACHED}")
        except BaseException:
            con.close()
            raise
        return con
    except duckdb.Error as exc:
        reason = str(exc).splitlines()[0].replace(target, shown(target))  # the extension quotes the URL whole
        raise StoreError(f"{shown(target)}: cannot open as a Tacitus store ({reason})") from exc


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One transaction (committed on success, rolled back on any exception).

    On PostgreSQL the attached database runs it at REPEATABLE READ (the extension's default): a writer that finds
    a row changed by a transaction committed since its snapshot fails rather than overwrite it, and that failure
    becomes `WriteConflict`, so concurrent writers lose cleanly instead of silently.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException as exc:
        con.execute("ROLLBACK")
        if isinstance(exc, duckdb.Error) and any(s in str(exc) for s in _CONFLICTS):
            raise WriteConflict() from exc
        raise


# PostgreSQL's messages for SQLSTATE 40001 and 40P01, which reach DuckDB only as text.
_CONFLICTS = ("could not serialize access", "deadlock detected")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def user_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables of the store's catalog (not DuckDB's temporary ones), by name."""
    return [str(t) for (t,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() "
        "AND table_schema = current_schema() ORDER BY table_name").fetchall()]


def native(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Run a statement on PostgreSQL itself (DDL DuckDB cannot translate, such as CREATE INDEX)."""
    con.execute(f"CALL postgres_execute('{ATTACHED}', {_literal(sql)})")


def native_query(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a query PostgreSQL runs itself (its own catalogue functions, say)."""
    return con.execute(f"SELECT * FROM postgres_query('{ATTACHED}', {_literal(sql)})").fetchall()
