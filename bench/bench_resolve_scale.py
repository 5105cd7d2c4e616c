"""Resolution on DuckDB and on Spark: seconds, records/s, links, linked-pair agreement between engines, growth.

What is timed is `tacitus.resolve.resolver.link`, the resolver from features to links with the engine switch:
the dataset pair's prior, training on the driver (u by sampling, m by EM), blocking and scoring every candidate
pair on the engine (`engine="duckdb"` or `"spark"`), the period weights and the optimal one-to-one assignment.
The CPU time of this process (all its threads: DuckDB's, pandas', the driver's on Spark, not the JVM's) is
printed beside wall time, which other load on a shared machine distorts. Not timed: computing features from a
store's records (per record, the same for both engines) and writing the links back through `Store.assign`
(bench/bench_resolve.py times whole runs on stores).

Records are GED-shaped features: the real UCDP GED Pakistan rows (../shared/data) replicated with new ids, each
replica moved 40 years on so that the density of candidate pairs per day stays that of the real data, plus a
second dataset of noisy copies of half of them (dates a day off, points moved, tolls changed, fields dropped).

Run: .venv/bin/python bench/bench_resolve_scale.py [--sizes 100000 300000 1000000] [--engines duckdb spark]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
GED = ROOT.parent / "shared" / "data" / "ucdp-ged-pakistan" / "ucdp_ged_22_1_pakistan.csv"
_SHIFT_DAYS = 40 * 366


def real_features() -> pd.DataFrame:
    """Linkage features of the real GED file, imported into a throw-away in-memory store."""
    import tacitus
    from tacitus.ingest import get_layout, import_file
    from tacitus.resolve.features import linkage_frame

    with tacitus.open(":memory:") as store:
        import_file(store, get_layout("ucdp-ged"), str(GED))
        records = store.sql("SELECT * FROM records ORDER BY record_key")
    return linkage_frame(records)


def noisy_copies(features: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """n noisy copies of random records as a second dataset `copies` (what a second source codes differently)."""
    rng = np.random.default_rng(seed)
    copies = features.sample(n=n, random_state=seed, replace=n > len(features)).copy()
    copies["unique_id"] = [f"copy:{i}:{u}" for i, u in enumerate(copies["unique_id"])]
    copies["source_dataset"] = "copies"
    shift = pd.array(rng.choice([0, 0, 0, 1, -1], size=n), dtype="Int64")
    copies["day_lo"], copies["day_hi"] = copies["day_lo"] + shift, copies["day_hi"] + shift
    copies["lat"] = copies["lat"] + rng.normal(0, 0.05, size=n)
    copies["lon"] = copies["lon"] + rng.normal(0, 0.05, size=n)
    copies["killed_hi"] = copies["killed_hi"] + pd.array(rng.integers(0, 6, size=n), dtype="Int64")
    for column in ("kind", "perpetrator", "admin2"):
        copies.loc[rng.random(n) < 0.3, column] = None
    return copies.reset_index(drop=True)


def generated(base: pd.DataFrame, size: int, seed: int = 11) -> pd.DataFrame:
    """`size` records: replicas of `base` (2/3) and noisy copies of them (1/3)."""
    originals = size - size // 3
    replicas = []
    for k in range(math.ceil(originals / len(base))):
        replica = base.copy()
        replica["unique_id"] = f"r{k}:" + replica["unique_id"]
        replica["day_lo"] = replica["day_lo"] + k * _SHIFT_DAYS
        replica["day_hi"] = replica["day_hi"] + k * _SHIFT_DAYS
        replicas.append(replica)
    records = pd.concat(replicas, ignore_index=True).iloc[:originals]
    return pd.concat([records, noisy_copies(records, size // 3, seed)], ignore_index=True)


def exponent(sizes: list[int], seconds: list[float]) -> float:
    xs, ys = np.log(sizes), np.log(seconds)
    return float(np.polyfit(xs, ys, 1)[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--engines", nargs="+", choices=["duckdb", "spark"], default=["duckdb", "spark"])
    args = parser.parse_args()

    from tacitus.resolve.config import load_config
    from tacitus.resolve.resolver import link
    from tacitus.spark.linkage import linked_pairs, pair_agreement

    config = load_config()
    base = real_features()
    session = None
    if "spark" in args.engines:
        from tacitus.spark import spark_session

        session = spark_session()
    seconds: dict[str, list[float]] = {engine: [] for engine in args.engines}
    for size in args.sizes:
        features = generated(base, size)
        print(f"\n{size} records ({features['source_dataset'].value_counts().to_dict()})")
        found = {}
        for engine in args.engines:
            start, cpu = time.perf_counter(), time.process_time()
            linked = link(features, config, engine=engine, spark=session)
            took, cpu = time.perf_counter() - start, time.process_time() - cpu
            found[engine] = linked_pairs(linked.assignment.clusters)
            seconds[engine].append(took)
            print(f"  {engine:<7} {took:8.1f} s {size / took:10.0f} records/s  {cpu:8.1f} s CPU in this process  "
                  f"{len(linked.pairs)} scored pairs, {len(found[engine])} linked pairs", flush=True)
        if len(found) == 2:
            print(f"  linked-pair agreement spark vs duckdb: {pair_agreement(found['duckdb'], found['spark']):.4f}")
    if len(args.sizes) > 1:
        print("\ngrowth exponent b (time ∝ n^b): " + ", ".join(
            f"{engine} {exponent(args.sizes, secs):.2f}" for engine, secs in seconds.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
