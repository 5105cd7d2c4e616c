"""Acceptance: every GED Pakistan event resolves; >= 95% of distinct GED places within 25 km.

The shipped gazetteer contains GED's own place names, so this checks coverage and ranking; the
GeoNames + curated part alone is measured in bench/bench_geocode.py and docs/geocoding.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.geo import Geocoder
from tacitus.geo.evaluate import AgreementReport, ged_agreement, read_ged


@pytest.fixture(scope="module")
def report(geocoder: Geocoder, shared: Path) -> AgreementReport:
    ged = read_ged(shared / "data/ucdp-ged-pakistan/ucdp_ged_22_1_pakistan.csv")
    return ged_agreement(geocoder, ged)


def test_every_event_resolves(report: AgreementReport) -> None:
    assert report.events == 6416
    assert report.events_resolved == report.events


def test_agreement_with_ged_points(report: AgreementReport) -> None:
    assert report.places > 1100
    assert report.rate >= 0.95, [d.label for d in report.disagreements]


def test_known_bad_ged_point_is_a_disagreement(report: AgreementReport) -> None:
    # GED's "Khar town" point lies in Malakand; we keep Khar in Bajaur
    labels = {d.label for d in report.disagreements}
    assert "Khar town" in labels
