"""Inter-coder agreement: percent agreement, Cohen's kappa and Krippendorff's alpha, from their definitions.

Reliability data are *units* (here: events of a double-coding sample), each with the values the coders gave it;
`None` is a missing value (a coder who did not code the unit, or left a number empty). Nothing here knows about
events or stores, so the statistics are tested against worked examples from the literature (tests/test_agreement.py).

- Percent agreement: of all pairs of values within a unit (over every unit with two or more values), the share
  that are equal. With two coders it is the share of units they coded alike.
- Cohen's kappa (J. Cohen, "A coefficient of agreement for nominal scales", Educational and Psychological
  Measurement 20(1), 1960, 37-46): kappa = (p_o - p_e) / (1 - p_e), where p_o is the observed share of units the
  two coders put in the same category and p_e = sum_k p_1(k) p_2(k) the share expected by chance from each
  coder's own marginal distribution. Only units both coders coded count.
- Krippendorff's alpha (K. Krippendorff, "Computing Krippendorff's Alpha-Reliability", Annenberg School for
  Communication, 2011; Content Analysis, 2nd ed., 2004, ch. 11): alpha = 1 - D_o / D_e, from the coincidence
  matrix o_ck = sum_u (number of c-k pairs of values in u) / (m_u - 1) over units with m_u >= 2 values,
  n_c = sum_k o_ck and n = sum_c n_c:
      D_o = (1 / n) sum_c sum_k o_ck delta2(c, k)
      D_e = (1 / (n (n - 1))) sum_c sum_k n_c n_k delta2(c, k)
  with the metric's squared difference delta2: nominal 0 if c = k else 1; interval (c - k)^2;
  ratio ((c - k) / (c + k))^2. Alpha works for any number of coders and tolerates missing values.

When the data show no variation at all (every value the same) the chance terms vanish (p_e = 1, D_e = 0) and
kappa and alpha are undefined (0/0): the functions return None rather than a number that would look like a
verdict — Krippendorff's point that such data cannot show reliability either way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from typing import Final

Unit = Sequence[Hashable | None]


def _nominal(c: Hashable, k: Hashable) -> float:
    return 0.0 if c == k else 1.0


def _interval(c: Hashable, k: Hashable) -> float:
    return (float(c) - float(k)) ** 2  # type: ignore[arg-type]


def _ratio(c: Hashable, k: Hashable) -> float:
    total = float(c) + float(k)  # type: ignore[arg-type]
    return 0.0 if total == 0 else ((float(c) - float(k)) / total) ** 2  # type: ignore[arg-type]


METRICS: Final[dict[str, Callable[[Hashable, Hashable], float]]] = {
    "nominal": _nominal, "interval": _interval, "ratio": _ratio}


def _counts(units: Sequence[Unit]) -> list[Counter[Hashable]]:
    """Each unit's values that can be paired (units with at least two non-missing values)."""
    out = []
    for unit in units:
        counts = Counter(v for v in unit if v is not None)
        if sum(counts.values()) >= 2:
            out.append(counts)
    return out


def pairable_units(units: Sequence[Unit]) -> int:
    """How many units have at least two values: the n every statistic here rests on."""
    return len(_counts(units))


def percent_agreement(units: Sequence[Unit]) -> float | None:
    """Share of equal pairs of values within units (None without a single pairable unit)."""
    agreeing = pairs = 0
    for counts in _counts(units):
        m = sum(counts.values())
        pairs += m * (m - 1)
        agreeing += sum(n * (n - 1) for n in counts.values())
    return agreeing / pairs if pairs else None


def cohens_kappa(pairs: Sequence[tuple[Hashable | None, Hashable | None]]) -> float | None:
    """Cohen's kappa for two coders over nominal values: pairs are (first coder's value, second's)."""
    both = [(a, b) for a, b in pairs if a is not None and b is not None]
    if not both:
        return None
    n = len(both)
    observed = sum(a == b for a, b in both) / n
    first, second = Counter(a for a, _ in both), Counter(b for _, b in both)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorffs_alpha(units: Sequence[Unit], metric: str = "nominal") -> float | None:
    """Krippendorff's alpha of the units' values under `metric` (nominal, interval or ratio)."""
    delta2 = METRICS[metric]
    coincidences: dict[tuple[Hashable, Hashable], float] = {}
    for counts in _counts(units):
        m = sum(counts.values())
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidences[(c, k)] = coincidences.get((c, k), 0.0) + pairs / (m - 1)
    marginals: dict[Hashable, float] = {}
    for (c, _k), o in coincidences.items():
        marginals[c] = marginals.get(c, 0.0) + o
    n = sum(marginals.values())
    if n <= 1:
        return None
    observed = sum(o * delta2(c, k) for (c, k), o in coincidences.items()) / n
    expected = sum(n_c * n_k * delta2(c, k) for c, n_c in marginals.items() for k, n_k in marginals.items()
                   ) / (n * (n - 1))
    if expected == 0:
        return None
    return 1 - observed / expected
