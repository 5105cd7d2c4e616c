"""Tacitus: political-violence event data with provenance.

>>> import tacitus
>>> store = tacitus.open("events.duckdb")      # doctest: +SKIP
>>> store.events(actor="TTP", start="2014-01-01").head()   # doctest: +SKIP
>>> reader = tacitus.open("events.duckdb", read_only=True)  # doctest: +SKIP  (beside the CLI, in a notebook)
>>> reader.events(geo=True).plot()                           # doctest: +SKIP  (GeoDataFrame: tacitus[geo])
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tacitus.store import Store

try:
    __version__ = version("tacitus")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"


def open(path: str | None = None, read_only: bool = False) -> Store:
    """Open (creating if needed) the event store at `path`, or at $TACITUS_DB / the default location.

    `read_only=True` opens an existing store for reading only. DuckDB lets any number of read-only connections
    share a file but a writer excludes everyone else, so a notebook that only reads should say so: `tacitus query`,
    `stats`, `export` and `report` open read-only too, and run beside it.
    """
    from tacitus.store import open_store

    return open_store(path, read_only=read_only)


def __getattr__(name: str) -> Any:
    """`tacitus.Store`, imported on first use (the store pulls in pandas and DuckDB; `--help` must not)."""
    if name == "Store":
        from tacitus.store.base import Store

        return Store
    raise AttributeError(f"module 'tacitus' has no attribute {name!r}")


__all__ = ["Store", "__version__", "open"]
