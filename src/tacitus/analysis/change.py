"""Change detection: structural breaks in a series, and effects with intervals for before/after and trend claims.

Every function returns an `Effect` — an estimate, a 95% interval and what the null value is — so a claim ("attacks
rose after the offensive") becomes a number with an interval, and its verdict a comparison of that interval with
the null (see `tacitus.report.claims`).

Methods, chosen for event counts, which are overdispersed (bursts of attacks):
- counts: negative-binomial regression (NB2, statsmodels) of per-period counts on an after-indicator or on time;
  exp(coefficient) is a rate ratio. When the NB fit fails (too few periods, no variation) a quasi-Poisson GLM (a
  Poisson fit with Pearson-scaled errors) is used instead, and the method says so;
- shares of events: difference after − before with a percentile bootstrap over events; trends by a logistic
  regression of the event-level flag on time (odds ratio per year);
- means over events (lethality): ratio after / before with a percentile bootstrap over events;
- per-period levels (admin2 units, standard distance, number of groups): difference of mean levels with a
  bootstrap over periods; trends by ordinary least squares (slope per year).
Structural breaks: PELT (ruptures) with an L2 cost on the series (square-rooted when it is a count, which makes
its variance roughly constant) and a BIC-type penalty 2·σ²·log n, σ estimated robustly from first differences
(for counts at least 1/2, the noise of a square-rooted Poisson count, so sparse series do not break at every blip).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from tacitus.analysis.intervals import LEVEL, bootstrap_difference


@dataclass(frozen=True)
class Effect:
    """An estimated change with its interval; `null` is the no-change value (1 for ratios, 0 for differences)."""

    measure: str
    estimate: float
    low: float
    high: float
    null: float
    method: str
    before: float | None = None
    after: float | None = None
    n_before: int | None = None
    n_after: int | None = None

    @property
    def ratio(self) -> bool:
        return self.null == 1.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _nan_effect(measure: str, null: float, method: str, **extra: Any) -> Effect:
    return Effect(measure, float("nan"), float("nan"), float("nan"), null, method, **extra)


def _count_model(y: np.ndarray, x: np.ndarray) -> tuple[float, float, float, str]:
    """Coefficient of x (exp'd) with its interval from NB2, falling back to quasi-Poisson."""
    import statsmodels.api as sm

    design = sm.add_constant(x.astype("float64"), has_constant="add")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fit = sm.NegativeBinomial(y, design).fit(disp=0, maxiter=200)
            coef, (lo, hi) = float(fit.params[1]), fit.conf_int(1 - LEVEL)[1]
            if fit.mle_retvals.get("converged", True) and all(abs(v) < 50 for v in (coef, lo, hi)):
                return math.exp(coef), math.exp(lo), math.exp(hi), "negative-binomial regression (NB2)"
        except (ValueError, np.linalg.LinAlgError):
            pass
        fit = sm.GLM(y, design, family=sm.families.Poisson()).fit(scale="X2")
        coef, (lo, hi) = float(fit.params[1]), fit.conf_int(1 - LEVEL)[1]
    low, high = (float(np.exp(v)) for v in (lo, hi))
    return math.exp(coef), low, high, "quasi-Poisson regression"


def rate_ratio(before: pd.Series, after: pd.Series) -> Effect:
    """Rate after / before from per-period counts (equal-length periods), e.g. events per month."""
    measure = "rate ratio (after / before)"
    stats: dict[str, Any] = {
        "before": float(before.mean()) if len(before) else None,
        "after": float(after.mean()) if len(after) else None,
        "n_before": len(before),
        "n_after": len(after),
    }
    y = np.concatenate([before.to_numpy("float64"), after.to_numpy("float64")])
    if not len(before) or not len(after) or y.sum() == 0:
        return _nan_effect(measure, 1.0, "no counts to compare", **stats)
    if not before.sum() or not after.sum():
        estimate, low, high = _exact_rate_ratio(float(before.sum()), len(before), float(after.sum()), len(after))
        method = "exact conditional Poisson interval"
    else:
        x = np.concatenate([np.zeros(len(before)), np.ones(len(after))])
        estimate, low, high, method = _count_model(y, x)
    return Effect(measure, estimate, low, high, 1.0, method, **stats)


def _exact_rate_ratio(before: float, n_before: int, after: float, n_after: int) -> tuple[float, float, float]:
    """Rate ratio with the exact interval conditional on the total (Clopper–Pearson on after / total).

    Used when one side has no events at all, where regression estimates run off to infinity.
    """
    from scipy import stats

    total = before + after
    tail = (1 - LEVEL) / 2
    p_low = float(stats.beta.ppf(tail, after, total - after + 1)) if after else 0.0
    p_high = float(stats.beta.ppf(1 - tail, after + 1, total - after)) if before else 1.0
    scale = n_before / n_after

    def odds(p: float) -> float:
        return p / (1 - p) * scale if p < 1 else float("inf")

    return odds(after / total), odds(p_low), odds(p_high)


def share_difference(before: np.ndarray, after: np.ndarray) -> Effect:
    """Share after − before from event-level 0/1 flags (unknowns already dropped), bootstrap interval."""
    measure = "difference in share (after − before)"
    stats = {"n_before": len(before), "n_after": len(after)}
    if not len(before) or not len(after):
        return _nan_effect(measure, 0.0, "too few events", **stats)
    estimate, low, high = bootstrap_difference(before, after, np.mean)
    return Effect(
        measure, float(estimate), low, high, 0.0, "percentile bootstrap over events",
        before=float(before.mean()), after=float(after.mean()), **stats,
    )


def mean_ratio(before: np.ndarray, after: np.ndarray) -> Effect:
    """Mean after / mean before from event-level values (e.g. killed per event), bootstrap interval."""
    measure = "ratio of means (after / before)"
    stats = {"n_before": len(before), "n_after": len(after)}
    if not len(before) or not len(after) or not before.mean():
        return _nan_effect(measure, 1.0, "too few events", **stats)
    estimate, low, high = bootstrap_difference(before, after, np.mean, ratio=True)
    return Effect(
        measure, estimate, low, high, 1.0, "percentile bootstrap over events",
        before=float(before.mean()), after=float(after.mean()), **stats,
    )


def level_difference(before: pd.Series, after: pd.Series) -> Effect:
    """Mean per-period level after − before (e.g. districts with events per quarter), bootstrap over periods."""
    measure = "difference in mean level (after − before)"
    b, a = before.dropna().to_numpy("float64"), after.dropna().to_numpy("float64")
    stats = {"n_before": len(b), "n_after": len(a)}
    if len(b) < 2 or len(a) < 2:
        return _nan_effect(measure, 0.0, "too few periods", **stats)
    estimate, low, high = bootstrap_difference(b, a, np.mean)
    return Effect(
        measure, estimate, low, high, 0.0, "percentile bootstrap over periods",
        before=float(b.mean()), after=float(a.mean()), **stats,
    )


def count_trend(times: pd.Series, totals: pd.Series) -> Effect:
    """Rate ratio per year from per-period counts against time in years."""
    measure = "rate ratio per year"
    if len(totals) < 3 or float(totals.sum()) == 0:
        return _nan_effect(measure, 1.0, "too few periods")
    t = times.to_numpy("float64")
    estimate, low, high, method = _count_model(totals.to_numpy("float64"), t - t.mean())
    return Effect(
        measure, estimate, low, high, 1.0, method,
        before=float(totals.iloc[0]), after=float(totals.iloc[-1]), n_before=len(totals),
    )


def share_trend(times: np.ndarray, flags: np.ndarray) -> Effect:
    """Odds ratio per year from a logistic regression of event-level 0/1 flags on the event's time in years."""
    import statsmodels.api as sm

    measure = "odds ratio per year"
    if len(flags) < 10 or flags.min() == flags.max():
        return _nan_effect(measure, 1.0, "too few events or no variation", n_before=len(flags))
    design = sm.add_constant(times.astype("float64") - times.mean(), has_constant="add")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = sm.GLM(flags.astype("float64"), design, family=sm.families.Binomial()).fit()
    coef, (lo, hi) = float(fit.params[1]), fit.conf_int(1 - LEVEL)[1]
    with np.errstate(over="ignore"):  # perfect separation: an interval running to infinity is the honest answer
        estimate, low, high = (float(np.exp(v)) for v in (coef, lo, hi))
    return Effect(measure, estimate, low, high, 1.0, "logistic regression on events", n_before=len(flags))


def level_trend(times: pd.Series, values: pd.Series) -> Effect:
    """OLS slope per year of per-period levels."""
    import statsmodels.api as sm

    measure = "change per year"
    keep = values.notna()
    t, v = times[keep].to_numpy("float64"), values[keep].to_numpy("float64")
    if len(v) < 3:
        return _nan_effect(measure, 0.0, "too few periods", n_before=len(v))
    fit = sm.OLS(v, sm.add_constant(t, has_constant="add")).fit()
    coef, (lo, hi) = float(fit.params[1]), fit.conf_int(1 - LEVEL)[1]
    return Effect(
        measure, coef, float(lo), float(hi), 0.0, "least-squares slope",
        before=float(v[0]), after=float(v[-1]), n_before=len(v),
    )


@dataclass(frozen=True)
class Breaks:
    """Where a series changes level: the first period of each new segment, and every segment's mean."""

    periods: list[str]
    segments: pd.DataFrame  # columns: start, end, mean


def structural_breaks(series: pd.Series, *, count: bool = True, min_size: int = 3,
                      penalty: float | None = None) -> Breaks:
    """Breaks in a series indexed by period label (PELT, L2 cost; see the module docstring).

    >>> s = pd.Series([2, 3, 2, 3, 2, 3, 20, 21, 19, 20, 22, 21], index=[f"2014-{m:02d}" for m in range(1, 13)])
    >>> structural_breaks(s).periods
    ['2014-07']
    """
    import ruptures

    values = series.fillna(0).to_numpy("float64")
    labels = [str(i) for i in series.index]
    if len(values) < 2 * min_size:
        return Breaks([], pd.DataFrame({"start": labels[:1], "end": labels[-1:], "mean": [values.mean()]}))
    signal = np.sqrt(values) if count else values
    if penalty is None:
        diffs = np.diff(signal)
        sigma = 1.4826 * float(np.median(np.abs(diffs - np.median(diffs)))) / math.sqrt(2)
        sigma = sigma or float(np.std(signal)) or 1.0
        if count:  # square-rooted Poisson counts have a standard deviation of about 1/2 at the least
            sigma = max(sigma, 0.5)
        penalty = 2 * sigma * sigma * math.log(len(signal))
    ends = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(signal.reshape(-1, 1)).predict(pen=penalty)
    starts = [0, *ends[:-1]]
    segments = pd.DataFrame(
        {
            "start": [labels[s] for s in starts],
            "end": [labels[e - 1] for e in ends],
            "mean": [float(values[s:e].mean()) for s, e in zip(starts, ends, strict=True)],
        }
    )
    return Breaks([labels[s] for s in starts[1:]], segments)
