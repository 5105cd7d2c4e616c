"""Tacitus: political-violence event data with provenance.

>>> import tacitus
>>> store = tacitus.open("events.duckdb")      # doctest: +SKIP
>>> store.events(actor="TTP", start="2014-01-01").head()   # doctest: +SKIP
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from tacitus.store import Store, open_store

try:
    __version__ = version("tacitus")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"


def open(path: str | None = None) -> Store:
    """Open (creating if needed) the event store at `path`, or at $TACITUS_DB / the default location."""
    return open_store(path)


__all__ = ["Store", "__version__", "open"]
