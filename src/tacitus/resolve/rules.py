"""Known merge rules, applied to the model's scored pairs before clustering.

The probabilistic model weighs each pair on its own; it cannot see that a pair is the *only* candidate either
record has. Practitioners who curate these lists use exactly that: New America counts strikes in one area
within hours of each other as one strike, and lists compiled in Washington and in Pakistan date the same
night-time strike a day apart (time zones, reporting dates). The Nek Mohammad strike of June 2004 is the
textbook case: 17 June in TBIJ, 18 June in PBC, the only strike in South Waziristan for months, yet its
place names and coordinates differ and its pair weight is thin.

Rule `sole_candidate`: two records of the same listed kind (e.g. drone strike), in the same district, from
different datasets, dated at most `max_days` apart, each being the *only* such record the other dataset has
for it, are raised to the link threshold. The rule only admits a pair to clustering; one-to-one assignment
and the cannot-link constraints from `split` still apply, and the link's explanation names the rule.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from tacitus.resolve.config import ResolveConfig

RULE_COLUMN = "rule"
MODEL_WEIGHT_COLUMN = "model_weight"  # the model's own weight, kept when a rule raises `match_weight`


def _kind_sql(kind: str) -> str:
    return "(suicide_l AND suicide_r)" if kind == "suicide" else f"(kind_l = '{kind}' AND kind_r = '{kind}')"


def rule_condition_sql(config: ResolveConfig) -> str:
    """SQL (over Splink's l/r columns) for the pairs the rule looks at; FALSE when the rule is off."""
    kinds = config.sole_candidate_kinds
    if not kinds:
        return "FALSE"
    listed = " OR ".join(_kind_sql(k) for k in kinds)
    return (
        f"(({listed}) AND admin2_l = admin2_r AND day_lo_l = day_hi_l AND day_lo_r = day_hi_r "
        f"AND abs(day_lo_l - day_lo_r) <= {config.sole_candidate_max_days} "
        f"AND source_dataset_l <> source_dataset_r)"
    )


def _in_rule(pairs: pd.DataFrame, config: ResolveConfig) -> pd.Series:
    kinds = set(config.sole_candidate_kinds)
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
        & ((pairs["day_lo_l"] - pairs["day_lo_r"]).abs() <= config.sole_candidate_max_days)
        & (pairs["source_dataset_l"] != pairs["source_dataset_r"])
    ).fillna(False).astype(bool)


def apply_sole_candidate(pairs: pd.DataFrame, config: ResolveConfig) -> pd.DataFrame:
    """Pairs with the rule applied: sole candidates raised to the threshold and marked in `rule`.

    `match_weight` becomes the weight clustering uses; `model_weight` keeps what the model said, which is what
    explanations report.
    """
    pairs = pairs.copy()
    pairs[RULE_COLUMN] = None
    pairs[MODEL_WEIGHT_COLUMN] = pairs["match_weight"]
    if pairs.empty:
        return pairs
    eligible = _in_rule(pairs, config)
    if not eligible.any():
        return pairs
    candidates = pairs[eligible]
    counts: Counter[tuple[str, str]] = Counter()
    for left, right, left_set, right_set in zip(candidates["unique_id_l"], candidates["unique_id_r"],
                                                candidates["source_dataset_l"], candidates["source_dataset_r"],
                                                strict=True):
        counts[(left, right_set)] += 1
        counts[(right, left_set)] += 1
    sole = [
        counts[(left, right_set)] == 1 and counts[(right, left_set)] == 1
        for left, right, left_set, right_set in zip(candidates["unique_id_l"], candidates["unique_id_r"],
                                                    candidates["source_dataset_l"], candidates["source_dataset_r"],
                                                    strict=True)
    ]
    raised = candidates.index[sole]
    floor = config.threshold_match_weight + 1e-9  # just above, so float rounding never drops a raised pair
    below = pairs.loc[raised, "match_weight"] < floor
    pairs.loc[raised, RULE_COLUMN] = "sole_candidate"
    pairs.loc[raised[below.to_numpy()], "match_weight"] = floor
    weight = pairs["match_weight"].astype(float)
    pairs["match_probability"] = 2.0**weight / (1.0 + 2.0**weight)
    return pairs
