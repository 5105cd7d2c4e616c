"""Write the PROJJSON description of EPSG:4326 that GeoParquet exports embed (src/tacitus/export/epsg4326.json).

GeoParquet's `geo` metadata names its CRS in PROJJSON. The export writes it from this file so that exporting needs
neither pyproj nor network access; the file is pyproj's own rendering of the EPSG database entry.

Run: python scripts/build_epsg4326.py   (needs pyproj, installed with the `geo` extra; deterministic)
"""

from __future__ import annotations

import json
from pathlib import Path

import pyproj

TARGET = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "export" / "epsg4326.json"


def main() -> None:
    projjson = pyproj.CRS.from_epsg(4326).to_json_dict()
    TARGET.write_text(json.dumps(projjson, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
