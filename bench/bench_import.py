"""Import throughput: `tacitus import ucdp-ged` on 100,000 GED-shaped rows, as a whole process.

The rows are drawn with replacement (fixed seed) from the real UCDP GED Pakistan file in ../shared, each with a
new unique id, so the file has GED's exact layout and value mix. The import runs as its own process, the way a
user runs it, and we report rows/s and the peak resident memory of that process. As a baseline measured in
the same session, we time a bare `pandas.read_csv` of the same file: the ratio says how far the importer is
from "just reading the CSV" on this machine, which is comparable across machines where seconds are not.

Run: .venv/bin/python bench/bench_import.py [--rows N] [--seed S]. Outputs go to bench/out/ (git-ignored).
Prints numbers; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GED_CSV = ROOT.parent / "shared" / "data" / "ucdp-ged-pakistan" / "ucdp_ged_22_1_pakistan.csv"
OUT = ROOT / "bench" / "out"


def write_resampled_ged(path: Path, rows: int, seed: int = 2024, source: Path = GED_CSV) -> Path:
    """`rows` rows drawn with replacement from the GED file at `source`, ids renumbered from 10,000,000.

    Shared with the tests (tests/conftest.py loads this file), so benchmark and tests use the same generator.
    """
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        data = [r for r in reader if not r[2].startswith("#")]  # HDX puts an HXL hashtag row under the header
    id_column = header.index("id")
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for number in range(rows):
        row = list(rng.choice(data))
        row[id_column] = str(10_000_000 + number)
        writer.writerow(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _tacitus() -> list[str]:
    script = Path(sys.executable).with_name("tacitus")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tacitus.cli"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    data = write_resampled_ged(OUT / f"ged_resampled_{args.rows}.csv", args.rows, args.seed)
    db = OUT / "bench_import.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)

    # The import first, so that the children's peak RSS is the importer's own.
    started = time.perf_counter()
    subprocess.run([*_tacitus(), "import", "ucdp-ged", str(data), "--db", str(db)], check=True)
    import_seconds = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mib = children.ru_maxrss / 1024  # Linux reports KiB
    # CPU time is steadier than wall time on a shared machine (DuckDB's own threads are included).
    import_cpu = children.ru_utime + children.ru_stime

    started = time.perf_counter()
    subprocess.run([*_tacitus(), "import", "ucdp-ged", str(data), "--db", str(db)], check=True)
    again_seconds = time.perf_counter() - started

    started = time.perf_counter()
    subprocess.run([*_tacitus(), "--version"], check=True, capture_output=True)
    startup_seconds = time.perf_counter() - started

    import pandas as pd

    started = time.perf_counter()
    frame = pd.read_csv(data)
    read_csv_seconds = time.perf_counter() - started
    assert len(frame) == args.rows  # the baseline read the same file (a correctness check, not a timing one)

    print(f"rows:                      {args.rows:,} (seed {args.seed}, {data.stat().st_size / 2**20:.1f} MiB)")
    print(f"import (whole process):    {import_seconds:.2f} s = {args.rows / import_seconds:,.0f} rows/s")
    print(f"  CPU time of the import:  {import_cpu:.2f} s = {args.rows / import_cpu:,.0f} rows per CPU-second")
    print(f"  CLI start-up:            {startup_seconds:.2f} s (tacitus --version)")
    print(f"peak RSS of the import:    {peak_mib:,.0f} MiB")
    print(f"re-import (all present):   {again_seconds:.2f} s = {args.rows / again_seconds:,.0f} rows/s")
    ratio = import_seconds / read_csv_seconds
    print(f"baseline pandas.read_csv:  {read_csv_seconds:.2f} s; import / read_csv = {ratio:.1f}x")


if __name__ == "__main__":
    main()
