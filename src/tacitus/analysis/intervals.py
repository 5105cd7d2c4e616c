"""Interval estimates shared by the indicators and the before/after comparisons.

Shares get Wilson score intervals (well-behaved for small counts and shares near 0 or 1, where the textbook
normal interval runs outside [0, 1]); statistics without a closed form get a percentile bootstrap with a fixed
seed, so a report rebuilt from the same data shows the same interval.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy import stats

LEVEL = 0.95
BOOTSTRAP_REPLICATES = 2000
SEED = 20141216  # any fixed number: intervals must not change between runs on the same data


def wilson(successes: pd.Series, trials: pd.Series, level: float = LEVEL) -> tuple[pd.Series, pd.Series]:
    """Wilson score interval for successes/trials, elementwise; empty where there are no trials.

    >>> low, high = wilson(pd.Series([5]), pd.Series([10]))
    >>> round(float(low.iloc[0]), 3), round(float(high.iloc[0]), 3)
    (0.237, 0.763)
    """
    z = float(stats.norm.ppf(0.5 + level / 2))
    n = trials.astype("float64").where(trials > 0)
    p = successes.astype("float64") / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half).clip(lower=0), (centre + half).clip(upper=1)


def bootstrap_difference(
    before: np.ndarray,
    after: np.ndarray,
    statistic: Callable[[np.ndarray], float],
    *,
    ratio: bool = False,
    replicates: int = BOOTSTRAP_REPLICATES,
    level: float = LEVEL,
) -> tuple[float, float, float]:
    """statistic(after) − statistic(before) (or their ratio), with a percentile bootstrap interval.

    Each sample is resampled on its own (the two periods are independent samples of events or periods).
    """
    rng = np.random.default_rng(SEED)

    def effect(a: float, b: float) -> float:
        if ratio:
            return a / b if b else float("nan")
        return a - b

    estimate = float(effect(statistic(after), statistic(before)))
    draws = np.empty(replicates)
    for i in range(replicates):
        a = after[rng.integers(0, len(after), len(after))]
        b = before[rng.integers(0, len(before), len(before))]
        draws[i] = effect(statistic(a), statistic(b))
    draws = draws[np.isfinite(draws)]
    if not len(draws):
        return estimate, float("nan"), float("nan")
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(draws, [tail, 100 - tail])
    return estimate, float(low), float(high)
