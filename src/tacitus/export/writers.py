"""Format writers. Each takes the filtered events (and the store, for dataset-shaped exports) and a path."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pandas as pd

from tacitus.export.acled import acled_frame
from tacitus.export.gtd import gtd_frame
from tacitus.export.ucdp import ucdp_frame
from tacitus.store.base import Store
from tacitus.values import plain


@contextmanager
def write_atomically(path: str, mode: str = "w") -> Iterator[IO[Any]]:
    """Write to a temporary file beside `path` and rename it into place only when writing succeeded."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    # mkstemp makes the file owner-only; outputs are ordinary files, so give them the usual umask-based mode.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        handle: IO[Any] = (
            os.fdopen(fd, mode) if "b" in mode else os.fdopen(fd, mode, encoding="utf-8", newline="")
        )
        with handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _jsonable(value: Any) -> Any:
    """A cell as GeoJSON properties want it: plain values, dates as YYYY-MM-DD."""
    value = plain(value)
    return value.isoformat()[:10] if hasattr(value, "isoformat") else value


def _csv(store: Store, events: pd.DataFrame, path: str) -> int:
    with write_atomically(path) as handle:
        events.to_csv(handle, index=False)
    return len(events)


def _parquet(store: Store, events: pd.DataFrame, path: str) -> int:
    with write_atomically(path, "wb") as handle:
        events.to_parquet(handle, index=False)
    return len(events)


def _geojson(store: Store, events: pd.DataFrame, path: str) -> int:
    features = []
    for row in events.to_dict("records"):
        lat, lon = _jsonable(row.get("latitude")), _jsonable(row.get("longitude"))
        geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
        props = {k: _jsonable(v) for k, v in row.items()}
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    with write_atomically(path) as handle:
        json.dump({"type": "FeatureCollection", "features": features}, handle, ensure_ascii=False)
    return len(features)


def _shaped(frame_of: Callable[[Store, pd.DataFrame], pd.DataFrame]) -> Callable[[Store, pd.DataFrame, str], int]:
    """A writer for a dataset-shaped CSV (UCDP, GTD, ACLED) from the function that builds its rows."""

    def write(store: Store, events: pd.DataFrame, path: str) -> int:
        frame = frame_of(store, events)
        with write_atomically(path) as handle:
            frame.to_csv(handle, index=False)
        return len(frame)

    return write


def _links(store: Store, events: pd.DataFrame, path: str) -> int:
    links = store.links()
    links = links[links["event_id"].isin(set(events["event_id"]))]
    with write_atomically(path) as handle:
        links.to_csv(handle, index=False)
    return len(links)


EXPORT_FORMATS: dict[str, Callable[[Store, pd.DataFrame, str], int]] = {
    "csv": _csv,
    "parquet": _parquet,
    "geojson": _geojson,
    "ucdp": _shaped(ucdp_frame),
    "gtd": _shaped(gtd_frame),
    "acled": _shaped(acled_frame),
    "links": _links,
}


def export_events(store: Store, fmt: str, path: str, **filters: Any) -> int:
    """Write the events matching `filters` in `fmt`; returns the number of rows (or features) written."""
    try:
        writer = EXPORT_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}") from None
    return writer(store, store.events(**filters), path)
