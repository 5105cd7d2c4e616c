"""Per-class precision, recall and F1, and their support-weighted mean (the CASE 2021 Task 2 score).

A missing prediction (None: the coder gave no value) is wrong for the gold class and counts against no other
class, so a coder that abstains loses recall, not precision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ClassScore:
    label: str
    support: int
    precision: float
    recall: float
    f1: float


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def per_class(gold: Sequence[str], predicted: Sequence[str | None]) -> list[ClassScore]:
    """Scores for every gold class, most frequent first (ties by name)."""
    support = Counter(gold)
    hits = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    said = Counter(p for p in predicted if p is not None)
    out = []
    for label, n in sorted(support.items(), key=lambda kv: (-kv[1], kv[0])):
        precision, recall = _ratio(hits[label], said[label]), _ratio(hits[label], n)
        f1 = _ratio(2 * hits[label], said[label] + n)
        out.append(ClassScore(label, n, precision, recall, f1))
    return out


def weighted_f1(gold: Sequence[str], predicted: Sequence[str | None]) -> float:
    """Support-weighted mean F1 over the gold classes."""
    scores = per_class(gold, predicted)
    total = sum(s.support for s in scores)
    return sum(s.f1 * s.support for s in scores) / total if total else 0.0
