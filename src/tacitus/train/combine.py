"""The combining rule: how a trained coder's prediction and the rules' decision make one value.

For each learned field (sub_event_type, attack_type, target_type), given the rules' value R and the model's most
probable label M with probability p:

1. R is empty, or generic (GENERIC: "Other", "unknown", …): the value is M when p ≥ `fill`, else R.
2. R is specific and M = R: R (the rules' evidence spans stand).
3. R is specific and M ≠ R: M when p ≥ `override`, else R. `override` above 1 means the rules always win.

`fill` and `override` are chosen per field at training time, on the cross-validation folds (the pair that gives
the highest weighted F1 of the combined coding, the more conservative pair on ties), and stored in the model's
meta file, so the rule a model applies is the rule its reported figures were measured with.
When the model sets the sub-event type, the event type is its ACLED parent. The model never removes an event.
Where the rules found no event at all, case 1 applies with `max(fill, ADD_FLOOR)`: a model alone founds an event
only on a better than even guess, since its training texts were all events and cannot teach it what is none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tacitus.model import ACLED_EVENT_TYPES
from tacitus.train.metrics import weighted_f1

GENERIC: Final[dict[str, frozenset[str]]] = {
    "sub_event_type": frozenset({"Other"}),
    "attack_type": frozenset({"unknown"}),
    "target_type": frozenset({"unknown", "other"}),
}
NEVER: Final = 1.01  # an override threshold no probability reaches
ADD_FLOOR: Final = 0.5
PARENT: Final[dict[str, str]] = {sub: parent for parent, subs in ACLED_EVENT_TYPES.items() for sub in subs}
_FILL_GRID: Final = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
_OVERRIDE_GRID: Final = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, NEVER)


@dataclass(frozen=True)
class Thresholds:
    fill: float
    override: float = NEVER


def combine(
    field: str, rule_value: str | None, label: str, prob: float, thresholds: Thresholds, found_event: bool = True
) -> str | None:
    """The value of `field` under the combining rule (module docstring); `found_event`: the rules found one."""
    if rule_value is None or rule_value in GENERIC.get(field, ()):
        fill = thresholds.fill if found_event else max(thresholds.fill, ADD_FLOOR)
        return label if prob >= fill else rule_value
    if label != rule_value and prob >= thresholds.override:
        return label
    return rule_value


def choose_thresholds(
    field: str,
    gold: Sequence[str],
    rules: Sequence[str | None],
    model: Sequence[tuple[str, float]],
    found: Sequence[bool],
) -> tuple[Thresholds, float]:
    """The (fill, override) pair with the best weighted F1 on held-out predictions, and that F1.

    Grids run from permissive to conservative and a later pair wins ties, so among equally good pairs the choice
    is the one that leaves most to the rules."""
    best, best_f1 = Thresholds(_FILL_GRID[0], _OVERRIDE_GRID[0]), -1.0
    for override in _OVERRIDE_GRID:
        for fill in _FILL_GRID:
            t = Thresholds(fill, override)
            combined = [combine(field, r, m, p, t, f) for r, (m, p), f in zip(rules, model, found, strict=True)]
            f1 = weighted_f1(gold, combined)
            if f1 >= best_f1:
                best, best_f1 = t, f1
    return best, best_f1
