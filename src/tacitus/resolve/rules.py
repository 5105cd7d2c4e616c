"""Known merge rules: which scored pairs the `leftover` rule looks at (the decision is in assign.py).

The probabilistic model weighs each pair on its own; it cannot see that a pair is the *only* candidate either
record has. Practitioners who curate these lists use exactly that: New America counts strikes in one area
within hours of each other as one strike, and lists compiled in Washington and in Pakistan date the same
night-time strike a day apart (time zones, reporting dates). The Nek Mohammad strike of June 2004 is the
textbook case: 17 June in TBIJ, 18 June in PBC, the only strike in South Waziristan for months, yet its
place names and coordinates differ and its pair weight is thin.

Rule `leftover`: after the one-to-one assignment, the records it left without a partner get a second,
restricted one: pairs of the same listed kind (drone strikes; suicide attacks), in the same district, from
different datasets, dated at most `max_days` apart, are assigned one-to-one (again the optimal assignment) if
their weight reaches `min_weight`, below the threshold. The lists cover nearly the same strikes, so a strike
left over on a day in an agency is most likely the one left over in the other list, even when the pair's own
evidence is thin; running it after the main assignment means that pairs the evidence separates are settled
first. Cannot-link constraints still apply, and the link's explanation names the rule.
"""

from __future__ import annotations

import pandas as pd

from tacitus.resolve.config import ResolveConfig

ELIGIBLE_COLUMN = "rule_eligible"
MODEL_WEIGHT_COLUMN = "model_weight"  # the model's own weight, kept when a rule raises `match_weight`


def _kind_sql(kind: str) -> str:
    return "(suicide_l AND suicide_r)" if kind == "suicide" else f"(kind_l = '{kind}' AND kind_r = '{kind}')"


def rule_condition_sql(config: ResolveConfig) -> str:
    """SQL (over Splink's l/r columns) for the pairs the rule looks at; FALSE when the rule is off."""
    kinds = config.leftover_kinds
    if not kinds:
        return "FALSE"
    listed = " OR ".join(_kind_sql(k) for k in kinds)
    return (
        f"(({listed}) AND admin2_l = admin2_r AND day_lo_l = day_hi_l AND day_lo_r = day_hi_r "
        f"AND abs(day_lo_l - day_lo_r) <= {config.leftover_max_days} "
        f"AND source_dataset_l <> source_dataset_r)"
    )


def _in_rule(pairs: pd.DataFrame, config: ResolveConfig) -> pd.Series:
    kinds = set(config.leftover_kinds)
    same_kind = pd.Series(False, index=pairs.index)
    if "drone" in kinds:
        same_kind |= (pairs["kind_l"] == "drone") & (pairs["kind_r"] == "drone")
    if "suicide" in kinds:
        same_kind |= (pairs["suicide_l"] == True) & (pairs["suicide_r"] == True)  # noqa: E712 (nullable)
    return (
        same_kind
        & (pairs["admin2_l"] == pairs["admin2_r"])
        & (pairs["day_lo_l"] == pairs["day_hi_l"])
        & (pairs["day_lo_r"] == pairs["day_hi_r"])
        & ((pairs["day_lo_l"] - pairs["day_lo_r"]).abs() <= config.leftover_max_days)
        & (pairs["source_dataset_l"] != pairs["source_dataset_r"])
    ).fillna(False).astype(bool)


def mark_leftover_candidates(pairs: pd.DataFrame, config: ResolveConfig) -> pd.DataFrame:
    """Pairs with `rule_eligible` (the pair is of the kind the rule looks at) and `model_weight` (the model's
    weight, which explanations report). Which eligible pairs link is decided after the one-to-one assignment
    (tacitus.resolve.assign): only records the main assignment left without a partner compete."""
    pairs = pairs.copy()
    pairs[MODEL_WEIGHT_COLUMN] = pairs["match_weight"]
    pairs[ELIGIBLE_COLUMN] = _in_rule(pairs, config) if len(pairs) else pd.Series(dtype=bool)
    return pairs
