"""Import throughput: `tacitus import ucdp-ged` on 10k / 100k / 1M GED-shaped rows, as a whole process.

The rows are drawn with replacement (fixed seed) from the real UCDP GED Pakistan file in ../shared, each with a
new unique id, so the file has GED's exact layout and value mix. Each import runs as its own process, the way a
user runs it; we report rows/s and that process's own peak resident memory (os.wait4). The baseline, measured in
the same run on the same file, is DuckDB's own `read_csv` loading every cell into a table: the ratio
(baseline time / import time) says how close the importer is to "just reading the CSV" on this machine, which is
comparable across machines where seconds are not. CPU seconds (the import process's user + system time, and
read_csv's in this process) are printed beside them: on a shared machine, where a process may get a small share of
a core, they move far less with the load than wall-clock seconds. Then, per size:
- re-import of the same file (everything already present: content hashes compared in SQL);
- re-import of a changed version (every 10th row's `best` raised by one): updates in bulk and re-derives the
  touched events; its time is given as a multiple of the fresh import.
Finally the growth exponent k of time ~ rows^k between the sizes (1.0 = linear).

Run: .venv/bin/python bench/bench_import.py [--sizes 10000,100000,1000000] [--src DIR]
`--src DIR` runs the imports with another checkout's sources (PYTHONPATH=DIR), e.g. the previous release, for a
before/after comparison in one session. Outputs go to bench/out/ (git-ignored). Prints numbers; asserts nothing
about time.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GED_CSV = ROOT.parent / "shared" / "data" / "ucdp-ged-pakistan" / "ucdp_ged_22_1_pakistan.csv"
OUT = ROOT / "bench" / "out"


def write_resampled_ged(
    path: Path, rows: int, seed: int = 2024, source: Path = GED_CSV, change_every: int = 0
) -> Path:
    """`rows` rows drawn with replacement from the GED file at `source`, ids renumbered from 10,000,000.

    With `change_every` = n, every n-th row's `best` (and `high`) is one higher: the same file, revised.
    Shared with the tests (tests/conftest.py loads this file), so benchmark and tests use the same generator.
    """
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        data = [r for r in reader if not r[2].startswith("#")]  # HDX puts an HXL hashtag row under the header
    id_column, best, high = header.index("id"), header.index("best"), header.index("high")
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for number in range(rows):
            row = list(rng.choice(data))
            row[id_column] = str(10_000_000 + number)
            if change_every and number % change_every == 0:
                row[best] = str(int(row[best]) + 1)
                row[high] = str(max(int(row[high]), int(row[best])))
            writer.writerow(row)
    return path


def _tacitus() -> list[str]:
    script = Path(sys.executable).with_name("tacitus")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tacitus.cli"]


def run_import(data: Path, db: Path, src: str | None) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MiB, CPU seconds) of one `tacitus import` process."""
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    started = time.perf_counter()
    proc = subprocess.Popen([*_tacitus(), "import", "ucdp-ged", str(data), "--db", str(db)], env=env,
                            stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"import of {data} failed with exit code {proc.returncode}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # Linux reports KiB


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def read_csv_seconds(data: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of DuckDB's own read_csv loading every cell of the file into a table (in memory)."""
    import duckdb

    with duckdb.connect() as con:
        started, cpu = time.perf_counter(), _cpu()
        con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, all_varchar = true)", [str(data)])
        return time.perf_counter() - started, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--src", help="PYTHONPATH for the imports (another checkout's src/)")
    parser.add_argument("--no-reimport", action="store_true", help="fresh imports only")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    times: list[float] = []
    print(f"{'rows':>9} {'MiB':>6} {'import s':>9} {'rows/s':>9} {'peak RSS':>9} {'read_csv s':>10} "
          f"{'ratio':>6} {'cpu s':>7} {'cpu ratio':>9} {'same s':>7} {'same cpu':>8} {'changed s':>9} "
          f"{'changed/fresh':>13}")
    for rows in sizes:
        data = write_resampled_ged(OUT / f"ged_resampled_{rows}.csv", rows, args.seed)
        db = OUT / f"bench_import_{rows}.duckdb"
        for stale in (db, db.with_name(db.name + ".wal")):
            stale.unlink(missing_ok=True)
        seconds, peak, cpu = run_import(data, db, args.src)
        baseline, baseline_cpu = read_csv_seconds(data)
        times.append(seconds)
        same = same_cpu = changed = float("nan")
        if not args.no_reimport:
            same, _, same_cpu = run_import(data, db, args.src)
            revised = write_resampled_ged(OUT / f"ged_revised_{rows}.csv", rows, args.seed, change_every=10)
            changed, _, _ = run_import(revised, db, args.src)
            revised.unlink()
        print(f"{rows:>9,} {data.stat().st_size / 2**20:>6.0f} {seconds:>9.2f} {rows / seconds:>9,.0f} "
              f"{peak:>6,.0f} MiB {baseline:>10.2f} {baseline / seconds:>6.3f} {cpu:>7.2f} "
              f"{baseline_cpu / cpu:>9.3f} {same:>7.2f} {same_cpu:>8.2f} {changed:>9.2f} {changed / seconds:>12.1f}x")
        for stale in (db, db.with_name(db.name + ".wal"), data):
            stale.unlink(missing_ok=True)
    for (n1, t1), (n2, t2) in zip(zip(sizes, times, strict=True), zip(sizes[1:], times[1:], strict=True),
                                  strict=False):
        print(f"growth exponent {n1:,} → {n2:,} rows: {math.log(t2 / t1) / math.log(n2 / n1):.2f}")


if __name__ == "__main__":
    main()
