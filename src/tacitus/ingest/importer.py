"""Import a dataset file into a store: rows are read, validated and written in batches inside one transaction.

The single transaction is what makes a bad row at line 90,000 leave the store as it was (the store rolls back
every batch before it) and what makes a killed process do the same; streaming is what keeps memory bounded on
files of hundreds of thousands of rows.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from tacitus.errors import InputError
from tacitus.ingest.layout import Layout
from tacitus.ingest.tabular import read_rows
from tacitus.model import Record
from tacitus.store.base import ImportResult, Store


def iter_records(layout: Layout, path: str, on_row: Callable[[int], None] | None = None) -> Iterator[Record]:
    """Parse and code the rows of `path` one by one; raises InputError at the first bad one."""
    first_line: dict[str, int] = {}
    for row in read_rows(path, layout.required, layout.encoding):
        if layout.skip(row):
            continue
        record = layout.to_record(row)
        if record.record_id in first_line:
            raise InputError(
                path,
                f"duplicate id {record.record_id!r} (first on line {first_line[record.record_id]})",
                line=row.line,
                field=layout.id_column,
            )
        first_line[record.record_id] = row.line
        yield record
        if on_row:
            on_row(row.line)


def read_records(layout: Layout, path: str, on_row: Callable[[int], None] | None = None) -> list[Record]:
    """Every record of `path` (validating the whole file), for callers that want them in memory."""
    return list(iter_records(layout, path, on_row))


def import_file(
    store: Store, layout: Layout, path: str, on_row: Callable[[int], None] | None = None
) -> ImportResult:
    """Import one file; idempotent (a second run adds nothing) and all-or-nothing."""
    # An import creates millions of long-lived objects and no reference cycles; the cyclic collector would only
    # re-scan them over and over (about a third of the parse time on 25k GED rows), so it pauses meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest() if Path(path).is_file() else None
        records = iter_records(layout, path, on_row)
        return store.add_records(records, dataset=layout.dataset, source_path=str(path), sha256=sha256)
    finally:
        if collecting:
            gc.enable()
