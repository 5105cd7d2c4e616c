"""How long the seed-claims report takes on the demo data, as a ratio to importing that data.

Both run here, in this process, on this machine, so the ratio travels between machines where seconds do not.
The acceptance bound is absolute (under 30 s on 2 cores); the seconds are printed for that check.

    .venv/bin/python bench/bench_report.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tacitus.demo import demo_data_path, seed_claims_path
from tacitus.ingest import get_layout, import_file
from tacitus.report import build_report, load_claims
from tacitus.store import open_store


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "demo.duckdb")
        started = time.perf_counter()
        with open_store(db) as store:
            import_file(store, get_layout("ucdp-ged"), str(demo_data_path()))
        baseline = time.perf_counter() - started
        claims = load_claims(seed_claims_path())
        with open_store(db, read_only=True) as store:
            started = time.perf_counter()
            report = build_report(store, claims, Path(folder) / "report.html")
            first = time.perf_counter() - started
            started = time.perf_counter()
            build_report(store, claims, Path(folder) / "again.html")
            second = time.perf_counter() - started
        size = report.html.stat().st_size
    print(f"baseline: import of the bundled GED data {baseline:.2f} s")
    print(f"report (first, incl. bundling the JavaScript): {first:.2f} s = {first / baseline:.2f}× baseline")
    print(f"report (again, same process): {second:.2f} s = {second / baseline:.2f}× baseline")
    print(f"{len(report.results)} claims, {len(report.figures)} figures, {size / 1e6:.1f} MB HTML")


if __name__ == "__main__":
    main()
