"""Which datasets a store (or a selection of its events) draws on, with citation, licence and version.

One answer for every place that must say where numbers come from: the `datapackage.json` beside an export and
the report's footer. The version is read from the imported file's name where the dataset names its files by
version (UCDP: `ged221`, `ucdp_ged_22_1_…`); otherwise the file's name, digest and import day identify it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tacitus.store.base import Store


@dataclass(frozen=True)
class DatasetSource:
    """One dataset as imported into a store."""

    name: str
    title: str
    citation: str
    licence: str
    licence_url: str | None
    url: str | None
    version: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@cache
def _catalogue() -> dict[str, dict[str, Any]]:
    text = resources.files("tacitus.export").joinpath("datasets.yaml").read_text("utf-8")
    data: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return data


def _version(entry: dict[str, Any], imports: list[tuple[str, str, Any]]) -> str:
    """The dataset's version from its imported files (the latest import last), or their identity."""
    versions = []
    for path, digest, finished in imports:
        name = Path(path or "").name
        pattern = entry.get("version_pattern")
        found = re.search(pattern, name) if pattern else None
        if found:
            versions.append(".".join(str(int(g)) for g in found.groups()))
        else:
            day = str(finished)[:10]
            versions.append(f"file {name} (sha256 {str(digest)[:12]}…, imported {day})")
    return "; ".join(dict.fromkeys(versions)) or "unknown"


def dataset_sources(store: Store, datasets: Iterable[str] | None = None) -> list[DatasetSource]:
    """Citation, licence and version of each dataset in the store (or of `datasets` only), by name."""
    present = store.sql("SELECT DISTINCT dataset FROM records ORDER BY dataset")["dataset"].tolist()
    wanted = sorted(set(present) & set(datasets)) if datasets is not None else present
    imports = store.sql("SELECT dataset, path, sha256, finished_at FROM imports ORDER BY finished_at")
    out = []
    for name in wanted:
        entry = _catalogue().get(name, {})
        mine = [(p, d, f) for ds, p, d, f in imports.itertuples(index=False, name=None) if ds == name]
        out.append(DatasetSource(
            name=name,
            title=entry.get("title", name),
            citation=" ".join(str(entry.get("citation", "")).split()),
            licence=entry.get("licence", "not recorded"),
            licence_url=entry.get("licence_url"),
            url=entry.get("url"),
            version=_version(entry, mine) if mine else "not imported from a file",
        ))
    return out
