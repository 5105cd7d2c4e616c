"""Exporters: the store's events as CSV, Parquet, GeoParquet, GeoJSON, or shaped like UCDP GED, GTD and ACLED files.

Formats and their columns: docs/formats.md. Every file is written atomically (tacitus.export.output), every CSV by
one RFC 4180 writer with a formula guard (tacitus.export.csvfile).
"""

from __future__ import annotations

from tacitus.export.writers import EXPORT_FORMATS, export_events

__all__ = ["EXPORT_FORMATS", "export_events"]
