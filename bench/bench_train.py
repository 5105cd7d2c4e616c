"""Training time and peak memory of `tacitus train` at 5,000 and 50,000 examples, each a whole process.

Examples are synthesised from the own-words development snippets (bench/labels/acled_snippets_dev.jsonl) by
recombining sentences within a sub-event type: the first sentence of one snippet followed by the rest of
another snippet of the same type, so texts are news-like, varied and correctly labelled. Each size runs
`tacitus train --from synth.jsonl --folds 0` (reading, training, saving; no cross-validation, which multiplies
the time by folds + 1) as its own process; wall time and the process's peak resident memory (wait4 rusage) are
reported beside a baseline run of 500 examples in the same session, so the figures read as ratios on any machine.

Run: .venv/bin/python bench/bench_train.py [--sizes 5000 50000] [--epochs 1] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "bench" / "labels" / "acled_snippets_dev.jsonl"
TACITUS = [str(Path(sys.executable).with_name("tacitus"))]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def synthesise(n: int, seed: int) -> list[dict[str, object]]:
    """n labelled texts, types in turn, each the first sentence of one snippet and the rest of another."""
    by_type: dict[str, list[list[str]]] = defaultdict(list)
    for line in DEV.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_type[row["gold"]["sub_event_type"]].append(_SENTENCE.split(row["text"].strip()))
    types = sorted(by_type)
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for i in range(n):
        label = types[i % len(types)]
        first, second = rng.choice(by_type[label]), rng.choice(by_type[label])
        tail = second[1:] or second[:1]
        out.append({"id": f"syn-{i}", "text": " ".join([first[0], *tail]), "gold": {"sub_event_type": label}})
    return out


def run(size: int, folder: Path, epochs: int, seed: int) -> tuple[float, float]:
    """(seconds, peak resident MB) of one `tacitus train` process on `size` synthetic examples."""
    data = folder / f"synth_{size}.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in synthesise(size, seed)), encoding="utf-8")
    argv = [
        *TACITUS,
        "train",
        "--from",
        str(data),
        "-o",
        str(folder / f"model_{size}"),
        "--folds",
        "0",
        "--epochs",
        str(epochs),
        "--seed",
        str(seed),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"train failed at {size}: {process.stderr.read().decode() if process.stderr else ''}")
    return seconds, usage.ru_maxrss / 1024  # Linux reports kilobytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000])
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base_s, base_mb = run(500, Path(tmp), args.epochs, args.seed)
        print(f"baseline    500 examples: {base_s:7.1f} s  peak {base_mb:6.0f} MB  ({args.epochs} epoch(s), no CV)")
        for size in args.sizes:
            seconds, mb = run(size, Path(tmp), args.epochs, args.seed)
            rate = (size - 500) * args.epochs / max(seconds - base_s, 1e-9)
            print(
                f"{size:>10,} examples: {seconds:7.1f} s  peak {mb:6.0f} MB  "
                f"time ×{seconds / base_s:.1f} and memory ×{mb / base_mb:.2f} of the baseline; "
                f"~{rate:,.0f} examples trained per second beyond the baseline"
            )


if __name__ == "__main__":
    main()
