"""Dataset importers: one `Layout` per dataset, shared reading, validation, provenance and storage."""

from __future__ import annotations

from tacitus.ingest.importer import import_file, read_records
from tacitus.ingest.layout import Coded, Layout
from tacitus.ingest.registry import LAYOUTS, get_layout

__all__ = ["LAYOUTS", "Coded", "Layout", "get_layout", "import_file", "read_records"]
