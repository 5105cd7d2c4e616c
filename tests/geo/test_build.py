"""The shipped gazetteer matches its sources: rebuilding gives the same bytes."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

REPO = Path(__file__).parents[2]


def test_rebuild_is_identical(tmp_path: Path, shared: Path) -> None:
    subprocess.run(
        [sys.executable, str(REPO / "scripts/build_gazetteer.py"), "--shared", str(shared), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    shipped = resources.files("tacitus.data.geo")
    for name in ("gazetteer.tsv.gz", "pak_adm2_2019.geojson.gz", "villages.sqlite.gz"):
        assert (tmp_path / name).read_bytes() == shipped.joinpath(name).read_bytes(), name
