"""Geocoder speed and GED agreement, with and without GED-derived gazetteer entries.

    .venv/bin/python bench/bench_geocode.py [--shared ../shared] [--skip-no-ged]

Prints: load time (fresh interpreter state: gazetteer parse + indexes), lookups/s over the
distinct GED labels without the result cache (every call ranks from scratch) and with it, a
plain-dict baseline measured in the same run, find_mentions throughput, and agreement with
GED's own coordinates for the shipped gazetteer and for one rebuilt without GED entries.
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--skip-no-ged", action="store_true")
    args = parser.parse_args()

    t0 = time.perf_counter()
    from tacitus.geo import Geocoder

    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    geocoder = Geocoder.load()
    t_load = time.perf_counter() - t0
    print(f"import tacitus.geo: {t_import:.3f} s; load gazetteer ({len(geocoder.gazetteer)} entries): {t_load:.3f} s")

    from tacitus.geo.evaluate import ged_agreement, read_ged

    ged = read_ged(args.shared / "data/ucdp-ged-pakistan/ucdp_ged_22_1_pakistan.csv")
    labels = [str(x) for x in ged["where_coordinates"].dropna().unique()]
    names = [lab.split(",")[0] for lab in labels]

    # uncached: clear the result cache before each pass so every lookup ranks afresh
    geocoder._cache.clear()
    geocoder.geocode("warm-up")  # builds lazy fuzzy index once
    geocoder._cache.clear()
    t0 = time.perf_counter()
    for name in names:
        geocoder.geocode(name)
    t_uncached = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(5):
        for name in names:
            geocoder.geocode(name)
    t_cached = (time.perf_counter() - t0) / 5
    table = {n: n for n in names}
    t0 = time.perf_counter()
    for _ in range(50):
        for name in names:
            table.get(name)
    t_dict = (time.perf_counter() - t0) / 50
    n = len(names)
    print(f"geocode, uncached: {n / t_uncached:,.0f} lookups/s ({n} distinct GED names)")
    print(f"geocode, cached:   {n / t_cached:,.0f} lookups/s")
    print(f"dict.get baseline: {n / t_dict:,.0f} lookups/s (uncached geocode is {t_uncached / t_dict:,.0f}x slower)")

    # the same GED names with the village index switched off, in the same run: what the 130,000 villages cost
    from tacitus.geo.villages import VillageIndex

    core_only = Geocoder(geocoder.gazetteer, geocoder.history, VillageIndex(Path("/nonexistent/villages.sqlite")))
    core_only.geocode("warm-up")

    def best_rate(g: Geocoder) -> float:
        """Best of three uncached passes (the machine is shared: the best pass is the least disturbed)."""
        rates = []
        for _ in range(3):
            g._cache.clear()
            g._contexts.clear()
            g.villages._cache.clear()
            start = time.perf_counter()
            for name in names:
                g.geocode(name)
            rates.append(n / (time.perf_counter() - start))
        return max(rates)

    with_villages, core = best_rate(geocoder), best_rate(core_only)
    print(f"geocode, uncached, best of 3: {with_villages:,.0f} lookups/s with villages, {core:,.0f} core only")

    # village names (the lazily opened SQLite index): a sample of names the core gazetteer does not hold
    import random
    import resource

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    villages = [e.name for e in geocoder.villages.all_entries()]
    random.Random(0).shuffle(villages)
    sample = villages[:3000]
    geocoder._cache.clear()
    geocoder.villages._cache.clear()
    t0 = time.perf_counter()
    for name in sample:
        geocoder.geocode(name, context=("Khyber Pakhtunkhwa",))
    t_villages = time.perf_counter() - t0
    print(
        f"geocode village names, uncached: {len(sample) / t_villages:,.0f} lookups/s "
        f"({len(sample)} of {len(villages):,} villages; max RSS {rss_before / 1024:,.0f} MB before loading the "
        f"village list for this sample)"
    )

    text = " ".join(
        f"Militants attacked a checkpost near {a} in {b} on Monday, officials said."
        for a, b in itertools.pairwise(names)
    )
    geocoder.find_mentions("warm-up Peshawar")
    t0 = time.perf_counter()
    found = geocoder.find_mentions(text)
    t_mentions = time.perf_counter() - t0
    print(f"find_mentions: {len(text) / t_mentions / 1e6:.2f} M chars/s ({len(found)} mentions in {len(text):,} chars)")

    for label, use_ctx in (("with GED adm_1/adm_2 context", True), ("name only", False)):
        report = ged_agreement(geocoder, ged, use_context=use_ctx)
        print(
            f"GED agreement ({label}), shipped gazetteer: {report.agree}/{report.places} = {report.rate:.1%} "
            f"within 25 km; events resolved {report.events_resolved}/{report.events}"
        )

    if not args.skip_no_ged:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [
                    sys.executable,
                    str(REPO / "scripts/build_gazetteer.py"),
                    "--shared",
                    str(args.shared),
                    "--out",
                    tmp,
                    "--no-ged",
                ],
                check=True,
                capture_output=True,
            )
            import gzip

            from tacitus.geo.admin import AdminHistory
            from tacitus.geo.gazetteer import Gazetteer, parse_entries

            text_rows = gzip.decompress((Path(tmp) / "gazetteer_no_ged.tsv.gz").read_bytes()).decode()
            no_ged = Geocoder(Gazetteer(list(parse_entries(text_rows))), AdminHistory.load())
            for label, use_ctx in (("with context", True), ("name only", False)):
                report = ged_agreement(no_ged, ged, use_context=use_ctx)
                exact = report.places - sum(1 for d in report.disagreements if d.km is None)
                print(
                    f"GED agreement ({label}), GeoNames + WOF villages + curated: {report.agree}/{report.places} = "
                    f"{report.rate:.1%} within 25 km; {exact} labels resolved to something"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
