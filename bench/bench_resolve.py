"""Resolution at scale: `tacitus.resolve` on 10k, 30k and 100k records resampled from UCDP GED with jitter.

Each size runs in a child process of its own (so its peak resident memory is its own). The child draws GED
Pakistan events with replacement (fixed seed) from ../shared, moves each by up to half a year and a few km so
copies do not pile onto one day, and stores them as dataset `bench_a`; 60% of them are copied again into dataset
`bench_b` with the kind of disagreement two real datasets have (date off by a day in a third of cases, point
moved up to ~3 km, tolls scaled by 0.8–1.25), and the rest of `bench_b` is fresh draws. The true links are
known, so the child also reports pairwise precision and recall.

Density: `--density constant` (default) gives each 10k records a 33-year span of their own (draws are moved
by whole multiples of GED's span), so events per day stay as at 10k — a store covering more years;
`--density growing` keeps one span, so days get busier with n (more datasets over the same years) and
candidate pairs grow faster than n.

Timing: the resolve call, and as a baseline in the same process reading the whole records table into pandas
plus a hash self-join counting same-day pairs across the two datasets. The ratio resolve/baseline is
comparable across machines where seconds are not. Growth: the exponent b in time ≈ a·n^b between sizes.

Run: .venv/bin/python bench/bench_resolve.py [--sizes 10000 30000 100000] [--density constant|growing]
[--seed S]. Prints numbers only;
stores go to bench/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GED_CSV = ROOT.parent / "shared" / "data" / "ucdp-ged-pakistan" / "ucdp_ged_22_1_pakistan.csv"
OUT = ROOT / "bench" / "out"
_EPOCH_DAYS = 33 * 365  # GED Pakistan spans 33 years; "constant" density repeats that span once per 10k records


def _records(n: int, seed: int, epochs: int) -> tuple[list, list, dict[str, str]]:
    """(bench_a records, bench_b records, truth: bench_b record_key → bench_a record_key)."""
    from tacitus.ingest import get_layout, read_records
    from tacitus.model import Record

    ged = read_records(get_layout("ucdp-ged"), str(GED_CSV))
    rng = random.Random(seed)
    half = n // 2

    def moved(values: dict, days: int, km: float, toll: float) -> dict:
        out = dict(values)
        out["date"] = values["date"] + dt.timedelta(days=days)
        out["date_end"] = out["date"]
        if values.get("latitude") is not None:
            out["latitude"] = values["latitude"] + rng.uniform(-km, km) / 111.0
            out["longitude"] = values["longitude"] + rng.uniform(-km, km) / 93.0
        for name in ("killed_low", "killed_best", "killed_high"):
            if values.get(name) is not None:
                out[name] = round(values[name] * toll)
        if out.get("killed_low") is not None and out.get("killed_high") is not None:
            out["killed_low"], out["killed_high"] = sorted((out["killed_low"], out["killed_high"]))
        return out

    def draw() -> dict:
        epoch = rng.randrange(epochs) * _EPOCH_DAYS
        return moved(rng.choice(ged).values, epoch + rng.randint(-180, 180), 3.0, 1.0)

    a = [Record("bench_a", str(i), draw()) for i in range(half)]
    b, truth = [], {}
    for i in range(n - half):
        if i < int(0.6 * half):
            origin = a[i]
            days = rng.choice((0, 0, -1, 1))
            record = Record("bench_b", str(i), moved(origin.values, days, 3.0, rng.uniform(0.8, 1.25)))
            truth[record.record_key] = origin.record_key
        else:
            record = Record("bench_b", str(i), draw())
        b.append(record)
    return a, b, truth


def child(n: int, seed: int, density: str) -> dict:
    from tacitus.resolve import resolve
    from tacitus.store import open_store

    db = OUT / f"bench_resolve_{n}.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    # "constant": each 10k records get a 33-year span of their own, so events per day stay at the 10k level
    # (a store covering more years); "growing": one span for every n, so days get n/10k times busier.
    epochs = max(1, n // 10_000) if density == "constant" else 1
    a, b, truth = _records(n, seed, epochs)
    with open_store(db) as store:
        store.add_records(a, dataset="bench_a")
        store.add_records(b, dataset="bench_b")
        build = time.perf_counter() - started

        started = time.perf_counter()
        every = store.sql("SELECT * FROM records")
        pairs = store.sql(
            "SELECT count(*) AS n FROM records l JOIN records r ON r.date = l.date AND l.dataset < r.dataset"
        )["n"].iloc[0]
        baseline = time.perf_counter() - started

        started = time.perf_counter()
        summary = resolve(store)
        seconds = time.perf_counter() - started
        links = store.links()
    event_of = {f"{d}:{r}": e for e, d, r in links.itertuples(index=False)}
    sizes = Counter(event_of.values())
    found = sum(1 for k, v in truth.items() if event_of[k] == event_of[v])
    linked_b = sum(1 for k, e in event_of.items() if k.startswith("bench_b:") and sizes[e] > 1)
    return {
        "records": n,
        "build_s": round(build, 1),
        "resolve_s": round(seconds, 1),
        "baseline_s": round(baseline, 3),
        "baseline_rows": len(every),
        "candidate_pairs": int(pairs),
        "events_after": summary.events_after,
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "precision": round(found / linked_b, 3) if linked_b else 1.0,
        "recall": round(found / len(truth), 3) if truth else 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--seed", type=int, default=2014)
    parser.add_argument("--density", choices=("constant", "growing"), default="constant",
                        help="events per day constant across sizes (default) or growing with n")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.seed, args.density)))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(n), "--seed", str(args.seed), "--density", args.density],
            check=True, capture_output=True, text=True,
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        r = results[-1]
        print(f"{r['records']:>7,} records: resolve {r['resolve_s']:>7.1f} s ({r['resolve_s'] / r['baseline_s']:,.1f}× "
              f"reading the store, {r['candidate_pairs']:,} same-day pairs), peak {r['peak_mib']:,} MiB, "
              f"{r['events_after']:,} events; linkage precision {r['precision']}, recall {r['recall']}", flush=True)
    for before, after in itertools.pairwise(results):
        growth = math.log(after["resolve_s"] / before["resolve_s"]) / math.log(after["records"] / before["records"])
        print(f"growth {before['records']:,} → {after['records']:,}: time ∝ n^{growth:.2f}")


if __name__ == "__main__":
    main()
