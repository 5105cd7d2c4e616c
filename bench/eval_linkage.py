"""Precision and recall of cross-dataset linkage against hand-built gold sets, or against a store's reviewer labels.

Gold sets (bench/gold/, see docs/resolution.md): builds a fresh store per dataset pair from the files in
../shared/data (never shipped), runs `tacitus.resolve`, and compares the links for the hand-reviewed sample of
left-hand records with the gold decisions: a predicted link is right when it names the gold counterpart; a gold
"none" record must stay unlinked; "ambiguous" rows (the reviewer could not tell which of several rows is meant)
are left out. `--hard` scores only the hard cases (days on which one city saw two or more attacks).

Labels (`--labels STORE`): the store's current links against its reviewers' labels (`tacitus link
confirm|reject`): a confirmed pair sharing an event is a true positive, one apart a false negative, a rejected
pair sharing an event a false positive. Run it after `tacitus resolve --fit-from-labels` to see what the labels
taught (labels bind resolution, so a store freshly resolved with them scores 1.0: use labels the store did not
see, e.g. a copy labelled by a second reviewer, for an honest figure).

    .venv/bin/python bench/eval_linkage.py [--config FILE.yaml] [--shared DIR] [--threshold W ...] [--hard]
    .venv/bin/python bench/eval_linkage.py --labels pk.duckdb
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tacitus.ingest import get_layout, import_file
from tacitus.resolve import ResolveConfig, load_config, resolve
from tacitus.store import open_store

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "data"


@dataclass(frozen=True)
class Pair:
    """One evaluated dataset pair: the two imports and the gold file's columns."""

    name: str
    left: tuple[str, str]  # (layout, path under shared/data)
    right: tuple[str, str]
    gold: str
    left_column: str
    right_column: str


PAIRS = (
    Pair("tbij-drones ↔ pbc-drones", ("tbij-drones", "drone-strikes/tbij_pakistan_drone_strikes_2004_2013.csv"),
         ("pbc-drones", "drone-strikes/pakistanbodycount_drone_attacks_2004_2017.csv"),
         "tbij_pbc_drones.csv", "tbij_strike", "pbc_drones_s"),
    Pair("pbc-suicide ↔ ucdp-ged",
         ("pbc-suicide", "pakistan-suicide-attacks/pakistanbodycount_suicide_attacks_1995_2017.csv"),
         ("ucdp-ged", "ucdp-ged-pakistan/ucdp_ged_22_1_pakistan.csv"),
         "pbc_suicide_ged.csv", "pbc_suicide_s", "ged_id"),
)


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int
    evaluated: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(predicted: dict[str, str | None], gold: list[dict[str, str]], pair: Pair,
          hard_only: bool = False) -> tuple[Score, list[str]]:
    """Compare predicted partners with gold decisions; returns the score and one line per disagreement."""
    tp = fp = fn = evaluated = 0
    errors = []
    for row in gold:
        if row["decision"] == "ambiguous" or (hard_only and not row["reason"].startswith("hard-case")):
            continue
        evaluated += 1
        left = row[pair.left_column]
        want = row[pair.right_column] or None
        got = predicted.get(left)
        if got == want:
            tp += got is not None
            continue
        if got is not None:
            fp += 1
        if want is not None:
            fn += 1
        errors.append(f"  {left}: linked to {got or 'nothing'}, gold {want or 'nothing'} ({row['reason']})")
    return Score(tp, fp, fn, evaluated), errors


def predicted_partners(db: str, left: str, right: str) -> dict[str, str | None]:
    """Left record id → the right record id sharing its event (or None). An event may hold several left records
    (a splitting dataset's group); each of them has the event's right record as partner."""
    with open_store(db, read_only=True) as store:
        links = store.links()
    by_event: dict[str, dict[str, list[str]]] = {}
    for row in links.itertuples(index=False):
        by_event.setdefault(row.event_id, {}).setdefault(row.dataset, []).append(row.record_id)
    out: dict[str, str | None] = {}
    for ids in by_event.values():
        partner = ids.get(right, [None])[0]
        for record_id in ids.get(left, []):
            out[record_id] = partner
    return out


def evaluate_labels(db: str) -> Score:
    """A store's current links against its reviewer labels."""
    from tacitus.store.link_labels import CONFIRMED, link_labels

    with open_store(db, read_only=True) as store:
        labels = link_labels(store)
        records = store.sql("SELECT record_key, event_id FROM records")
    event_of = dict(zip(records["record_key"], records["event_id"], strict=True))
    tp = fp = fn = 0
    for a, b, label in zip(labels["record_a"], labels["record_b"], labels["label"], strict=True):
        together = event_of.get(a) is not None and event_of.get(a) == event_of.get(b)
        if label == CONFIRMED:
            tp += together
            fn += not together
        else:
            fp += together
    result = Score(tp, fp, fn, len(labels))
    print(f"{db}: {len(labels)} labelled pairs; TP {tp} FP {fp} FN {fn}; "
          f"precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}")
    return result


def _config(config_path: str | None, threshold: float | None) -> ResolveConfig:
    config = load_config(config_path)
    return config if threshold is None else dataclasses.replace(config, threshold_match_weight=threshold)


def evaluate(pair: Pair, shared: Path, config: ResolveConfig, workdir: Path, hard_only: bool = False) -> Score:
    db = str(workdir / (pair.gold.replace(".csv", "") + ".duckdb"))
    left_layout, right_layout = get_layout(pair.left[0]), get_layout(pair.right[0])
    fresh = not Path(db).exists()
    with open_store(db) as store:
        if fresh:
            import_file(store, left_layout, str(shared / pair.left[1]))
            import_file(store, right_layout, str(shared / pair.right[1]))
        started = time.perf_counter()
        summary = resolve(store, config)
        seconds = time.perf_counter() - started
    with open(HERE / "gold" / pair.gold, newline="", encoding="utf-8") as handle:
        gold = list(csv.DictReader(handle))
    result, errors = score(predicted_partners(db, left_layout.dataset, right_layout.dataset), gold, pair, hard_only)
    print(f"{pair.name} (threshold {config.threshold_match_weight:+g}{', hard cases only' if hard_only else ''}): "
          f"{summary.records:,} records → {summary.events_after:,} events "
          f"({', '.join(f'{k}: {v}' for k, v in summary.merges_by_pair.items())}; u {summary.u_source}; "
          f"resolve {seconds:.1f} s)")
    print(f"  gold sample: {result.evaluated} decided records ({sum(r['decision'] == 'ambiguous' for r in gold)} "
          f"ambiguous left out); TP {result.tp} FP {result.fp} FN {result.fn}")
    print(f"  precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}")
    for line in errors:
        print(line)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", help="resolution settings YAML (default: the shipped defaults)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder with the datasets (../shared/data)")
    parser.add_argument("--threshold", type=float, nargs="*", default=[None],
                        help="match-weight thresholds to try in turn (default: the config's)")
    parser.add_argument("--hard", action="store_true", help="score only the hard cases of the gold sets")
    parser.add_argument("--labels", metavar="STORE", help="score a store's links against its reviewer labels")
    args = parser.parse_args()
    if args.labels:
        evaluate_labels(args.labels)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for threshold in args.threshold:
            for pair in PAIRS:
                evaluate(pair, args.shared, _config(args.config, threshold), Path(tmp), args.hard)
    return 0


if __name__ == "__main__":
    sys.exit(main())
