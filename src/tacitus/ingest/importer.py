"""Import a dataset file into a store: read and validate everything first, then write in one transaction.

Validating the whole file before the first write is what makes a bad row at line 90,000 leave the store as it
was; the store's single transaction is what makes a killed process do the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from tacitus.errors import InputError
from tacitus.ingest.layout import Layout
from tacitus.ingest.tabular import read_rows
from tacitus.model import Record
from tacitus.store.base import ImportResult, Store


def read_records(layout: Layout, path: str, on_row: Callable[[int], None] | None = None) -> list[Record]:
    """Parse and code every row of `path`; raises InputError at the first bad one."""
    records: list[Record] = []
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
        records.append(record)
        if on_row:
            on_row(row.line)
    return records


def import_file(
    store: Store, layout: Layout, path: str, on_row: Callable[[int], None] | None = None
) -> ImportResult:
    """Import one file; idempotent (a second run adds nothing) and all-or-nothing."""
    records = read_records(layout, path, on_row)
    sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return store.add_records(records, dataset=layout.dataset, source_path=str(path), sha256=sha256)
