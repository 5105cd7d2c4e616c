"""Village-level places (Who's On First / GeoNames, about 130,000 rows), looked up through a SQLite index.

The core gazetteer (:mod:`tacitus.geo.gazetteer`, ~9,000 rows of towns, units, GED places and curated
additions) is held in memory because every document needs it. Villages are needed only for the few names
per document that the core does not settle ("Shagai village, Khyber Agency"), so they stay on disk in an
indexed SQLite file that is opened on first use: the first look-up costs a file open, each later one a
B-tree probe (tens of thousands per second), and nothing is parsed at start-up. The package ships the file
gzipped (8 MB instead of 19 MB); the first process that needs it unpacks it once into the user's cache
directory (``$XDG_CACHE_HOME/tacitus``, else ``~/.cache/tacitus``, else the temp directory), under a name
that carries the content hash, so an upgraded package never reads a stale copy.

Each row carries its point *and* the admin unit that point lies in (checked against the district polygons
when the index is built, see ``scripts/build_gazetteer.py``), so coordinates and admin names always come
from one entry. ``importance`` holds the conflict-zone prior: the share of UCDP GED events recorded in the
village's district, so that among namesakes the one in a district with a history of violence ranks first
when the text names no district.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import sqlite3
import tempfile
import threading
from importlib import resources
from pathlib import Path

from tacitus.geo.gazetteer import Entry

VILLAGES_FILE = "villages.sqlite.gz"
VILLAGE_PREFIX = "wof:"  # gazetteer ids of village rows
SCHEMA = """
CREATE TABLE place (
    id INTEGER PRIMARY KEY,      -- position in the build order (stable for one build)
    source TEXT NOT NULL,        -- "wof:<id>" and, where known, "|geonames:<id>"
    name TEXT NOT NULL,
    variants TEXT NOT NULL,      -- other Latin-script spellings, "|"-joined
    feature TEXT NOT NULL,       -- populated_place
    precision INTEGER NOT NULL,  -- UCDP where_prec of a village point: 1
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    unit TEXT NOT NULL,          -- admin_units.tsv key (or prov:<code>) containing the point
    importance REAL NOT NULL,    -- conflict-zone prior of the unit, 0..0.3
    flags TEXT NOT NULL
);
CREATE TABLE name_key (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
"""


class VillageIndex:
    """Read-only look-ups by folded name key (:func:`tacitus.geo.text.key`)."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._local = threading.local()  # one connection per thread (sqlite3 objects are not shareable)
        self._cache: dict[str, tuple[Entry, ...]] = {}

    def _connection(self) -> sqlite3.Connection | None:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            path = self._path or unpacked()
            if path is None or not path.exists():
                return None
            conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def lookup(self, key_text: str) -> tuple[Entry, ...]:
        """Every village whose name or variant folds to ``key_text``."""
        hit = self._cache.get(key_text)
        if hit is not None:
            return hit
        conn = self._connection()
        if conn is None or not key_text:
            return ()
        rows = conn.execute(
            "SELECT p.id, p.source, p.name, p.variants, p.feature, p.precision, p.lat, p.lon, p.unit, p.importance,"
            " p.flags FROM name_key k JOIN place p ON p.id = k.place WHERE k.key = ? ORDER BY p.id",
            (key_text,),
        ).fetchall()
        found = tuple(_entry(row) for row in rows)
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[key_text] = found
        return found

    def __len__(self) -> int:
        conn = self._connection()
        return 0 if conn is None else int(conn.execute("SELECT count(*) FROM place").fetchone()[0])

    def all_entries(self) -> list[Entry]:
        """Every row (for checks and tests; extraction never needs this)."""
        conn = self._connection()
        if conn is None:
            return []
        rows = conn.execute(
            "SELECT id, source, name, variants, feature, precision, lat, lon, unit, importance, flags FROM place"
        ).fetchall()
        return [_entry(row) for row in rows]


def unpacked() -> Path | None:
    """The shipped index as a plain SQLite file in the cache directory (unpacked on first use)."""
    packed = resources.files("tacitus.data.geo").joinpath(VILLAGES_FILE)
    if not packed.is_file():
        return None
    raw = packed.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()[:16]
    for folder in _cache_dirs():
        target = folder / f"villages-{digest}.sqlite"
        if target.exists():
            return target
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # write under a private name, then rename: a concurrent process never sees half a file
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(gzip.decompress(raw))
            os.replace(tmp, target)
            return target
        except OSError:
            continue
    return None


def _cache_dirs() -> list[Path]:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return [Path(base) / "tacitus", Path(tempfile.gettempdir()) / "tacitus"]


def _entry(row: tuple[object, ...]) -> Entry:
    _id, source, name, variants, feature, precision, lat, lon, unit, importance, flags = row
    sources = tuple(str(source).split("|"))
    return Entry(
        id=sources[0],
        name=str(name),
        variants=tuple(str(variants).split("|")) if variants else (),
        feature=str(feature),
        precision=int(precision),  # type: ignore[call-overload]
        lat=float(lat),  # type: ignore[arg-type]
        lon=float(lon),  # type: ignore[arg-type]
        country_code="PAK",
        unit=str(unit),
        admin1="",
        importance=float(importance),  # type: ignore[arg-type]
        flags=str(flags),
        sources=sources,
    )


def write_index(path: Path, entries: list[Entry], keys: list[list[str]]) -> None:
    """Write the gzipped index (entries and, per entry, its name keys) deterministically: same input, same bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "villages.sqlite"
        _write_sqlite(db, entries, keys)
        path.write_bytes(gzip.compress(db.read_bytes(), compresslevel=9, mtime=0))


def _write_sqlite(path: Path, entries: list[Entry], keys: list[list[str]]) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.executemany(
        "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                i,
                "|".join(e.sources),
                e.name,
                "|".join(e.variants),
                e.feature,
                e.precision,
                e.lat,
                e.lon,
                e.unit,
                e.importance,
                e.flags,
            )
            for i, e in enumerate(entries)
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO name_key VALUES (?, ?)", sorted((k, i) for i, ks in enumerate(keys) for k in ks)
    )
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
