"""The shipped gazetteer: one row per place, indexed by folded name keys.

Rows are built by ``scripts/build_gazetteer.py`` from GeoNames, UCDP GED place names, curated
additions and the admin-unit table, and stored as ``gazetteer.tsv.gz`` (plain text so that a
diff shows what a rebuild changed). Pakistani rows store a unit key instead of admin names,
because names depend on the event date (:mod:`tacitus.geo.admin`).
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

from tacitus.geo.text import key, skeleton

GAZETTEER_FILE = "gazetteer.tsv.gz"
COLUMNS = (
    "id",
    "name",
    "variants",
    "feature",
    "precision",
    "lat",
    "lon",
    "country_code",
    "unit",
    "admin1",
    "importance",
    "flags",
    "sources",
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer row.

    ``unit``: for Pakistan, an admin_units.tsv key or ``prov:<code>``; empty elsewhere.
    ``admin1``: static first-level name for places outside Pakistan.
    ``importance``: 0..1 prominence (population, event counts, unit level) used in ranking.
    ``flags``: "suspect" when the source point falls outside the unit the source names.
    ``sources``: every source record merged into this row.
    """

    id: str
    name: str
    variants: tuple[str, ...]
    feature: str
    precision: int
    lat: float
    lon: float
    country_code: str
    unit: str
    admin1: str
    importance: float
    flags: str
    sources: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.variants)

    @property
    def suspect(self) -> bool:
        return "suspect" in self.flags

    def to_row(self) -> list[str]:
        return [
            self.id,
            self.name,
            "|".join(self.variants),
            self.feature,
            str(self.precision),
            f"{self.lat:.5f}",
            f"{self.lon:.5f}",
            self.country_code,
            self.unit,
            self.admin1,
            f"{self.importance:.3f}",
            self.flags,
            "|".join(self.sources),
        ]


def _clean(field: str) -> str:
    return field.replace("\t", " ").replace("\n", " ").strip()


def write_entries(entries: Iterable[Entry], path: str) -> None:
    """Write rows deterministically (gzip mtime 0) so rebuilds give identical bytes."""
    buf = io.StringIO()
    buf.write("\t".join(COLUMNS) + "\n")
    for entry in entries:
        buf.write("\t".join(_clean(f) for f in entry.to_row()) + "\n")
    with open(path, "wb") as fh:
        fh.write(gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9, mtime=0))


def parse_entries(text: str) -> Iterator[Entry]:
    lines = iter(text.splitlines())
    header = next(lines).split("\t")
    if tuple(header) != COLUMNS:
        raise ValueError(f"unexpected gazetteer columns: {header}")
    for line in lines:
        f = line.split("\t")
        yield Entry(
            id=f[0],
            name=f[1],
            variants=tuple(f[2].split("|")) if f[2] else (),
            feature=f[3],
            precision=int(f[4]),
            lat=float(f[5]),
            lon=float(f[6]),
            country_code=f[7],
            unit=f[8],
            admin1=f[9],
            importance=float(f[10]),
            flags=f[11],
            sources=tuple(f[12].split("|")) if f[12] else (),
        )


def load_entries() -> list[Entry]:
    """Rows of the shipped gazetteer."""
    raw = resources.files("tacitus.data.geo").joinpath(GAZETTEER_FILE).read_bytes()
    return list(parse_entries(gzip.decompress(raw).decode("utf-8")))


class Gazetteer:
    """Entries with look-up indexes by exact key and by consonant skeleton."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.by_key: dict[str, list[int]] = {}
        self.by_skeleton: dict[str, list[int]] = {}
        self.country_names: dict[str, str] = {}
        for i, entry in enumerate(entries):
            seen: set[str] = set()
            for name in entry.names:
                k = key(name)
                if not k or k in seen:
                    continue
                seen.add(k)
                self.by_key.setdefault(k, []).append(i)
                sk = skeleton(k)
                # loose matching only at home: a near-miss spelling of a Pakistani village must
                # not turn into a town in Iran that happens to share a skeleton
                if len(sk) >= 3 and entry.country_code == "PAK":
                    bucket = self.by_skeleton.setdefault(sk, [])
                    if not bucket or bucket[-1] != i:
                        bucket.append(i)
            if entry.feature == "country":
                self.country_names[entry.country_code] = entry.name

    @classmethod
    def load(cls) -> Gazetteer:
        return cls(load_entries())

    def __len__(self) -> int:
        return len(self.entries)
