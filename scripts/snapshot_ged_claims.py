"""Rebuild tests/fixtures/datasets/ged_claims_v0_1.parquet: the claims Tacitus 0.1 stored for the bundled GED file.

Tacitus 0.1 stored ~20 claim rows per imported dataset row; later versions derive them from the raw row and the
layout when asked. This snapshot is the oracle that says the derived claims are the same: it is the output of
the 0.1 code (commit e49eb1e, the last commit that stored dataset claims), run on the bundled file.

Run from the repository root: .venv/bin/python scripts/snapshot_ged_claims.py [--commit e49eb1e]
It exports that commit with `git archive` into a temporary folder and imports the file with that code in a
child process (PYTHONPATH points at the old sources; the installed dependencies are the same).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_GED = ROOT / "src" / "tacitus" / "data" / "ucdp_ged_22_1_pakistan.csv.gz"
OUTPUT = ROOT / "tests" / "fixtures" / "datasets" / "ged_claims_v0_1.parquet"

_CHILD = """
import sys
import tacitus
from tacitus.ingest import get_layout, import_file
with tacitus.open(sys.argv[2]) as store:
    import_file(store, get_layout("ucdp-ged"), sys.argv[1])
    frame = store.claims().sort_values("claim_id", kind="stable").astype("string")
    frame.to_parquet(sys.argv[3], index=False, compression="zstd")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", default="e49eb1e")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "src.tar"
        subprocess.run(["git", "archive", "-o", str(archive), args.commit, "src"], cwd=ROOT, check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(folder, filter="data")
        env = {"PYTHONPATH": str(Path(folder) / "src"), "PATH": str(Path(sys.executable).parent)}
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-c", _CHILD, str(BUNDLED_GED), str(Path(folder) / "store.duckdb"), str(OUTPUT)],
            check=True,
            env=env,
        )
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
