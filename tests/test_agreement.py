"""Agreement statistics against numbers worked out by hand and against Krippendorff's published examples.

The reliability data below are typed in from the tables of K. Krippendorff, "Computing Krippendorff's
Alpha-Reliability" (2011): section A (two observers, binary data) and section C (four observers, five values,
missing data), whose published alphas are nominal 0.743, interval 0.849 and ratio 0.797. The kappa figures are
computed by hand in the comments.
"""

from __future__ import annotations

import pytest

from tacitus.agreement import cohens_kappa, krippendorffs_alpha, pairable_units, percent_agreement

# Section A: observers A and B, ten units, values 0/1.
BINARY_A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
BINARY_B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]

# Section C: observers A-D (rows) on twelve units (columns); None where an observer coded nothing.
_ = None
FOUR_OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]
UNITS_C = [list(column) for column in zip(*FOUR_OBSERVERS, strict=True)]


def test_binary_two_observers() -> None:
    units = list(zip(BINARY_A, BINARY_B, strict=True))
    # Coincidences: o00 = 10, o11 = 2, o01 = o10 = 4; n0 = 14, n1 = 6, n = 20.
    # alpha = 1 - (n - 1) (o01 + o10) / (2 n0 n1) = 1 - 19 * 8 / 168 = 0.0952 (Krippendorff: 0.095).
    assert krippendorffs_alpha(units) == pytest.approx(1 - 19 * 8 / 168)
    assert round(krippendorffs_alpha(units) or 0, 3) == 0.095
    # Six of ten units agree; A says 1 twice, B four times: p_e = 0.8*0.6 + 0.2*0.4 = 0.56;
    # kappa = (0.6 - 0.56) / 0.44 = 1/11.
    assert percent_agreement(units) == pytest.approx(0.6)
    assert cohens_kappa(units) == pytest.approx(1 / 11)


def test_four_observers_with_missing_values() -> None:
    assert pairable_units(UNITS_C) == 11  # unit 12 has a single value and drops out
    assert round(krippendorffs_alpha(UNITS_C, "nominal") or 0, 3) == 0.743
    assert round(krippendorffs_alpha(UNITS_C, "interval") or 0, 3) == 0.849
    assert round(krippendorffs_alpha(UNITS_C, "ratio") or 0, 3) == 0.797


def test_cohens_kappa_three_categories_by_hand() -> None:
    # 10 units, categories x/y/z. Agreements: units 1-7 (7 of 10): p_o = 0.7.
    # Coder 1: x5 y3 z2; coder 2: x4 y4 z2 -> p_e = (5*4 + 3*4 + 2*2) / 100 = 0.36.
    # kappa = (0.7 - 0.36) / 0.64 = 0.53125.
    first = ["x", "x", "x", "x", "y", "y", "z", "x", "y", "z"]
    second = ["x", "x", "x", "x", "y", "y", "z", "y", "z", "y"]
    assert cohens_kappa(list(zip(first, second, strict=True))) == pytest.approx(0.53125)


def test_perfect_agreement() -> None:
    units = [("a", "a"), ("b", "b"), ("c", "c")]
    assert cohens_kappa(units) == pytest.approx(1.0)
    assert krippendorffs_alpha(units) == pytest.approx(1.0)
    assert krippendorffs_alpha([(3, 3), (10, 10)], "interval") == pytest.approx(1.0)
    assert percent_agreement(units) == 1.0


def test_no_variation_is_undefined_not_perfect() -> None:
    units = [("a", "a"), ("a", "a"), ("a", "a")]
    assert percent_agreement(units) == 1.0
    assert cohens_kappa(units) is None
    assert krippendorffs_alpha(units) is None
    assert krippendorffs_alpha([(0, 0), (0, 0)], "ratio") is None


def test_missing_values_drop_out() -> None:
    units = [("a", "a"), ("b", None), (None, None), ("a", "b"), ("b", "b")]
    assert pairable_units(units) == 3
    assert percent_agreement(units) == pytest.approx(2 / 3)
    # Pairs kept: (a,a), (a,b), (b,b): p_o = 2/3; marginals a:2/3, b:1/3 and a:1/3, b:2/3 -> p_e = 4/9;
    # kappa = (2/3 - 4/9) / (5/9) = 0.4.
    assert cohens_kappa(units) == pytest.approx(0.4)
    assert percent_agreement([(None, "a")]) is None
    assert cohens_kappa([]) is None
    assert krippendorffs_alpha([("a", None)]) is None


def test_systematic_disagreement_is_below_zero() -> None:
    units = [("a", "b"), ("b", "a"), ("a", "b"), ("b", "a")]
    assert (krippendorffs_alpha(units) or 0) < 0
    assert cohens_kappa(units) == pytest.approx(-1.0)


def test_ratio_metric_weighs_relative_differences() -> None:
    # 2 vs 4 differs as much, relatively, as 20 vs 40: the ratio metric sees the same alpha, interval does not.
    small = [(2, 4), (2, 2), (4, 4)]
    large = [(20, 40), (20, 20), (40, 40)]
    assert krippendorffs_alpha(small, "ratio") == pytest.approx(krippendorffs_alpha(large, "ratio"))
    assert krippendorffs_alpha(small, "interval") == pytest.approx(krippendorffs_alpha(large, "interval"))
    tolls = [(2, 4), (20, 20), (40, 40)]
    assert krippendorffs_alpha(tolls, "ratio") != pytest.approx(krippendorffs_alpha(tolls, "interval"))
