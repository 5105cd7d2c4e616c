"""Event stores: DuckDB by default (one file, zero set-up) or PostgreSQL for a team, behind the `Store` interface."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tacitus.store.base import Document, ImportResult, Store

DEFAULT_DB_ENV = "TACITUS_DB"


def default_db_path() -> Path:
    """$TACITUS_DB if set, else ./tacitus.duckdb: a store beside the work, like git keeps .git beside it."""
    return Path(os.environ.get(DEFAULT_DB_ENV) or "tacitus.duckdb")


def open_store(path: str | os.PathLike[str] | None = None, read_only: bool = False, force: bool = False) -> Store:
    """Open or create a store: a DuckDB file, or a PostgreSQL database given as a `postgresql://` URL (the team
    store; the database must exist). A database holding other (non-Tacitus) tables is refused unless `force`."""
    from tacitus.store.duckdb_store import DuckDBStore

    target = str(path) if path is not None else str(default_db_path())
    return DuckDBStore(target, read_only=read_only, force=force)


def __getattr__(name: str) -> Any:
    """The store classes, imported on first use: `tacitus --help` must not pay for pandas (PEP 562)."""
    if name in ("Document", "ImportResult", "Store"):
        from tacitus.store import base

        return getattr(base, name)
    raise AttributeError(f"module 'tacitus.store' has no attribute {name!r}")


__all__ = ["DEFAULT_DB_ENV", "Document", "ImportResult", "Store", "default_db_path", "open_store"]
