"""Train a coder: cross-validate each learned field against the rules on the same folds, then fit on everything.

For every field the examples label (sub_event_type, attack_type, target_type) with at least two classes:
1. k stratified folds (seeded); on each, a classifier trained on the other folds predicts the held-out texts;
2. the rules' value for each text is the current extractor's (`tacitus.extract`), on its first event;
3. per class precision/recall/F1 of the model, the rules and the two combined are computed on those held-out
   predictions, and the combining thresholds are the pair that maximises the combined weighted F1 — picked on
   the same folds, so the combined figure is slightly optimistic, as any tuned figure is;
4. a final classifier is trained on all examples of the field and saved with the thresholds.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

import spacy

import tacitus
from tacitus.errors import InputError
from tacitus.train import textcat
from tacitus.train.coder import Head, save_coder
from tacitus.train.combine import NEVER, Thresholds, choose_thresholds, combine
from tacitus.train.examples import LABEL_FIELDS, Example, LabelledSet
from tacitus.train.metrics import ClassScore, per_class, weighted_f1

# Without cross-validation there is nothing to tune on: fill at even odds, never override the rules.
DEFAULT_THRESHOLDS = Thresholds(fill=0.5, override=NEVER)


@dataclass
class RuleCoding:
    """What the rules said about one text: the learned fields of its first event, and whether it had one."""

    values: dict[str, str | None]
    found_event: bool


@dataclass
class FieldReport:
    field: str
    examples: int
    thresholds: Thresholds
    model: list[ClassScore] = dataclass_field(default_factory=list)
    rules: list[ClassScore] = dataclass_field(default_factory=list)
    combined: list[ClassScore] = dataclass_field(default_factory=list)
    weighted: dict[str, float] = dataclass_field(default_factory=dict)  # model / rules / combined → weighted F1


@dataclass
class TrainReport:
    model_dir: str
    version: str
    fields: list[FieldReport]
    skipped_fields: list[str]


def rule_codings(examples: Sequence[Example]) -> list[RuleCoding]:
    """The current extractor's learned-field values for each example text (one pass, the model loaded once)."""
    from tacitus.extract import Extractor, document_id
    from tacitus.store.base import Document

    documents = [
        Document(
            f"{document_id(e.text)}-{i}", e.text, published=dt.date.fromisoformat(e.published) if e.published else None
        )
        for i, e in enumerate(examples)
    ]
    out = []
    for result in Extractor().pipe(documents):
        first = result.records[0] if result.records else None  # a document's first record is a main event
        values = {f: first.values.get(f) if first else None for f in LABEL_FIELDS}
        out.append(RuleCoding(values, bool(result.records)))
    return out


def stratified_folds(labels: Sequence[str], k: int, seed: int) -> list[int]:
    """A fold number per example: within each class, shuffled examples are dealt round the folds in turn."""
    order = list(range(len(labels)))
    random.Random(seed).shuffle(order)
    order.sort(key=lambda i: labels[i])  # stable: shuffled within each class
    folds = [0] * len(labels)
    for position, index in enumerate(order):
        folds[index] = position % k
    return folds


def _cross_validate(
    name: str,
    texts: list[str],
    labels: list[str],
    rules: list[RuleCoding],
    k: int,
    epochs: int,
    seed: int,
    on_step: Callable[[str], None],
) -> FieldReport:
    fold_of = stratified_folds(labels, k, seed)
    predicted: list[tuple[str, float]] = [("", 0.0)] * len(texts)
    for fold in range(k):
        on_step(f"{name}: fold {fold + 1}/{k}")
        train = [i for i in range(len(texts)) if fold_of[i] != fold]
        held = [i for i in range(len(texts)) if fold_of[i] == fold]
        nlp = textcat.train_classifier(
            [texts[i] for i in train], [labels[i] for i in train], epochs=epochs, seed=seed + fold
        )
        for i, guess in zip(held, textcat.predict(nlp, [texts[i] for i in held]), strict=True):
            predicted[i] = guess
    rule_values = [r.values[name] for r in rules]
    found = [r.found_event for r in rules]
    thresholds, _ = choose_thresholds(name, labels, rule_values, predicted, found)
    combined = [
        combine(name, r, m, p, thresholds, f) for r, (m, p), f in zip(rule_values, predicted, found, strict=True)
    ]
    model_values: list[str | None] = [m for m, _ in predicted]
    report = FieldReport(name, len(texts), thresholds)
    for kind, values in (("model", model_values), ("rules", rule_values), ("combined", combined)):
        setattr(report, kind, per_class(labels, values))
        report.weighted[kind] = weighted_f1(labels, values)
    return report


def _scores_meta(report: FieldReport) -> dict[str, Any]:
    return {
        "examples": report.examples,
        "cv_weighted_f1": {k: round(v, 4) for k, v in report.weighted.items()},
        "cv_per_class": {
            kind: {
                s.label: {
                    "support": s.support,
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4),
                }
                for s in getattr(report, kind)
            }
            for kind in ("model", "rules", "combined")
            if getattr(report, kind)
        },
    }


def train_coder(
    data: LabelledSet,
    output: str,
    *,
    folds: int = 5,
    epochs: int = 10,
    seed: int = 0,
    on_step: Callable[[str], None] = lambda _: None,
) -> TrainReport:
    """Cross-validate (folds ≥ 2) and train a coder on `data`, save it to `output`; see the module docstring."""
    rules: list[RuleCoding] = []
    if folds >= 2:
        on_step("rules on every example")
        rules = rule_codings(data.examples)
    heads: list[Head] = []
    reports: list[FieldReport] = []
    skipped: list[str] = []
    for name in LABEL_FIELDS:
        chosen = [i for i, e in enumerate(data.examples) if name in e.labels]
        texts = [data.examples[i].text for i in chosen]
        labels = [data.examples[i].labels[name] for i in chosen]
        if len(set(labels)) < 2:
            skipped.append(name)
            continue
        if folds >= 2:
            if len(texts) < 2 * folds:
                raise InputError(
                    data.path, f"{len(texts)} examples of {name} are too few for {folds} folds", field=name
                )
            report = _cross_validate(name, texts, labels, [rules[i] for i in chosen], folds, epochs, seed, on_step)
        else:
            report = FieldReport(name, len(texts), DEFAULT_THRESHOLDS)
        on_step(f"{name}: final model on {len(texts)} examples")
        nlp = textcat.train_classifier(texts, labels, epochs=epochs, seed=seed)
        heads.append(Head(name, nlp, report.thresholds))
        reports.append(report)
    if not heads:
        raise InputError(
            data.path,
            f"no field has examples of two or more classes ({', '.join(LABEL_FIELDS)})",
            field=LABEL_FIELDS[0],
        )
    meta = {
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "trained_on": {
            "source_kind": data.source_kind,
            "path": str(Path(data.path).resolve()),
            "rows": data.rows,
            "examples": len(data.examples),
            "sha256": data.sha256,
        },
        "tacitus_version": tacitus.__version__,
        "spacy_version": spacy.__version__,
        "seed": seed,
        "epochs": epochs,
        "folds": folds,
        "architecture": textcat.ARCHITECTURE,
        "fields": {r.field: _scores_meta(r) for r in reports},
    }
    version = save_coder(output, heads, meta)
    return TrainReport(output, version, reports, skipped)
