"""ACLED sub-event types from text: weighted F1 of the rules alone and of rules + a trained coder.

The CASE 2021 Task 2 measure: the `sub_event_type` of each document's first event (as `tacitus extract` writes
it) against the gold, support-weighted F1 over the 25 classes; a document without an event counts as a miss.

* dev  — bench/labels/acled_snippets_dev.jsonl, cross-validated: in each of --folds stratified folds a coder is
  trained (`tacitus.train.train_coder`, which picks its combining thresholds by an inner cross-validation on the
  training folds only) and applied (`tacitus.train.apply.code_results`, what `extract --model` runs) to the
  held-out fold; the rules are the same extractor on the same texts.
* locked — bench/labels/locked/acled_snippets_locked.jsonl: a coder trained on the whole dev half, applied to the
  locked half. Only aggregate figures are printed (locked/README.md): never per-record output.

Run: .venv/bin/python bench/eval_event_types.py [--folds 5] [--inner-folds 3] [--epochs 10] [--seed 0] [--no-locked]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "bench" / "labels" / "acled_snippets_dev.jsonl"
LOCKED = ROOT / "bench" / "labels" / "locked" / "acled_snippets_locked.jsonl"

sys.path.insert(0, str(ROOT / "src"))

from tacitus.extract import Extractor  # noqa: E402
from tacitus.extract.pipeline import DocResult  # noqa: E402
from tacitus.store.base import Document  # noqa: E402
from tacitus.train import Coder, train_coder  # noqa: E402
from tacitus.train.apply import code_results  # noqa: E402
from tacitus.train.examples import Example, LabelledSet, file_sha256  # noqa: E402
from tacitus.train.metrics import weighted_f1  # noqa: E402
from tacitus.train.trainer import stratified_folds  # noqa: E402


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _first(result: DocResult) -> str | None:
    return result.records[0].values.get("sub_event_type") if result.records else None


def _extract(extractor: Extractor, rows: list[dict[str, Any]]) -> list[DocResult]:
    docs = [
        Document(r["id"], r["text"], published=dt.date.fromisoformat(r["published"]) if r.get("published") else None)
        for r in rows
    ]
    return list(extractor.pipe(docs))


def _train(rows: list[dict[str, Any]], folder: Path, args: argparse.Namespace) -> Coder:
    examples = [Example(r["text"], {"sub_event_type": r["gold"]["sub_event_type"]}, r.get("published")) for r in rows]
    data = LabelledSet("jsonl", str(DEV), file_sha256(str(DEV)), len(rows), examples)
    train_coder(data, str(folder), folds=args.inner_folds, epochs=args.epochs, seed=args.seed)
    return Coder(folder)


def _score(extractor: Extractor, coder: Coder, rows: list[dict[str, Any]]) -> tuple[list[str | None], list[str | None]]:
    """First-event sub-event types of the rules alone, then of rules + coder, for `rows`."""
    results = _extract(extractor, rows)
    rules = [_first(r) for r in results]
    code_results(coder, results)
    return rules, [_first(r) for r in results]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--inner-folds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-locked", action="store_true")
    args = parser.parse_args()
    extractor = Extractor()
    dev = _rows(DEV)
    gold = [r["gold"]["sub_event_type"] for r in dev]
    fold_of = stratified_folds(gold, args.folds, args.seed)
    rules: list[str | None] = [None] * len(dev)
    combined: list[str | None] = [None] * len(dev)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(args.folds):
            held = [i for i in range(len(dev)) if fold_of[i] == fold]
            coder = _train([dev[i] for i in range(len(dev)) if fold_of[i] != fold], Path(tmp) / f"f{fold}", args)
            fold_rules, fold_combined = _score(extractor, coder, [dev[i] for i in held])
            for i, a, b in zip(held, fold_rules, fold_combined, strict=True):
                rules[i], combined[i] = a, b
        print(
            f"dev ({len(dev)} snippets, {args.folds}-fold cross-validated, inner {args.inner_folds} folds, "
            f"{args.epochs} epochs, seed {args.seed}; {time.perf_counter() - started:.0f} s)"
        )
        print(
            f"  rules alone      weighted F1 {weighted_f1(gold, rules):.3f}   no type {sum(v is None for v in rules)}"
        )
        print(
            f"  rules + model    weighted F1 {weighted_f1(gold, combined):.3f}   "
            f"no type {sum(v is None for v in combined)}"
        )
        if args.no_locked or not LOCKED.exists():
            return
        coder = _train(dev, Path(tmp) / "all", args)
        locked = _rows(LOCKED)
        locked_gold = [r["gold"]["sub_event_type"] for r in locked]
        locked_rules, locked_combined = _score(extractor, coder, locked)
        print(f"locked ({len(locked)} snippets; model trained on the whole dev half; aggregate only)")
        print(f"  rules alone      weighted F1 {weighted_f1(locked_gold, locked_rules):.3f}")
        print(f"  rules + model    weighted F1 {weighted_f1(locked_gold, locked_combined):.3f}")


if __name__ == "__main__":
    main()
