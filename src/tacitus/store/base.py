"""The store interface every backend implements (DuckDB now; PostgreSQL and Spark-backed stores later).

Callers (CLI, importers, extraction, resolution, analysis) speak only to this interface, so a team server is a
new backend, not a rewrite.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import pandas as pd

from tacitus.model import Record


@dataclass(frozen=True)
class Document:
    """A report as ingested: its text is what every claim's character span points into."""

    doc_id: str
    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True)
class ImportResult:
    """What one ingest did: rows read, records added or changed, and skipped as already present."""

    dataset: str
    rows_read: int
    added: int
    updated: int
    unchanged: int
    encoding: str | None = None  # of the file read, as detected (dataset imports)


class Store(ABC):
    """An event store. All writes of one call are one transaction: they land whole or not at all."""

    path: str

    @abstractmethod
    def add_records(
        self,
        records: Iterable[Record],
        *,
        dataset: str,
        source_path: str | None = None,
        sha256: str | None = None,
        documents: Sequence[Document] = (),
    ) -> ImportResult:
        """Add records (and the documents they cite); idempotent on (dataset, record_id) and content.

        One transaction: if iterating `records` raises (a bad row in a streamed file), nothing is written.
        """

    @abstractmethod
    def events(self, *, geo: bool = False, **filters: Any) -> pd.DataFrame:
        """Events with the codebook's columns, one row per event, filtered (see tacitus.store.filters).

        `geo=True` returns a geopandas GeoDataFrame (EPSG:4326 points; needs the `geo` extra).
        """

    @abstractmethod
    def records(self, **filters: Any) -> pd.DataFrame:
        """Source records (dataset rows, reported events) with their event_id and codebook columns."""

    @abstractmethod
    def claims(self, event_id: str | None = None) -> pd.DataFrame:
        """Claims behind an event (or all claims), with their source span or column.

        Text claims (extraction) and corrections are stored; a dataset record's claims are derived from its raw
        row and its layout on the way out. `value` holds typed values (str, int, float, bool, date)."""

    @abstractmethod
    def links(self) -> pd.DataFrame:
        """(event_id, dataset, record_id) for every record: the cross-dataset crosswalk."""

    @abstractmethod
    def documents(self) -> pd.DataFrame:
        """Ingested documents."""

    @abstractmethod
    def history(self, event_id: str | None = None) -> pd.DataFrame:
        """Change history of events."""

    @abstractmethod
    def sql(self, query: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Run a read-only SQL query (for analysis code and power users)."""

    @abstractmethod
    def assign(
        self,
        assignments: Mapping[str, str],
        *,
        weights: Mapping[str, float | None] | None = None,
        reasons: Mapping[str, str | None] | None = None,
        action: str = "resolved",
        detail: Mapping[str, Any] | None = None,
    ) -> list[str]:
        """Move records (record_key → event_id) and re-derive every touched event, in one transaction.

        This is how resolution merges and `split` undoes: records are reassigned, never copied or deleted, so
        every claim survives; emptied events are removed and every change is logged in the history.
        """

    @abstractmethod
    def rederive_many(
        self, details: Mapping[str, Mapping[str, Any]], *, action: str, now: dt.datetime | None = None
    ) -> None:
        """Recompute events from their records and review claims, bump their version, log it (in a transaction)."""

    # -- the review workbench's primitives (tacitus.store.review, tacitus.store.users) ----------------------
    @abstractmethod
    def execute(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one parameterised statement (`?` placeholders) inside the current transaction; rows if any.

        The review and user modules write only through this and `transaction`, in SQL that DuckDB and
        PostgreSQL both accept, so they work unchanged on either backend.
        """

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """A context in which every `execute` lands together or not at all."""

    @abstractmethod
    def stale_links(self) -> str | None:
        """When a re-import last changed records that resolution had linked (None: the links are current)."""

    @abstractmethod
    def mark_links_current(self) -> None:
        """Clear the stale-links flag: `resolve` has just linked every record by its current values."""

    def change_stamp(self) -> str | None:
        """A value that changes whenever anyone commits a write to the store, for caches in long-lived processes;
        None when this process is the store's only possible writer (a DuckDB file open for writing is locked)."""
        return None

    @abstractmethod
    def close(self) -> None:
        """Release the database."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
