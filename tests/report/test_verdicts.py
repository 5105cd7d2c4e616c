"""Verdicts follow from the data: claims on a store with known changes, the decision rule itself, and one GED
claim recomputed from the CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tacitus.analysis.change import Effect
from tacitus.report import ClaimResult, evaluate, load_claims
from tacitus.report.verdicts import INCONCLUSIVE, NOT_SUPPORTED, SMALLER, SUPPORTED, decide
from tacitus.store import open_store

CLAIM = """\
claims:
  - id: c
    statement: A test claim.
    indicator: {indicator}
    filters: {{actor: TTP}}
    compare:
      type: before_after
      date: 2021-01-01
      months: {months}
      expect: {expect}
"""


def _verdict(db: Path, write: Callable[[str], Path], indicator: str, expect: str, months: int = 12) -> ClaimResult:
    claims = load_claims(write(CLAIM.format(indicator=indicator, expect=expect, months=months)))
    with open_store(str(db), read_only=True) as store:
        return evaluate(store, claims.claims[0])


def test_more_events_after_is_supported(stepped_db: Path, claims_file: Callable[[str], Path]) -> None:
    result = _verdict(stepped_db, claims_file, "events", "increase")
    assert result.verdict == SUPPORTED
    assert result.effect.estimate == pytest.approx(7 / 2, rel=1e-4)  # 2 a month before, 6 + 1 after
    assert (result.effect.before, result.effect.after) == (2.0, 7.0)
    assert "2.00 per month before" in result.summary and "7.00 per month after" in result.summary


def test_claiming_the_opposite_is_not_supported(stepped_db: Path, claims_file: Callable[[str], Path]) -> None:
    result = _verdict(stepped_db, claims_file, "events", "decrease")
    assert result.verdict == NOT_SUPPORTED
    assert "rules out a decrease" in result.reason


def test_share_claims(stepped_db: Path, claims_file: Callable[[str], Path]) -> None:
    soft = _verdict(stepped_db, claims_file, "soft_share", "increase")
    assert soft.verdict == SUPPORTED
    assert soft.effect.estimate == pytest.approx(12 / 84)  # 0 of 24 before, 12 of 84 after
    outside = _verdict(stepped_db, claims_file, "outside_core_share", "decrease")
    assert outside.verdict == NOT_SUPPORTED


def test_too_little_data_is_inconclusive(stepped_db: Path, claims_file: Callable[[str], Path]) -> None:
    # two months each side: no attack on civilians before, two after — more, but two events prove little
    result = _verdict(stepped_db, claims_file, "danger_to_civilians", "increase", months=2)
    assert result.verdict == INCONCLUSIVE
    assert result.effect.low < 1.0


def _effect(estimate: float, low: float, high: float, null: float) -> Effect:
    return Effect("m", estimate, low, high, null, "test")


@pytest.mark.parametrize(
    ("effect", "expect", "limit", "verdict"),
    [
        (_effect(1.5, 1.2, 1.9, 1.0), "increase", 1.1, SUPPORTED),
        (_effect(0.7, 0.5, 0.9, 1.0), "increase", 1.1, NOT_SUPPORTED),
        (_effect(1.02, 1.01, 1.05, 1.0), "increase", 1.1, NOT_SUPPORTED),  # real but smaller than claimed
        (_effect(1.2, 0.9, 1.6, 1.0), "increase", 1.1, INCONCLUSIVE),
        # real (the interval excludes no change) but the estimate falls short of the claimed size
        (_effect(1.05, 1.01, 1.3, 1.0), "increase", 1.1, SMALLER),
        (_effect(0.95, 0.8, 0.99, 1.0), "decrease", 1 / 1.1, SMALLER),
        (_effect(0.03, 0.01, 0.08, 0.0), "increase", 0.05, SMALLER),
        (_effect(0.7, 0.5, 0.9, 1.0), "decrease", 1 / 1.1, SUPPORTED),
        (_effect(-0.1, -0.15, -0.05, 0.0), "decrease", -0.05, SUPPORTED),
        (_effect(0.02, -0.01, 0.04, 0.0), "increase", 0.05, NOT_SUPPORTED),
        (_effect(float("nan"), float("nan"), float("nan"), 1.0), "increase", 1.1, INCONCLUSIVE),
    ],
)
def test_decision_rule(effect: Effect, expect: str, limit: float, verdict: str) -> None:
    assert decide(effect, expect, limit)[0] == verdict


def test_a_ged_claim_matches_the_csv(ged_store: Path, ged_csv: Path) -> None:
    """'Fewer TTP events per month in 2012-2014 than in 2008-2011', recomputed from GED's own columns."""
    claims = load_claims(Path(__file__).resolve().parents[2] / "examples" / "seed-claims.yaml")
    claim = next(c for c in claims.claims if c.id == "weaker")
    with open_store(str(ged_store), read_only=True) as store:
        result = evaluate(store, claim)
    ged = pd.read_csv(ged_csv, skiprows=[1], low_memory=False)
    names = {"TTP", "TTP - TA", "TTP-KM", "TTP-SM", "TTP - MR", "TTP - MT", "TTP-Islahi", "Jamaat-ul-Ahrar"}
    ttp = ged[ged["side_a"].isin(names) | ged["side_b"].isin(names)]
    day = pd.to_datetime(ttp["date_start"])
    before = ((day >= "2008-01-01") & (day <= "2011-12-31")).sum() / 48
    after = ((day >= "2012-01-01") & (day <= "2014-12-31")).sum() / 36
    assert result.effect.before == pytest.approx(before)
    assert result.effect.after == pytest.approx(after)
    assert result.effect.estimate == pytest.approx(after / before, rel=1e-4)
    assert result.verdict == (SUPPORTED if result.effect.high < 1 else INCONCLUSIVE)
    assert f"{before:,.2f} per month before" in result.summary


def test_seed_verdicts_on_ged_are_the_documented_ones(ged_store: Path) -> None:
    """docs/analysis.md states what GED 22.1 says about each seed claim; this keeps that text true."""
    claims = load_claims(Path(__file__).resolve().parents[2] / "examples" / "seed-claims.yaml")
    with open_store(str(ged_store), read_only=True) as store:
        verdicts = {c.id: evaluate(store, c).verdict for c in claims.claims}
    assert verdicts == {
        "weaker": SUPPORTED, "soft-targets": SMALLER, "diffuse": SUPPORTED, "drones": SUPPORTED,
        "sectarian": NOT_SUPPORTED, "factions": NOT_SUPPORTED,
        "beyond-fata": INCONCLUSIVE, "retaliation": INCONCLUSIVE,
    }
