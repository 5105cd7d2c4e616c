"""A Frictionless `datapackage.json` beside an export: its fields and types, the datasets behind it, Tacitus' version.

A replication file should say what it holds and where it came from without the store at hand. The descriptor
lists the exported file as a resource (with its Table Schema and, for CSV, the dialect), the datasets its events
draw on with citation, licence and version (tacitus.export.sources), and the Tacitus version and filters that
made it. Several exports into one folder share one descriptor: each export replaces its own resource and the
sources become the union.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

import tacitus
from tacitus.export.output import write_atomically
from tacitus.export.sources import dataset_sources
from tacitus.store.base import Store

if TYPE_CHECKING:
    from tacitus.export.writers import ExportFormat

DESCRIPTOR = "datapackage.json"
_MEDIA = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "geojson": "application/geo+json"}
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}


def _resource_name(path: Path) -> str:
    """A Frictionless resource name: lower case letters, digits and `-._` only."""
    name = "".join(ch if ch.isalnum() or ch in "-._" else "-" for ch in path.name.lower())
    return name or "events"


def _sources(store: Store, events: pd.DataFrame) -> list[dict[str, Any]]:
    wanted = set(events["event_id"])
    links = store.links()
    datasets = set(links.loc[links["event_id"].isin(wanted), "dataset"])
    return [
        {"title": s.title, "path": s.url, "version": s.version, "citation": s.citation,
         "licence": s.licence, "licence_url": s.licence_url, "dataset": s.name}
        for s in dataset_sources(store, datasets)
    ]


def write_datapackage(store: Store, spec: ExportFormat, path: str, fields: list[dict[str, str]],
                      events: pd.DataFrame, filters: dict[str, Any]) -> Path:
    """Write (or update) the datapackage.json in the folder of `path`; returns its path."""
    target = Path(path)
    descriptor_path = target.parent / DESCRIPTOR
    descriptor: dict[str, Any] = {}
    if descriptor_path.exists():
        try:
            descriptor = json.loads(descriptor_path.read_text("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise ValueError(f"{descriptor_path}: exists but is not JSON; move it away first") from None
    resource: dict[str, Any] = {
        "name": _resource_name(target),
        "path": target.name,
        "profile": "tabular-data-resource" if spec.kind == "csv" else "data-resource",
        "format": spec.kind if spec.name != "geoparquet" else "geoparquet",
        "mediatype": _MEDIA[spec.kind],
        "description": f"Tacitus export, format {spec.name}: {spec.description}",
        "schema": {"fields": fields},
    }
    if spec.kind == "csv":
        resource |= {"encoding": "utf-8", "dialect": CSV_DIALECT}
    resources = [r for r in descriptor.get("resources", []) if r.get("path") != target.name]
    sources = {s.get("dataset"): s for s in descriptor.get("sources", [])}
    sources.update({s["dataset"]: s for s in _sources(store, events)})
    descriptor |= {
        "profile": "data-package",
        "name": descriptor.get("name", "tacitus-export"),
        "title": descriptor.get("title", "Political-violence events exported by Tacitus"),
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "resources": [*resources, resource],
        "sources": [sources[k] for k in sorted(sources, key=str)],
        "licenses": _licences(list(sources.values())),
        "tacitus": {"version": tacitus.__version__, "store": str(store.path),
                    "exports": {**descriptor.get("tacitus", {}).get("exports", {}),
                                target.name: {"format": spec.name, "events": len(events),
                                              "filters": {k: str(v) for k, v in filters.items()}}}},
    }
    with write_atomically(str(descriptor_path)) as handle:
        json.dump(descriptor, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    return descriptor_path


def _licences(sources: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The package's licences: each source's, once (the export inherits its sources' terms)."""
    seen: dict[str, dict[str, str]] = {}
    for source in sources:
        name = str(source.get("licence") or "")
        if name and name not in seen:
            entry = {"name": name, "title": f"{name} ({source.get('title')})"}
            if source.get("licence_url"):
                entry["path"] = str(source["licence_url"])
            seen[name] = entry
    return list(seen.values())
