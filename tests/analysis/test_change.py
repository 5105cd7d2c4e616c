"""Change detection and effect estimates on series whose answer is known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tacitus.analysis import (
    count_trend,
    level_difference,
    level_trend,
    mean_ratio,
    rate_ratio,
    share_difference,
    share_trend,
    structural_breaks,
)
from tacitus.analysis.intervals import wilson


def test_rate_ratio_recovers_a_doubling() -> None:
    rng = np.random.default_rng(7)
    before, after = pd.Series(rng.poisson(10, 48)), pd.Series(rng.poisson(20, 48))
    effect = rate_ratio(before, after)
    assert effect.low < 2.0 < effect.high
    assert effect.low > 1.0
    assert effect.estimate == pytest.approx(after.mean() / before.mean(), rel=1e-4)  # the MLE is the ratio


def test_rate_ratio_without_change_covers_one() -> None:
    rng = np.random.default_rng(11)
    effect = rate_ratio(pd.Series(rng.poisson(8, 36)), pd.Series(rng.poisson(8, 36)))
    assert effect.low < 1.0 < effect.high


def test_rate_ratio_when_one_side_is_empty_uses_the_exact_interval() -> None:
    effect = rate_ratio(pd.Series([0, 0, 0, 0]), pd.Series([2, 3, 1, 2]))
    assert effect.method == "exact conditional Poisson interval"
    assert effect.estimate == float("inf")
    assert 1.0 < effect.low < 8.0  # 8 events against none over equal time: clearly more, not infinitely so
    assert effect.high == float("inf")


def test_share_difference_bootstrap() -> None:
    before = np.array([1.0] * 10 + [0.0] * 90)
    after = np.array([1.0] * 40 + [0.0] * 60)
    effect = share_difference(before, after)
    assert effect.estimate == pytest.approx(0.30)
    assert 0.15 < effect.low < 0.30 < effect.high < 0.45
    assert (effect.before, effect.after) == (pytest.approx(0.1), pytest.approx(0.4))
    assert share_difference(before, after) == effect  # a fixed seed: the same data give the same interval


def test_mean_ratio_and_level_difference() -> None:
    effect = mean_ratio(np.array([2.0, 4.0, 6.0] * 20), np.array([4.0, 8.0, 12.0] * 20))
    assert effect.estimate == pytest.approx(2.0)
    assert effect.low > 1.5
    level = level_difference(pd.Series([3.0, 3.0, 4.0, 3.0]), pd.Series([6.0, 7.0, 6.0, 6.0]))
    assert level.estimate == pytest.approx(3.0)
    assert level.low > 2.0
    assert np.isnan(level_difference(pd.Series([1.0]), pd.Series([2.0])).estimate)  # one period is no sample


def test_trends() -> None:
    years = pd.Series([2008.0, 2009, 2010, 2011, 2012, 2013])
    counts = count_trend(years, pd.Series([10, 15, 22, 34, 50, 76]))
    assert counts.low < 1.5 < counts.high
    assert counts.low > 1.3
    slope = level_trend(years, pd.Series([1.0, 3.0, 5.0, 7.0, 9.0, 11.0]))
    assert slope.estimate == pytest.approx(2.0)
    rng = np.random.default_rng(3)
    times = rng.uniform(2008, 2014, 3000)
    flags = (rng.uniform(size=3000) < 1 / (1 + np.exp(-(times - 2011) * 0.5))).astype(float)
    odds = share_trend(times, flags)
    assert odds.low < np.exp(0.5) < odds.high


def test_structural_break_at_a_step() -> None:
    values = [3, 2, 4, 3, 3, 2, 4, 3, 15, 17, 14, 16, 15, 18]
    series = pd.Series(values, index=[f"2014-{m:02d}" for m in range(1, 13)] + ["2015-01", "2015-02"])
    breaks = structural_breaks(series)
    assert breaks.periods == ["2014-09"]
    assert breaks.segments["mean"].round(2).tolist() == [3.0, 15.83]


def test_no_break_in_noise() -> None:
    rng = np.random.default_rng(5)
    series = pd.Series(rng.poisson(6, 36), index=[str(i) for i in range(36)])
    assert structural_breaks(series).periods == []


def test_wilson_edges() -> None:
    low, high = wilson(pd.Series([0, 10]), pd.Series([10, 10]))
    assert low.iloc[0] == 0.0
    assert high.iloc[0] == pytest.approx(0.2775, abs=1e-4)  # standard table value for 0 of 10
    assert high.iloc[1] == pytest.approx(1.0)
    empty_low, _ = wilson(pd.Series([0]), pd.Series([0]))
    assert empty_low.isna().all()
