"""Exporters: the store's events as CSV, Parquet, GeoJSON, or shaped like UCDP GED, GTD and ACLED files.

Every writer goes through `write_atomically`, so an interrupted export never leaves half a file where a
previous good one stood.
"""

from __future__ import annotations

from tacitus.export.writers import EXPORT_FORMATS, export_events

__all__ = ["EXPORT_FORMATS", "export_events"]
