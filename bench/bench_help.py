"""Start-up time of the `tacitus` command: `tacitus --help` and `tacitus query --help`, each a whole process.

The target is under 1 s for `tacitus --help` (issue 12): listing the commands must not import the stages (spaCy,
Ibis, Altair). The baseline in the same session is a bare `python -c pass`, so the ratio says how much Tacitus
adds to the interpreter's own start-up on this machine.

Run: .venv/bin/python bench/bench_help.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

TACITUS = Path(sys.executable).with_name("tacitus")


def best_of(command: list[str], repeat: int) -> float:
    """Median wall time of `command`, run `repeat` times to completion."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    baseline = best_of([sys.executable, "-c", "pass"], args.repeat)
    for label, argv in (("tacitus --help", ["--help"]), ("tacitus query --help", ["query", "--help"])):
        seconds = best_of([str(TACITUS), *argv], args.repeat)
        print(f"{label:<22} {seconds:6.2f} s  ({seconds / baseline:4.1f}× bare python {baseline:.2f} s)")


if __name__ == "__main__":
    main()
